namespace Zaitaku.Core.Rendering;

/// <summary>
/// An image from the site's media library as a page shows it: a fallback address, the allowed widths
/// for the browser to choose from, and the size it takes, so nothing shifts while it loads.
/// </summary>
/// <param name="Alt">The library's alt text: "" for a decorative image.</param>
public sealed record ResponsiveImage(string Src, string SrcSet, string Sizes, int Width, int Height, string Alt);
