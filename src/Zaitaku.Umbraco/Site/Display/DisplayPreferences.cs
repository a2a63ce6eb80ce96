namespace Zaitaku.Web.Site.Display;

/// <summary>
/// The reader's choice of text size (標準・大・特大) and colours (標準・白黒反転), kept in a cookie
/// so it works without JavaScript and on every page after the first.
/// </summary>
public sealed record DisplayPreferences(string Size, string Colours)
{
    public const string CookieName = "zaitaku-display";
    public static readonly DisplayPreferences Default = new("standard", "standard");

    public static readonly IReadOnlyList<(string Value, string Label)> Sizes = [("standard", "標準"), ("large", "大"), ("x-large", "特大")];
    public static readonly IReadOnlyList<(string Value, string Label)> ColourSchemes = [("standard", "標準"), ("inverted", "白黒反転")];

    public bool IsDefault => this == Default;

    /// <summary>The classes on &lt;html&gt;; none for the default, so that page is byte for byte what it was.</summary>
    public string? HtmlClass => IsDefault ? null : string.Join(' ', new[]
    {
        Size == "standard" ? null : "text-" + Size,
        Colours == "standard" ? null : "colours-" + Colours,
    }.Where(c => c is not null));

    /// <summary>
    /// The text size as a factor of the standard size; the same factors as --text-scale in site.css,
    /// for what the server draws to size (the charts' SVG).
    /// </summary>
    public double TextScale => Size switch { "large" => 1.25, "x-large" => 1.5, _ => 1 };

    /// <summary>The cookie's value as stored; anything unknown (an old or forged value) reads as the default.</summary>
    public string CookieValue => Size + "." + Colours;

    public static DisplayPreferences From(HttpRequest request) => Parse(request.Cookies[CookieName]);

    public static DisplayPreferences Parse(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 40) return Default;
        var parts = value.Split('.');
        var size = parts.Length > 0 && Sizes.Any(s => s.Value == parts[0]) ? parts[0] : Default.Size;
        var colours = parts.Length > 1 && ColourSchemes.Any(c => c.Value == parts[1]) ? parts[1] : Default.Colours;
        return new DisplayPreferences(size, colours);
    }
}
