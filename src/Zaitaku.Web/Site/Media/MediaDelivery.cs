using Microsoft.Net.Http.Headers;
using SkiaSharp;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Site.Media;

/// <summary>
/// Serves media files and image derivatives. Addresses carry the revision, so a response never
/// changes and is cached for a year; an old revision's address leads to the current one (301), so a
/// replaced file keeps every link working.
/// </summary>
public static class MediaDelivery
{
    private const string Immutable = "public, max-age=31536000, immutable";

    public static async Task<IResult> ServeAsync(HttpContext context, string key, int revision, string name,
        MediaLibrary library, DownloadCounter downloads, HotMediaFiles hot, PlainPdfs plainPdfs)
    {
        if (!Guid.TryParseExact(key, "N", out var mediaKey) || library.Find(mediaKey) is not { } item
            || item.Kind == MediaKind.Folder || library.IsInRecycleBin(item))
            return Results.NotFound();
        if (revision != item.Revision)
            return Results.Redirect(MediaLibrary.Url(item) + context.Request.QueryString, permanent: true);

        var headers = context.Response.Headers;
        if (item.Kind == MediaKind.Document)
        {
            // Shown in the browser when it passed the check, and saved under its Japanese name (RFC 6266
            // filename*). A file that fails today's check (stored before it grew stricter) is only offered
            // as a download, and sandboxed so that a viewer opening it anyway gives it an origin of its own.
            // A plain file is not sandboxed: Chrome's PDF viewer refuses to show a sandboxed document, and
            // residents read わたしノート in the browser.
            var plain = plainPdfs.IsPlain(item);
            var disposition = new ContentDispositionHeaderValue(plain ? "inline" : "attachment");
            disposition.SetHttpFileName(MediaService.SafeFileName(item.FileName ?? "file." + item.Extension, item.Extension));
            headers.ContentDisposition = disposition.ToString();
            if (!plain)
                headers.ContentSecurityPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; object-src 'none'; frame-ancestors 'none'";
            headers.CacheControl = Immutable;
            if (HttpMethods.IsGet(context.Request.Method) && IsFirstPart(context.Request)) downloads.Count(item.Key);
            return Results.File(library.FilePath(item), item.MediaType, lastModified: item.UpdatedUtc,
                entityTag: new EntityTagHeaderValue($"\"{item.Key:N}-{item.Revision}\""), enableRangeProcessing: true);
        }

        var query = context.Request.Query;
        if (!TryReadSize(query["width"], out var width) || !TryReadSize(query["height"], out var height) || !MediaLibrary.IsAllowedDerivative(width, height))
            return Results.Text($"画像の幅（width）は、次の値から選んでください：{string.Join("、", MediaLibrary.Sizes)}。高さ（height）は、幅と同じ値（正方形の切り抜き）だけ指定できます。",
                "text/plain; charset=utf-8", statusCode: 400);
        var (format, negotiated) = ChooseFormat(context.Request, query["format"], item);
        if (format is null)
            return Results.Text("画像の形式（format）は webp・jpeg・png のどれかにしてください。", "text/plain; charset=utf-8", statusCode: 400);
        if (negotiated) headers.Vary = "Accept";
        headers.CacheControl = Immutable;

        var path = HotPath(library, item, width, height, format.Value, negotiated);
        if (hot.TryGet(path, out var cached)) return Send(cached);
        if (IsOriginal(item, width, height, format.Value, negotiated))
        {
            var tag = $"\"{item.Key:N}-{item.Revision}\"";
            return await hot.LoadAsync(path, item.MediaType ?? "application/octet-stream", item.UpdatedUtc, tag, context.RequestAborted) is { } loaded
                ? Send(loaded)
                : Results.File(path, item.MediaType, lastModified: item.UpdatedUtc, entityTag: new EntityTagHeaderValue(tag));
        }

        var (effectiveWidth, effectiveHeight) = EffectiveSize(item, width, height);
        await library.DerivativeAsync(item, effectiveWidth, effectiveHeight, format.Value);
        var mediaType = format switch { SKEncodedImageFormat.Webp => "image/webp", SKEncodedImageFormat.Png => "image/png", _ => "image/jpeg" };
        var derivativeTag = $"\"{item.Key:N}-{item.Revision}-{effectiveWidth}x{effectiveHeight ?? 0}-{(int)(item.FocalX * 1000)}x{(int)(item.FocalY * 1000)}-{format}\"";
        return await hot.LoadAsync(path, mediaType, item.UpdatedUtc, derivativeTag, context.RequestAborted) is { } rendered
            ? Send(rendered)
            : Results.File(path, mediaType, lastModified: item.UpdatedUtc, entityTag: new EntityTagHeaderValue(derivativeTag));
    }

