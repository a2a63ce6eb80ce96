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
        MediaLibrary library, DownloadCounter downloads, HotMediaFiles hot)
    {
        if (!Guid.TryParseExact(key, "N", out var mediaKey) || library.Find(mediaKey) is not { } item
            || item.Kind == MediaKind.Folder || library.IsInRecycleBin(item))
            return Results.NotFound();
        if (revision != item.Revision)
            return Results.Redirect(MediaLibrary.Url(item) + context.Request.QueryString, permanent: true);

        var headers = context.Response.Headers;
        if (item.Kind == MediaKind.Document)
        {
            // Shown in the browser, and saved under its Japanese name (RFC 6266 filename*).
            var disposition = new ContentDispositionHeaderValue("inline");
            disposition.SetHttpFileName(item.FileName ?? "file." + item.Extension);
            headers.ContentDisposition = disposition.ToString();
            headers.CacheControl = Immutable;
            if (HttpMethods.IsGet(context.Request.Method) && IsFirstPart(context.Request)) downloads.Count(item.Key);
            return Results.File(library.FilePath(item), item.MediaType, lastModified: item.UpdatedUtc,
                entityTag: new EntityTagHeaderValue($"\"{item.Key:N}-{item.Revision}\""), enableRangeProcessing: true);
        }

        var query = context.Request.Query;
        if (!TryReadSize(query["width"], out var width) || !TryReadSize(query["height"], out var height))
            return Results.Text($"画像の幅と高さは、次の値から選んでください：{string.Join("、", MediaLibrary.Sizes)}", "text/plain; charset=utf-8", statusCode: 400);
        var (format, negotiated) = ChooseFormat(context.Request, query["format"], item);
        if (format is null)
            return Results.Text("画像の形式（format）は webp・jpeg・png のどれかにしてください。", "text/plain; charset=utf-8", statusCode: 400);
        if (negotiated) headers.Vary = "Accept";
        headers.CacheControl = Immutable;

        if (width is null && height is null && !negotiated && format == Native(item))
        {
            var original = library.FilePath(item);
            if (hot.TryGet(original, out var file)) return Send(file);
            var tag = $"\"{item.Key:N}-{item.Revision}\"";
            return await hot.LoadAsync(original, item.MediaType ?? "application/octet-stream", item.UpdatedUtc, tag, context.RequestAborted) is { } loaded
                ? Send(loaded)
                : Results.File(original, item.MediaType, lastModified: item.UpdatedUtc, entityTag: new EntityTagHeaderValue(tag));
        }

        // Never larger than the stored image: a bigger size would only cost bytes.
        var effectiveWidth = Math.Min(width ?? item.Width!.Value, item.Width!.Value);
        var effectiveHeight = height is { } h ? Math.Min(h, item.Height!.Value) : (int?)null;
        var path = library.DerivativePath(item, effectiveWidth, effectiveHeight, format.Value);
        if (hot.TryGet(path, out var cached)) return Send(cached);

        await library.DerivativeAsync(item, effectiveWidth, effectiveHeight, format.Value);
        var mediaType = format switch { SKEncodedImageFormat.Webp => "image/webp", SKEncodedImageFormat.Png => "image/png", _ => "image/jpeg" };
        var derivativeTag = $"\"{item.Key:N}-{item.Revision}-{effectiveWidth}x{effectiveHeight ?? 0}-{(int)(item.FocalX * 1000)}x{(int)(item.FocalY * 1000)}-{format}\"";
        return await hot.LoadAsync(path, mediaType, item.UpdatedUtc, derivativeTag, context.RequestAborted) is { } rendered
            ? Send(rendered)
            : Results.File(path, mediaType, lastModified: item.UpdatedUtc, entityTag: new EntityTagHeaderValue(derivativeTag));
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
