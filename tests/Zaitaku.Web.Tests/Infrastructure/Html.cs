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

    // A number kept whole, 「<span class="nw">24人</span>」, reads as 「24人」 with no gap around it.
    [GeneratedRegex("<span class=\"nw\">([^<]*)</span>")]
    private static partial Regex NoBreak();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    // A 用語集 link sits inside a word (「<a …>看取り</a>の支援」): a reader sees no gap there.
    [GeneratedRegex("<a href=\"/yougo/#term-[^\"]*\" class=\"glossary-link\">([^<]*)</a>")]
    private static partial Regex GlossaryLink();

    /// <summary>The page's visible text with tags removed and whitespace collapsed.</summary>
    public static string Text(string html) =>
        Space().Replace(WebUtility.HtmlDecode(Tag().Replace(NoBreak().Replace(GlossaryLink().Replace(ScriptOrStyle().Replace(html, " "), "$1"), "$1"), " ")), " ").Trim();

    /// <summary>The HTML without the spans that keep numbers whole, for assertions written against the plain markup.</summary>
    public static string WithoutNoBreaks(string html) => NoBreak().Replace(html, "$1");

    public static string? Between(string html, string start, string end)
    {
        var i = html.IndexOf(start, StringComparison.Ordinal);
        if (i < 0) return null;
        var j = html.IndexOf(end, i + start.Length, StringComparison.Ordinal);
        return j < 0 ? null : html[(i + start.Length)..j];
    }
}
