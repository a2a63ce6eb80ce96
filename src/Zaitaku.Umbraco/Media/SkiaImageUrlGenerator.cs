using System.Globalization;
using Umbraco.Cms.Core.Media;
using Umbraco.Cms.Core.Models;

namespace Zaitaku.Web.Media;

/// <summary>
/// Umbraco's image URL generation (GetCropUrl, the Delivery API's crop URLs, the backoffice's thumbnails) onto our
/// SkiaSharp derivatives: <c>/media/…/photo.jpg?width=480&amp;height=480&amp;rxy=0.5,0.3&amp;v=…&amp;hmac=…</c>, served by
/// <see cref="MediaDeliveryMiddleware"/>. The parameter names are ImageSharp's, so an address reads the same as on
/// any Umbraco site.
/// </summary>
public sealed class SkiaImageUrlGenerator(ImageSigning signing) : IImageUrlGenerator
{
    public IEnumerable<string> SupportedImageFileTypes => ImageDerivatives.Extensions;

    public string? GetImageUrl(ImageUrlGenerationOptions? options)
    {
        if (options?.ImageUrl is not { Length: > 0 } url) return null;
        var queryStart = url.IndexOf('?');
        var path = queryStart < 0 ? url : url[..queryStart];
        if (!ImageDerivatives.Extensions.Contains(Path.GetExtension(path).TrimStart('.').ToLowerInvariant())) return url;

        var parts = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add(name + "=" + Uri.EscapeDataString(value)); }
        static string N(decimal d) => Math.Round(d, 4).ToString(CultureInfo.InvariantCulture);
        if (options.Crop is { } crop) Add("cc", $"{N(crop.Left)},{N(crop.Top)},{N(crop.Right)},{N(crop.Bottom)}");
        else if (options.FocalPoint is { } focal) Add("rxy", $"{N(focal.Left)},{N(focal.Top)}");
        else if (options.ImageCropAnchor is { } anchor) Add("ranchor", anchor.ToString().ToLowerInvariant());
        if (options.ImageCropMode is { } mode) Add("rmode", mode.ToString().ToLowerInvariant());
        Add("width", options.Width?.ToString(CultureInfo.InvariantCulture));
        Add("height", options.Height?.ToString(CultureInfo.InvariantCulture));
        Add("quality", options.Quality?.ToString(CultureInfo.InvariantCulture));
        Add("format", options.Format);
        Add("v", options.CacheBusterValue);
        if (parts.Count == 0) return url;
        var query = string.Join("&", parts);
        // What the signature covers is exactly what the middleware reads back (the path as requested, the query in order).
        return path + "?" + query + "&" + ImageSigning.Parameter + "=" + signing.Sign(path, query);
    }
}
