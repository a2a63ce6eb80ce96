using Umbraco.Cms.Core.Models;
using Zaitaku.Core.Rendering;

namespace Zaitaku.Web.Site;

/// <summary>
/// An image from the media library as the page shows it: srcset over the derivative widths the site makes, sizes for
/// the text column, the width and height of the fallback (no layout shift), and its alternative text — empty for an
/// image marked decorative. The addresses come from Umbraco's own crop URL API, so every template asks Umbraco.
/// </summary>
public static class Figures
{
    /// <summary>The widths derivatives are made in (the media handler refuses any other).</summary>
    public static readonly IReadOnlyList<int> Widths = [160, 320, 480, 640, 800, 1024, 1280, 1600, 1920];
    public const string BodySizes = "(min-width: 52em) 46rem, calc(100vw - 2rem)";

    public static ResponsiveImage? Responsive(MediaWithCrops? media)
    {
        if (media is null) return null;
        var width = media.Content.Value<int?>(Umbraco.Cms.Core.Constants.Conventions.Media.Width);
        var height = media.Content.Value<int?>(Umbraco.Cms.Core.Constants.Conventions.Media.Height);
        if (width is not > 0 || height is not > 0) return null;
        var widths = Widths.Where(w => w <= width).DefaultIfEmpty(width.Value).ToList();
        var fallback = widths.LastOrDefault(w => w <= 800, widths[0]);
        string Url(int w) => media.GetCropUrl(width: w) ?? media.Url();
        var srcset = string.Join(", ", widths.Select(w => $"{Url(w)} {w}w"));
        var fallbackHeight = Math.Max(1, (int)Math.Round((double)height.Value * fallback / width.Value));
        var alt = media.Content.Flag("decorative") ? "" : media.Content.Text("altText") ?? "";
        return new ResponsiveImage(Url(fallback), srcset, BodySizes, fallback, fallbackHeight, alt);
    }
}
