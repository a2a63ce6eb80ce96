using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core.IO;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PublishedCache;
using Umbraco.Cms.Core.Routing;
using Umbraco.Cms.Core.Services.Navigation;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Rendering;
using Zaitaku.Infrastructure.Media;
using Zaitaku.Infrastructure.Reading;
using Zaitaku.Infrastructure.Search;

namespace Zaitaku.Web.Search;

/// <summary>
/// What the search index holds, made from Umbraco's published content: a document for each page of the site, and
/// for each download its file's text (PDFs read with PdfPig). Settings, contact points and other nodes that are
/// not pages are not searched. The rules are the previous engine's (SearchDocumentBuilder), on Umbraco's
/// published cache and navigation.
/// </summary>
public sealed partial class PublishedSearchDocuments(
    IPublishedContentCache contentCache,
    IDocumentNavigationQueryService navigation,
    IPublishedUrlProvider urls,
    MediaFileManager mediaFiles,
    MarkdownRenderer markdown,
    Readings readings,
    ILogger<PublishedSearchDocuments> logger)
{
    public const string TopSection = SearchDocumentBuilder.TopSection;
    /// <summary>Enough for a long booklet; more would only slow indexing down.</summary>
    private const int MaxFileText = 200_000;
    private const string DownloadAlias = "download";

    /// <summary>The site: the first root that is a page (the settings root is not).</summary>
    private IPublishedContent? Site() =>
        navigation.TryGetRootKeys(out var roots)
            ? roots.Select(contentCache.GetById).FirstOrDefault(r => r is not null && IsPage(r))
            : null;

    /// <summary>A page is published content with a template: it has an address on the site.</summary>
    private static bool IsPage(IPublishedContent content) => content.TemplateId is > 0;

    /// <summary>Every searchable document of the site, with its content type.</summary>
    public IEnumerable<(SearchDocument Document, string ContentType)> ForAll() =>
        Site() is { } site ? ForBranch(site.Key) : [];

    /// <summary>The node and its descendants that are searchable now; nothing if the node is not published.</summary>
    public IEnumerable<(SearchDocument Document, string ContentType)> ForBranch(Guid key)
    {
        if (For(key) is { } self) yield return self;
        if (!navigation.TryGetDescendantsKeys(key, out var descendants)) yield break;
        foreach (var descendant in descendants)
            if (For(descendant) is { } d) yield return d;
    }

    /// <summary>Downloads whose file is one of these media items (a replaced PDF brings new text); null for all.</summary>
    public IEnumerable<Guid> DownloadsOf(IReadOnlySet<Guid>? mediaKeys)
    {
        if (Site() is not { } site || !navigation.TryGetDescendantsKeysOfType(site.Key, DownloadAlias, out var downloads)) yield break;
        foreach (var key in downloads)
            if (mediaKeys is null || (contentCache.GetById(key) is { } download && PickedFile(download) is { } file && mediaKeys.Contains(file.Key)))
                yield return key;
    }

    public (SearchDocument Document, string ContentType)? For(Guid key)
    {
        if (contentCache.GetById(key) is not { } node || Ancestors(node) is not { } ancestors) return null;
        try
        {
            return Build(node, ancestors) is { } document ? (document, node.ContentType.Alias) : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One node that cannot be read must not keep the rest of the site out of search.
            logger.LogError(e, "Search: could not make a document of node {Key}", key);
            return null;
        }
    }

    /// <summary>
    /// The published ancestors from the parent up to the site; null when the node is not on the site's pages: an
    /// ancestor is not published or not a page, or the root is not the site. A download is searchable on a page.
    /// </summary>
    private List<IPublishedContent>? Ancestors(IPublishedContent node)
    {
        var isDownload = node.ContentType.Alias == DownloadAlias;
        if (!isDownload && !IsPage(node)) return null;
        var ancestors = new List<IPublishedContent>();
        var key = node.Key;
        while (navigation.TryGetParentKey(key, out var parentKey) && parentKey is { } p)
        {
            if (contentCache.GetById(p) is not { } parent || !IsPage(parent)) return null;
            ancestors.Add(parent);
            key = p;
        }
        var root = ancestors.Count > 0 ? ancestors[^1] : node;
        return Site() is { } site && site.Key == root.Key && !(isDownload && ancestors.Count == 0) ? ancestors : null;
    }

    private SearchDocument? Build(IPublishedContent node, List<IPublishedContent> ancestors)
    {
        var association = node.ContentType.Alias == "association" ? node.Name
            : (node.GetProperty("association")?.GetValue() as IPublishedContent)?.Name;
        // The top-level page the node sits under: 事業について, 広報つながり 認知症予防コラム...
        var section = node.Level <= 1 ? TopSection : ancestors.Append(node).First(n => n.Level == 2).Name;
        var text = string.Join("\n", PropertyTexts(node).Append(association ?? ""));
        var path = ancestors.Select(a => a.Id).Prepend(node.Id).ToList();
        var date = DateOf(node, "issueDate") ?? DateOf(node, "revisionDate") ?? JapaneseDates.JapanDate(node.UpdateDate.ToUniversalTime());
        var title = node.Name;

        if (node.ContentType.Alias != DownloadAlias)
            return new SearchDocument(node.Id, path, urls.GetUrl(node, UrlMode.Relative), title, Collapse(text), section, association, date)
                { Reading = ReadingOf(title, text) };

        // A download without its file is not offered on the page either.
        if (PickedFile(node) is not { } file) return null;
        var (fileText, pages) = FileText(file);
        var withFile = text + "\n" + fileText;
        return new SearchDocument(node.Id, path, urls.GetMediaUrl(file, UrlMode.Relative), title, Collapse(withFile),
            section, association, date, FileLabel(file, pages)) { Reading = ReadingOf(title, withFile) };
    }

    private static DateOnly? DateOf(IPublishedContent node, string alias) =>
        node.GetProperty(alias)?.GetValue() is DateTime { Year: > 1 } d ? DateOnly.FromDateTime(d) : null;

    private static IPublishedContent? PickedFile(IPublishedContent download) => download.GetProperty("file")?.GetValue() switch
    {
        MediaWithCrops single => single.Content,
        IEnumerable<MediaWithCrops> many => many.FirstOrDefault()?.Content,
        IPublishedContent media => media,
        _ => null,
    };

    /// <summary>
    /// Read once per published version, when the document is indexed; never at query time. MeCab with the site's
    /// reading dictionary (読みの辞書 in サイト設定); without MeCab there are no readings, and the log says why.
    /// </summary>
    private string? ReadingOf(string title, string text) =>
        readings.ReadingOf(title + "\n" + text) is { } reading ? Collapse(reading) : null;

    private IEnumerable<string> PropertyTexts(IPublishedContent node)
    {
        foreach (var property in node.Properties)
        {
            switch (property.PropertyType.EditorAlias)
            {
                // The Markdown as written (the published value is its HTML).
                case PropertyEditors.Markdown when property.GetSourceValue() is string source:
                    yield return markdown.ToPlainText(source);
                    break;
                case PropertyEditors.TextBox or PropertyEditors.TextArea or PropertyEditors.DropDown or PropertyEditors.Tags:
                    switch (property.GetValue())
                    {
                        case string s when s.Length > 0: yield return s; break;
                        case IEnumerable<string> items: yield return string.Join(" ", items); break;
                    }
                    break;
            }
        }
    }

    /// <summary>「PDF：1.2MB・8ページ」, as every download link on the site says it.</summary>
    private static string FileLabel(IPublishedContent file, int? pages)
    {
        var extension = file.GetProperty(global::Umbraco.Cms.Core.Constants.Conventions.Media.Extension)?.GetValue()?.ToString() ?? "";
        var type = extension.Equals("pdf", StringComparison.OrdinalIgnoreCase) ? "PDF" : extension.ToUpperInvariant();
        var bytes = long.TryParse(file.GetProperty(global::Umbraco.Cms.Core.Constants.Conventions.Media.Bytes)?.GetValue()?.ToString(), out var b) ? b : 0;
        return MediaText.FormatLabel(type, bytes, pages);
    }

    private (string Text, int? Pages) FileText(IPublishedContent file)
    {
        var url = urls.GetMediaUrl(file, UrlMode.Relative);
        if (!url.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)) return ("", null);
        try
        {
            using var stream = mediaFiles.FileSystem.OpenFile(mediaFiles.FileSystem.GetRelativePath(url));
            using var pdf = PdfDocument.Open(stream);
            var text = new System.Text.StringBuilder();
            foreach (var page in pdf.GetPages())
            {
                text.AppendLine(ContentOrderTextExtractor.GetText(page));
                if (text.Length > MaxFileText) break;
            }
            return (text.Length > MaxFileText ? text.ToString(0, MaxFileText) : text.ToString(), pdf.NumberOfPages);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // An unreadable PDF is still offered for download; its name and description are searchable.
            logger.LogWarning(e, "Search: the text of {Url} could not be read", url);
            return ("", null);
        }
    }

    /// <summary>One space for each run of white space, so stored text makes tidy snippets.</summary>
    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
