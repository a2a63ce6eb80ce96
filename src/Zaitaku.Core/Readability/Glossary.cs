using Zaitaku.Core.Publishing;

namespace Zaitaku.Core.Readability;

/// <summary>
/// The published 用語集: the glossary page (document type <c>glossary</c>) and its terms
/// (<c>glossaryTerm</c>, children of it), in あいうえお order of their readings.
/// </summary>
public static class Glossary
{
    public const string PageType = "glossary";
    public const string TermType = "glossaryTerm";
    /// <summary>The per-page switch (a TrueFalse property) that leaves a page's body without glossary links.</summary>
    public const string NoLinksProperty = "noGlossaryLinks";

    public sealed record Term(PublishedContent Node, string Reading, string Anchor, string Url)
    {
        public string Name => Node.Name;
        public string? Explanation => Node.Value("explanation");
    }

    public static PublishedContent? Page(PublishedSnapshot snapshot) =>
        snapshot.OfType(PageType).Where(p => p.Url is not null).OrderBy(p => p.Level).FirstOrDefault();

    /// <summary>The terms under the glossary page, sorted by reading (gojūon order).</summary>
    public static IReadOnlyList<Term> Terms(PublishedSnapshot snapshot)
    {
        if (Page(snapshot) is not { } page) return [];
        return page.Children.Where(c => c.Is(TermType))
            .Select(c => new Term(c, ToHiragana(c.Value("reading") ?? c.Name), "term-" + c.UrlSegment, page.Url + "#term-" + c.UrlSegment))
            .OrderBy(t => t.Reading, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    public static GlossaryLinker Linker(PublishedSnapshot snapshot) =>
        new(Terms(snapshot).Select(t => new GlossaryEntry(t.Name, Forms(t.Node), t.Url)));

    /// <summary>The words linked to a term: its 「本文でリンクする言葉」, one a line, or else its name.</summary>
    public static IReadOnlyList<string> Forms(PublishedContent term)
    {
        var forms = (term.Value("forms") ?? "").Split(['\n', '、', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return forms.Length > 0 ? forms : [term.Name];
    }

    /// <summary>Katakana to hiragana, so a reading typed either way sorts the same.</summary>
    public static string ToHiragana(string s) =>
        string.Concat(s.Trim().Select(c => c is >= '\u30A1' and <= '\u30F6' ? (char)(c - 0x60) : c));

    private static readonly (string Row, char Last)[] Rows =
    [
        ("あ行", 'お'), ("か行", 'ご'), ("さ行", 'ぞ'), ("た行", 'ど'), ("な行", 'の'),
        ("は行", 'ぽ'), ("ま行", 'も'), ("や行", 'よ'), ("ら行", 'ろ'), ("わ行", 'ん'),
    ];

    /// <summary>The あいうえお row a reading starts in (あ行, か行 …), for the index of the glossary page.</summary>
    public static string RowOf(string reading)
    {
        if (reading.Length == 0) return "その他";
        var first = reading[0];
        if (first is < '\u3041' or > '\u3093') return "その他";
        foreach (var (row, last) in Rows) if (first <= last) return row;
        return "その他";
    }
}
