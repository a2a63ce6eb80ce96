using System.Text.RegularExpressions;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Publishing;
using Zaitaku.Core.Rendering;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Infrastructure.Search;

/// <summary>
/// Turns published content into search documents: pages, and downloads, whose PDF text is
/// extracted with PdfPig. Settings and contact points are not pages and are not searched.
/// </summary>
public sealed partial class SearchDocumentBuilder(MarkdownRenderer markdown, MediaLibrary media, Reading.Readings? readings = null)
{
    public const string TopSection = "トップページ";
    /// <summary>Enough for a long booklet; more would only slow snippets down.</summary>
    private const int MaxFileText = 200_000;

    public IEnumerable<SearchDocument> ForAll(PublishedSnapshot snapshot) =>
        snapshot.Site is { } site ? ForBranch(snapshot, site) : [];

    /// <summary>The node and its published descendants; nothing if the node is not published now.</summary>
    public IEnumerable<SearchDocument> ForBranch(PublishedSnapshot snapshot, int nodeId) =>
        snapshot.GetById(nodeId) is { } node ? ForBranch(snapshot, node) : [];

    private IEnumerable<SearchDocument> ForBranch(PublishedSnapshot snapshot, PublishedContent node)
    {
        if (For(snapshot, node) is { } document) yield return document;
        foreach (var child in node.Children)
            foreach (var d in ForBranch(snapshot, child)) yield return d;
    }

    /// <summary>Pages under the site root, and downloads on a page.</summary>
    private static bool IsSearchable(PublishedSnapshot snapshot, PublishedContent node) =>
        snapshot.Site is { } site && (node == site || node.Ancestors().Contains(site))
        && (node.Url is not null || (node.Is("download") && node.Parent?.Url is not null));

    /// <summary>
    /// Every searchable node with a digest of everything its search document is made of, so that
    /// changes the indexer was not told about (made by another instance) can be found by comparison.
    /// </summary>
    public IEnumerable<(int NodeId, string Fingerprint)> Fingerprints(PublishedSnapshot snapshot)
    {
        foreach (var node in snapshot.All)
        {
            if (!IsSearchable(snapshot, node)) continue;
            var hash = new HashCode();
            foreach (var (key, value) in node.Values.OrderBy(v => v.Key, StringComparer.Ordinal)) { hash.Add(key); hash.Add(value); }
            yield return (node.Id, string.Join('|', node.Name, node.Url, node.Parent?.Id, node.UpdatedUtc.Ticks,
                Section(node), Association(snapshot, node), hash.ToHashCode()));
        }
    }

    private static string? Association(PublishedSnapshot snapshot, PublishedContent node) =>
        node.Is("association") ? node.Name
            : node.ContentType.GetProperty("association") is not null ? snapshot.Picked(node, "association")?.Name : null;

    /// <summary>The top-level page the node sits under: 事業について, 広報つながり 認知症予防コラム...</summary>
    private static string Section(PublishedContent node) =>
        node.Level <= 1 ? TopSection : node.Ancestors().Append(node).First(n => n.Level == 2).Name;

    public SearchDocument? For(PublishedSnapshot snapshot, PublishedContent node)
    {
        if (!IsSearchable(snapshot, node)) return null;
        var isDownload = node.Is("download");
        var association = Association(snapshot, node);
        var section = Section(node);
        var text = string.Join("\n", PropertyTexts(node).Append(association ?? ""));
        var path = node.Ancestors().Select(a => a.Id).Prepend(node.Id).ToList();
        var date = node.ValueAsDate("issueDate") ?? node.ValueAsDate("revisionDate") ?? JapaneseDates.JapanDate(node.UpdatedUtc);

        if (!isDownload)
            return new SearchDocument(node.Id, path, node.Url!, node.Name, Collapse(text), section, association, date)
                { Reading = ReadingOf(node.Name, text) };

        // A download without its file is not offered on the page either.
        if (media.Picked(node.Value("file"), Zaitaku.Core.Media.MediaKind.Document) is not { } file) return null;
        var fileText = text + "\n" + FileText(media.FilePath(file));
        return new SearchDocument(node.Id, path, MediaLibrary.Url(file), node.Name, Collapse(fileText),
            section, association, date, MediaText.Describe(file)) { Reading = ReadingOf(node.Name, fileText) };
    }

    /// <summary>Read once per published version, when the document is indexed; never at query time.</summary>
    private string? ReadingOf(string title, string text) =>
        readings?.ReadingOf(title + "\n" + text) is { } reading ? Collapse(reading) : null;

    private IEnumerable<string> PropertyTexts(PublishedContent node)
    {
        foreach (var property in node.ContentType.Properties.OrderBy(p => p.SortOrder))
        {
            var value = node.Value(property.Alias);
            if (value is null) continue;
            switch (property.EditorAlias)
            {
                case PropertyEditors.Markdown: yield return markdown.ToPlainText(value); break;
                case PropertyEditors.TextBox or PropertyEditors.TextArea or PropertyEditors.DropDown or PropertyEditors.Tags:
                    yield return value; break;
            }
        }
    }

    private static string FileText(string full)
    {
        if (!File.Exists(full)) return "";
        try
        {
            using var pdf = PdfDocument.Open(full);
            var text = new System.Text.StringBuilder();
            foreach (var page in pdf.GetPages())
            {
                text.AppendLine(ContentOrderTextExtractor.GetText(page));
                if (text.Length > MaxFileText) break;
            }
            return text.Length > MaxFileText ? text.ToString(0, MaxFileText) : text.ToString();
        }
        catch (Exception)
        {
            // An unreadable PDF is still offered for download; its name and description are searchable.
            return "";
        }
    }

    /// <summary>One space for each run of white space, so stored text makes tidy snippets.</summary>
    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
