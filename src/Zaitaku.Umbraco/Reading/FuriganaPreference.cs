namespace Zaitaku.Web.Reading;

/// <summary>
/// Whether the reader asked for ふりがな: a cookie, so it works without JavaScript and stays on while
/// browsing (like the text size in <see cref="Site.Display.DisplayPreferences"/>).
/// </summary>
public static class FuriganaPreference
{
    public const string CookieName = "zaitaku-furigana";
    public const string On = "on";

    public static bool IsOn(HttpRequest request) => request.Cookies[CookieName] == On;

    /// <summary>The output cache's key part: "on" or "off", nothing else, whatever the cookie holds.</summary>
    public static string CacheValue(HttpRequest request) => IsOn(request) ? On : "off";
}
