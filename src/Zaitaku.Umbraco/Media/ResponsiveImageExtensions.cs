using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PropertyEditors.ValueConverters;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Media;

/// <summary>
/// Responsive image markup for templates, through Umbraco's own <c>GetCropUrl</c> (so the addresses come from the
/// registered <see cref="SkiaImageUrlGenerator"/>): <c>@Html.ResponsiveImage(Model.Photo, "(min-width: 40em) 640px, 100vw")</c>
/// gives an <c>img</c> with <c>srcset</c> over the widths of <see cref="MediaLibrary.Sizes"/> up to the image's own,
/// <c>width</c>/<c>height</c> (no layout shift), the media item's 代替テキスト as <c>alt</c> (empty for 飾りの画像),
/// and lazy loading.
/// </summary>
public static class ResponsiveImageExtensions
{
    public const string AltTextAlias = "altText";
    public const string DecorativeAlias = "decorative";

    /// <param name="sizes">The img's sizes attribute: how wide the image is shown at each viewport width.</param>
    /// <param name="cropAlias">A crop of the image cropper's configuration; its aspect ratio is kept at every width.</param>
    public static IHtmlContent ResponsiveImage(this IHtmlHelper html, MediaWithCrops? image, string sizes = "100vw",
        string? cropAlias = null, string? cssClass = null, bool lazy = true) =>
        image is null ? HtmlString.Empty : Markup(image.Content, w => image.GetCropUrl(width: w, height: Height(image, cropAlias, w), cropAlias: cropAlias,
            imageCropMode: cropAlias is null ? null : ImageCropMode.Crop, useCropDimensions: false), image, cropAlias, sizes, cssClass, lazy);

    public static IHtmlContent ResponsiveImage(this IHtmlHelper html, IPublishedContent? image, string sizes = "100vw", string? cssClass = null, bool lazy = true) =>
        image is null ? HtmlString.Empty : Markup(image, w => image.GetCropUrl(width: w), null, null, sizes, cssClass, lazy);

    /// <summary>The widths offered: the allow-listed sizes up to the stored image's width, and that width itself.</summary>
    public static IReadOnlyList<int> Widths(int sourceWidth) =>
        [.. MediaLibrary.Sizes.Where(s => s < sourceWidth), .. MediaLibrary.Sizes.Contains(sourceWidth) || sourceWidth > MediaLibrary.Sizes[^1] ? [] : new[] { sourceWidth }];

    private static ImageCropperValue.ImageCropperCrop? Crop(MediaWithCrops image, string? alias) =>
        alias is null ? null : image.LocalCrops?.GetCrop(alias) ?? image.Content.Value<ImageCropperValue>(Umbraco.Cms.Core.Constants.Conventions.Media.File)?.GetCrop(alias);

    private static int? Height(MediaWithCrops image, string? cropAlias, int width) =>
        Crop(image, cropAlias) is { Width: > 0, Height: > 0 } crop ? (int)Math.Round((double)width * crop.Height / crop.Width) : null;

    private static IHtmlContent Markup(IPublishedContent media, Func<int, string?> url, MediaWithCrops? withCrops, string? cropAlias,
        string sizes, string? cssClass, bool lazy)
    {
        var sourceWidth = media.Value<int?>(Umbraco.Cms.Core.Constants.Conventions.Media.Width) ?? 0;
        var sourceHeight = media.Value<int?>(Umbraco.Cms.Core.Constants.Conventions.Media.Height) ?? 0;
        if (sourceWidth <= 0 || sourceHeight <= 0) return HtmlString.Empty;
        var widths = Widths(sourceWidth);
        var largest = widths[^1];
        var shownHeight = withCrops is not null && cropAlias is not null && Height(withCrops, cropAlias, largest) is { } h ? h
            : (int)Math.Round((double)largest * sourceHeight / sourceWidth);
        var decorative = media.Value<bool>(DecorativeAlias);
        var alt = decorative ? "" : media.Value<string>(AltTextAlias) ?? "";
        // Japanese alt text stays readable in the page source; markup characters are still encoded.
        var e = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var srcset = string.Join(", ", widths.Select(w => e.Encode(url(w) ?? "") + " " + w.ToString(CultureInfo.InvariantCulture) + "w"));
        var markup = $"<img src=\"{e.Encode(url(largest) ?? "")}\" srcset=\"{srcset}\" sizes=\"{e.Encode(sizes)}\" width=\"{largest}\" height=\"{shownHeight}\" alt=\"{e.Encode(alt)}\""
            + (cssClass is null ? "" : $" class=\"{e.Encode(cssClass)}\"")
            + (lazy ? " loading=\"lazy\" decoding=\"async\"" : "") + ">";
        return new HtmlString(markup);
    }
}
