using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Zaitaku.Core.Readability;

/// <summary>A term of the 用語集 (GlossaryTerm) as the linker needs it.</summary>
/// <param name="Term">The entry's name as the glossary shows it, e.g. 「ACP（人生会議）」.</param>
/// <param name="Forms">The words in a body that mean this term and get the link, e.g. ACP, 人生会議.</param>
/// <param name="Url">The entry's address on the glossary page, e.g. /yougo/#acp.</param>
public sealed record GlossaryEntry(string Term, IReadOnlyList<string> Forms, string Url);

/// <summary>
/// Links the first occurrence of each glossary term in a rendered body to its entry, so a reader who
/// does not know 「看取り」 can look it up, without a page full of links. Works on the sanitized HTML,
/// so it cannot link inside a heading, a link, code or a telephone link, and adds nothing an editor typed.
/// </summary>
public sealed class GlossaryLinker
{
    private const string Skip = "a, h1, h2, h3, h4, h5, h6, code, pre, kbd, samp";
    private readonly Regex? _pattern;
    private readonly Dictionary<string, GlossaryEntry> _byForm = new(StringComparer.Ordinal);

    public GlossaryLinker(IEnumerable<GlossaryEntry> entries)
    {
        foreach (var entry in entries)
            foreach (var form in entry.Forms.Select(f => f.Trim()).Where(f => f.Length > 0))
                _byForm.TryAdd(form, entry);
        if (_byForm.Count == 0) return;
        // Longest first, so 地域包括支援センター is found whole and not as a shorter term inside it.
        var alternatives = _byForm.Keys.OrderByDescending(f => f.Length).Select(Pattern);
        _pattern = new Regex(string.Join("|", alternatives), RegexOptions.CultureInvariant);
    }

    public bool IsEmpty => _pattern is null;

    /// <summary>
    /// A form must not run on into a longer word of the same script: 在宅医療 is not linked inside
    /// 在宅医療介護支援センター, ケアマネ not inside ケアマネジメント, and CM not inside CMYK.
    /// </summary>
    private static string Pattern(string form)
    {
        const string kanji = @"\p{IsCJKUnifiedIdeographs}々", katakana = @"\p{IsKatakana}ー", latin = "A-Za-z0-9";
        var escaped = Regex.Escape(form);
        string? Script(char c) => c switch
        {
            >= '\u4E00' and <= '\u9FFF' or '々' => kanji,
            >= '\u30A0' and <= '\u30FF' => katakana,
            >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' => latin,
            _ => null,
        };
        var before = Script(form[0]) is { } first ? $"(?<![{first}])" : "";
        var after = Script(form[^1]) is { } last ? $"(?![{last}])" : "";
        return before + escaped + after;
    }

    /// <param name="html">A body as MarkdownRenderer made it.</param>
    /// <param name="exclude">An entry not to link (the page that is itself that entry's explanation).</param>
    public string Link(string html, string? exclude = null)
    {
        if (_pattern is null || string.IsNullOrEmpty(html) || !_pattern.IsMatch(html)) return html;
        var document = new HtmlParser().ParseDocument("<!DOCTYPE html><html><body>" + html + "</body></html>");
        var body = document.Body!;
        var linked = new HashSet<GlossaryEntry>();
        if (exclude is not null) linked.UnionWith(_byForm.Values.Where(e => e.Url == exclude));
        var texts = body.Descendants<IText>().Where(t => t.ParentElement?.Closest(Skip) is null).ToList();
        foreach (var text in texts)
        {
            var data = text.Data;
            var pieces = new List<INode>();
            var at = 0;
            foreach (Match m in _pattern.Matches(data))
            {
                var entry = _byForm[m.Value];
                if (!linked.Add(entry)) continue; // only the first occurrence on the page
                if (m.Index > at) pieces.Add(document.CreateTextNode(data[at..m.Index]));
                var link = document.CreateElement("a");
                link.SetAttribute("href", entry.Url);
                link.ClassName = "glossary-link";
                link.TextContent = m.Value;
                pieces.Add(link);
                at = m.Index + m.Length;
            }
            if (pieces.Count == 0) continue;
            if (at < data.Length) pieces.Add(document.CreateTextNode(data[at..]));
            var parent = text.Parent!;
            foreach (var piece in pieces) parent.InsertBefore(piece, text);
            parent.RemoveChild(text);
        }
        return body.InnerHtml;
    }
}
