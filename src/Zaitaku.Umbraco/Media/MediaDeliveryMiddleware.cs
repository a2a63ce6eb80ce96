using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SkiaSharp;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.IO;
using Umbraco.Cms.Core.Services;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Media;

/// <summary>
/// Our part of serving <c>/media/…</c>, in front of Umbraco's static files (an Umbraco pipeline filter, where Umbraco's
/// ImageSharp middleware would sit):
/// <list type="bullet">
/// <item>image derivatives (<c>?width=</c>, crops, focal points, format) from <see cref="ImageDerivatives"/>: the widths
/// srcset uses (<see cref="MediaLibrary.Sizes"/>) for anyone, any other size only with the signature
/// <see cref="SkiaImageUrlGenerator"/> gives the addresses pages use;</item>
/// <item>PDFs: shown in the browser only when the file passes today's active-content check, otherwise offered as a
/// download in a sandbox; each download counted (<see cref="DownloadCounter"/>).</item>
/// </list>
/// Everything else (the stored image itself, other files) goes on to Umbraco's static files unchanged.
/// </summary>
public sealed class MediaDeliveryMiddleware(
    RequestDelegate next,
    MediaFileManager mediaFiles,
    IMediaService mediaService,
    ImageDerivatives derivatives,
    ImageSigning signing,
    DownloadCounter downloads,
    IOptions<ImagingSettings> imaging)
{
    private const string Immutable = "public, max-age=31536000, immutable";
    private readonly ConcurrentDictionary<(string Path, long Modified), bool> _plainPdfs = new();
    private readonly ConcurrentDictionary<string, Guid> _mediaKeys = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/media") || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)))
        {
            await next(context);
            return;
        }
        var path = request.Path.Value!;
        var extension = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        if (extension == "pdf")
        {
            PreparePdf(context, path);
            await next(context);
        }
        else if (ImageDerivatives.Extensions.Contains(extension) && IsDerivativeQuery(request.Query))
        {
            await ServeDerivativeAsync(context, path);
        }
        else
        {
            await next(context);
        }
    }

    private static bool IsDerivativeQuery(IQueryCollection query) =>
        query.ContainsKey("width") || query.ContainsKey("height") || query.ContainsKey("cc") || query.ContainsKey("rxy") || query.ContainsKey("format");

    private void PreparePdf(HttpContext context, string path)
    {
        var relative = mediaFiles.FileSystem.GetRelativePath(path);
        if (!mediaFiles.FileSystem.FileExists(relative)) return;
        var full = mediaFiles.FileSystem.GetFullPath(relative);
        var plain = _plainPdfs.GetOrAdd((full, File.GetLastWriteTimeUtc(full).Ticks), k => MediaFileCheck.IsPlainPdf(k.Path));
        var headers = context.Response.Headers;
        // Shown in the browser when it passed the check, and saved under its own name (RFC 6266 filename*). A file that
        // fails today's check (stored before it grew stricter, or put there behind Umbraco's back) is only offered as a
        // download, sandboxed so that a viewer opening it anyway gives it an origin of its own. A plain file is not
        // sandboxed: Chrome's PDF viewer refuses to show a sandboxed document, and residents read わたしノート in the browser.
        var disposition = new ContentDispositionHeaderValue(plain ? "inline" : "attachment");
        disposition.SetHttpFileName(Path.GetFileName(relative));
        headers.ContentDisposition = disposition.ToString();
        headers.XContentTypeOptions = "nosniff";
        if (!plain)
            headers.ContentSecurityPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; object-src 'none'; frame-ancestors 'none'";
        if (HttpMethods.IsGet(context.Request.Method) && IsFirstPart(context.Request) && MediaKey(path) is { } key) downloads.Count(key);
    }

    /// <summary>The media item a file belongs to (the file's address is unique to its item and property).</summary>
    private Guid? MediaKey(string path)
    {
        if (_mediaKeys.TryGetValue(path, out var key)) return key;
        if (mediaService.GetMediaByPath(path) is not { } media) return null; // not remembered: it may be saved in a moment
        return _mediaKeys[path] = media.Key;
    }

    /// <summary>A download counts once: a PDF viewer's later range requests for more pages do not.</summary>
    private static bool IsFirstPart(HttpRequest request) =>
        !request.Headers.Range.Any() || request.Headers.Range.ToString().StartsWith("bytes=0-", StringComparison.Ordinal);

    private async Task ServeDerivativeAsync(HttpContext context, string path)
    {
        var relative = mediaFiles.FileSystem.GetRelativePath(path);
        if (!mediaFiles.FileSystem.FileExists(relative))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (Parse(context.Request, path) is not { } parsed)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                $"画像の幅（width）は、次の値から選んでください：{string.Join("、", MediaLibrary.Sizes)}。ほかの大きさや切り抜きは、ページが作る署名付きのアドレスでだけ表示できます。");
            return;
        }
        var (derivative, negotiated, signed) = parsed;
        var file = await derivatives.GetAsync(mediaFiles.FileSystem.GetFullPath(relative), derivative);
        if (file is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        var headers = context.Response.Headers;
        var tag = new EntityTagHeaderValue("\"" + Path.GetFileNameWithoutExtension(file) + "\"");
        headers.ETag = tag.ToString();
        if (negotiated) headers.Vary = "Accept";
        // A signed address carries Umbraco's cache buster (the media item's update date): it never changes.
        headers.CacheControl = signed || context.Request.Query.ContainsKey("v") ? Immutable : "public, max-age=86400";
        headers.XContentTypeOptions = "nosniff";
        if (context.Request.Headers.IfNoneMatch.Any(v => v == tag.ToString()))
        {
            context.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        context.Response.ContentType = ImageDerivatives.MediaType(derivative.Format);
        context.Response.ContentLength = new FileInfo(file).Length;
        if (HttpMethods.IsHead(context.Request.Method)) return;
        await context.Response.SendFileAsync(file, context.RequestAborted);
    }

    private (DerivativeRequest Request, bool Negotiated, bool Signed)? Parse(HttpRequest request, string path)
    {
        var query = request.Query;
        var raw = request.QueryString.Value is { Length: > 1 } q ? q[1..] : "";
        var marker = raw.LastIndexOf("&" + ImageSigning.Parameter + "=", StringComparison.Ordinal);
        var signed = marker >= 0 && signing.IsValid(path, raw[..marker], raw[(marker + ImageSigning.Parameter.Length + 2)..]);
        if (marker >= 0 && !signed) return null;

        if (!TryInt(query["width"], imaging.Value.Resize.MaxWidth, out var width) || !TryInt(query["height"], imaging.Value.Resize.MaxHeight, out var height)
            || !TryInt(query["quality"], 100, out var quality))
            return null;
        (double, double, double, double)? crop = null;
        if (query.ContainsKey("cc"))
        {
            if (!ImageDerivatives.TryFraction(query["cc"], 4, out var c) || c[0] + c[2] >= 1 || c[1] + c[3] >= 1) return null;
            crop = (c[0], c[1], c[2], c[3]);
        }
        (double, double)? focal = null;
        if (query.ContainsKey("rxy"))
        {
            if (!ImageDerivatives.TryFraction(query["rxy"], 2, out var f)) return null;
            focal = (f[0], f[1]);
        }
        // Unsigned: only the widths srcset offers, whole images, so nobody can make the server render a million sizes.
        if (!signed && (width is not { } w || !MediaLibrary.Sizes.Contains(w) || height is not null || crop is not null || focal is not null || quality is not null))
            return null;

        SKEncodedImageFormat format;
        var negotiated = false;
        switch (query["format"].ToString().ToLowerInvariant())
        {
            case "webp": format = SKEncodedImageFormat.Webp; break;
            case "jpeg" or "jpg": format = SKEncodedImageFormat.Jpeg; break;
            case "png": format = SKEncodedImageFormat.Png; break;
            case "":
                negotiated = true;
                format = request.Headers.Accept.ToString().Contains("image/webp", StringComparison.OrdinalIgnoreCase) ? SKEncodedImageFormat.Webp
                    : Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase) ? SKEncodedImageFormat.Png : SKEncodedImageFormat.Jpeg;
                break;
            default: return null;
        }
        return (new DerivativeRequest(width, height, crop, focal, format, quality ?? 82), negotiated, signed);
    }

    private static bool TryInt(string? text, int max, out int? value)
    {
        value = null;
        if (string.IsNullOrEmpty(text)) return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1 || parsed > max) return false;
        value = parsed;
        return true;
    }
}
