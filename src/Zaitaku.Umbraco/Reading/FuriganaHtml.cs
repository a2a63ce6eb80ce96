using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Zaitaku.Core.Reading;

namespace Zaitaku.Web.Reading;

/// <summary>
/// Puts ruby over the kanji in rendered HTML: the text between tags gets
/// &lt;ruby&gt;看取&lt;rp&gt;（&lt;/rp&gt;&lt;rt&gt;みと&lt;/rt&gt;&lt;rp&gt;）&lt;/rp&gt;&lt;/ruby&gt;り, the tags are left as they are.
/// Text where ruby cannot go or must not (scripts, form options, code, the page title, ruby already
/// there) is skipped. The parentheses in rp show only where a browser cannot draw ruby.
/// </summary>
public static partial class FuriganaHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    [GeneratedRegex("(<!--.*?-->|<[^>]*>)", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex("^<(/?)(script|style|textarea|title|option|select|code|pre|kbd|samp|svg|math|ruby|template)\\b", RegexOptions.IgnoreCase)]
    private static partial Regex SkippedElement();

    public static string Apply(string html, Func<string, IReadOnlyList<RubyPart>> annotate)
    {
        var output = new StringBuilder(html.Length * 2);
        var skipped = 0;
        foreach (var token in Tags().Split(html))
        {
            if (token.Length == 0) continue;
            if (token[0] == '<')
            {
                var m = SkippedElement().Match(token);
                if (m.Success && !token.EndsWith("/>", StringComparison.Ordinal))
                    skipped = Math.Max(0, skipped + (m.Groups[1].Length == 0 ? 1 : -1));
                output.Append(token);
                continue;
            }
            // Text may come encoded as character references (&#x8A8D;): look at what it says.
            var text = skipped == 0 && token.Contains('&') ? WebUtility.HtmlDecode(token) : token;
            if (skipped > 0 || !Kana.HasKanji(text))
            {
                output.Append(token);
                continue;
            }
            foreach (var part in annotate(text))
            {
                if (part.Ruby is null) output.Append(Encoder.Encode(part.Text));
                else output.Append("<ruby>").Append(Encoder.Encode(part.Text)).Append("<rp>（</rp><rt>")
                    .Append(Encoder.Encode(part.Ruby)).Append("</rt><rp>）</rp></ruby>");
            }
        }
        return output.ToString();
    }
}
