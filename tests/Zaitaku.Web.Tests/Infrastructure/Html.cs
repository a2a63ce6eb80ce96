using System.Net;
using System.Text.RegularExpressions;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>Small helpers to read what a person would read on a page.</summary>
public static partial class Html
{
    [GeneratedRegex("<script.*?</script>|<style.*?</style>", RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    /// <summary>The page's visible text with tags removed and whitespace collapsed.</summary>
    public static string Text(string html) =>
        Space().Replace(WebUtility.HtmlDecode(Tag().Replace(ScriptOrStyle().Replace(html, " "), " ")), " ").Trim();

    public static string? Between(string html, string start, string end)
    {
        var i = html.IndexOf(start, StringComparison.Ordinal);
        if (i < 0) return null;
        var j = html.IndexOf(end, i + start.Length, StringComparison.Ordinal);
        return j < 0 ? null : html[(i + start.Length)..j];
    }
}