    /// <summary>
    /// The way most image requests end, answered before the rest of the pipeline runs (the request
    /// log, the error pages, routing): a file already in memory. Anything else (not in memory, an
    /// old revision, a bad size, a PDF) returns false and goes the whole way, with its log line and
    /// Japanese error page; a file sent is only Debug in the request log anyway (FileAnswers).
    /// </summary>
    public static async Task<bool> TryServeFromMemoryAsync(HttpContext context, MediaLibrary library, HotMediaFiles hot)
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return false;
        var parts = request.Path.Value!.Split('/'); // "", "media", key, revision, name
        if (parts.Length != 5 || !Guid.TryParseExact(parts[2], "N", out var key) || !int.TryParse(parts[3], out var revision)
            || library.Find(key) is not { Kind: MediaKind.Image } item || item.Revision != revision || library.IsInRecycleBin(item))
            return false;
        var query = request.Query;
        if (!TryReadSize(query["width"], out var width) || !TryReadSize(query["height"], out var height) || !MediaLibrary.IsAllowedDerivative(width, height)) return false;
        var (format, negotiated) = ChooseFormat(request, query["format"], item);
        if (format is null || !hot.TryGet(HotPath(library, item, width, height, format.Value, negotiated), out var file)) return false;

        Zaitaku.Web.Hosting.SecurityHeaders.Add(context);
        if (negotiated) context.Response.Headers.Vary = "Accept";
        context.Response.Headers.CacheControl = Immutable;
        await Send(file).ExecuteAsync(context);
        return true;
    }

    private static bool IsOriginal(MediaItem item, int? width, int? height, SKEncodedImageFormat format, bool negotiated) =>
        width is null && height is null && !negotiated && format == Native(item);

    /// <summary>Never larger than the stored image: a bigger size would only cost bytes.</summary>
    private static (int Width, int? Height) EffectiveSize(MediaItem item, int? width, int? height) =>
        (Math.Min(width ?? item.Width!.Value, item.Width!.Value), height is { } h ? Math.Min(h, item.Height!.Value) : null);

    /// <summary>The stored file itself, or the derivative's place in the disk cache: the key of the memory cache.</summary>
    private static string HotPath(MediaLibrary library, MediaItem item, int? width, int? height, SKEncodedImageFormat format, bool negotiated)
    {
        if (IsOriginal(item, width, height, format, negotiated)) return library.FilePath(item);
        var (effectiveWidth, effectiveHeight) = EffectiveSize(item, width, height);
        return library.DerivativePath(item, effectiveWidth, effectiveHeight, format);
    }

    /// <summary>From memory, with the same validators as from disk (If-None-Match still answers 304).</summary>
    private static IResult Send(HotMediaFiles.HotFile file) =>
        Results.Bytes(file.Bytes, file.MediaType, lastModified: file.LastModified, entityTag: file.ETag);

    private static bool TryReadSize(string? text, out int? size)
    {
        size = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!int.TryParse(text, out var value) || !MediaLibrary.Sizes.Contains(value)) return false;
        size = value;
        return true;
    }

    /// <summary>WebP for browsers that say they take it; otherwise JPEG, or PNG for a PNG (which may be transparent).</summary>
    private static (SKEncodedImageFormat? Format, bool Negotiated) ChooseFormat(HttpRequest request, string? asked, MediaItem item)
    {
        switch (asked?.ToLowerInvariant())
        {
            case "webp": return (SKEncodedImageFormat.Webp, false);
            case "jpeg" or "jpg": return (SKEncodedImageFormat.Jpeg, false);
            case "png": return (SKEncodedImageFormat.Png, false);
            case null or "": break;
            default: return (null, false);
        }
        var accept = request.Headers.Accept.ToString();
        if (accept.Contains("image/webp", StringComparison.OrdinalIgnoreCase)) return (SKEncodedImageFormat.Webp, true);
        return (item.MediaType == "image/png" ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg, true);
    }

    private static SKEncodedImageFormat Native(MediaItem item) => item.MediaType switch
    {
        "image/png" => SKEncodedImageFormat.Png,
        "image/webp" => SKEncodedImageFormat.Webp,
        _ => SKEncodedImageFormat.Jpeg,
    };

    /// <summary>A download counts once: a PDF viewer's later range requests for more pages do not.</summary>
    private static bool IsFirstPart(HttpRequest request) =>
        !request.Headers.Range.Any() || request.Headers.Range.ToString().StartsWith("bytes=0-", StringComparison.Ordinal);
}
