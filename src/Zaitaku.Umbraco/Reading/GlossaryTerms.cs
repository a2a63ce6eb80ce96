using Umbraco.Cms.Core.Models.PublishedContent;
using Zaitaku.Core.Readability;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Reading;

/// <summary>One published 用語集 term with its reading, its anchor on the glossary page and that address.</summary>
public sealed record GlossaryTerm(IPublishedContent Node, string Reading, string Anchor, string Url)
{
    public string Name => Node.Name;
    public string? Explanation => Node.Text("explanation");

    /// <summary>The words linked to the term: its 「本文でリンクする言葉」, one a line, or else its name.</summary>
    public IReadOnlyList<string> Forms
    {
        get
        {
            var forms = (Node.Text("forms") ?? "").Split(['\n', '、', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return forms.Length > 0 ? forms : [Node.Name];
        }
    }
}

/// <summary>
/// The published 用語集: the glossary page (document type <c>glossary</c>, under the home page) and its terms
/// (<c>glossaryTerm</c>, its children), in あいうえお order of their readings.
/// </summary>
public static class GlossaryTerms
{
    public static IPublishedContent? Page(IPublishedContent home) =>
        home.DescendantsOrSelfOfType(Glossary.PageType).OrderBy(p => p.Level).FirstOrDefault();

    public static IReadOnlyList<GlossaryTerm> Of(IPublishedContent? page)
    {
        if (page is null) return [];
        var url = page.Url();
        return page.Children().Where(c => c.Is(Glossary.TermType))
            .Select(c =>
            {
                var anchor = "term-" + c.UrlSegment;
                return new GlossaryTerm(c, Glossary.ToHiragana(c.Text("reading") ?? c.Name), anchor, url + "#" + anchor);
            })
            .OrderBy(t => t.Reading, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    public static GlossaryLinker Linker(IPublishedContent? page) =>
        new(Of(page).Select(t => new GlossaryEntry(t.Name, t.Forms, t.Url)));
}
