using System.Globalization;
using Examine.Lucene.Providers;
using Lucene.Net.Documents;
using Lucene.Net.Search;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Infrastructure.Examine;
using Zaitaku.Infrastructure.Search;

namespace Zaitaku.Web.Search;

/// <summary>
/// Searches the index as the previous site did: every word must be found (each as a phrase of bigrams, in the
/// title or the text, or as a synonym, or by its reading), titles weigh more, the sections and associations of all
/// matches are counted for the filters, and each hit gets a snippet with the words marked.
/// </summary>
public sealed class SiteSearch(
    SearchIndexing indexing, SearchSynonymSource synonyms, IIndexRebuilder rebuilder, ILogger<SiteSearch> logger)
{
    /// <summary>What a result shows: only these stored fields are read for each hit.</summary>
    private static readonly ISet<string> ShownFields = new HashSet<string>
    {
        SearchFields.Url, SearchFields.Title, SearchIndexFields.Snippet, SearchFields.Section,
        SearchFields.Association, SearchFields.Date, SearchFields.File,
    };

    private long _lastRepairTicks = long.MinValue / 2;

    /// <summary>What was typed, made safe, with the synonyms in force now.</summary>
    public SearchQuery Parse(string? typed) =>
        SearchQuery.Parse(typed, synonyms.Current, indexing.TryGetIndex(out var index) ? index.JapaneseAnalysis : FallbackAnalyzer.Value);

    private static readonly Lazy<JapaneseAnalyzer> FallbackAnalyzer = new(() => new JapaneseAnalyzer());

    /// <summary>
    /// Whether the index can answer: it is not being rebuilt, and it holds the site (it has documents, or it was
    /// populated since start and the site has none).
    /// </summary>
    public async Task<bool> IsReadyAsync() =>
        indexing.TryGetIndex(out var index) && index.IndexExists() && !indexing.IsPopulating
        && !await rebuilder.IsRebuildingAsync(ZaitakuSearchIndex.IndexName)
        && (indexing.LastPopulation is not null || index.GetDocumentCount() > 0);

    /// <summary>
    /// Finds every match once, counts sections and associations over it (each facet's counts honour the other
    /// facet's filter), then reads one page of hits.
    /// </summary>
    /// <returns>Null when the index is not ready (being rebuilt) or turned out unreadable.</returns>
    public async Task<SearchResults?> SearchAsync(SearchQuery query, string? section, string? association, int skip, int take)
    {
        if (!await IsReadyAsync() || !indexing.TryGetIndex(out var index)) return null;
        try
        {
            return Run(index, query, section, association, skip, take);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // A damaged file shows as any failure deep in a reader: rebuild, but at most once a minute, so that a
            // query that trips a bug cannot keep the index rebuilding.
            var now = Environment.TickCount64;
            var repair = now - Interlocked.Read(ref _lastRepairTicks) > 60_000;
            logger.LogError(e, "The search index could not be read{Repair}", repair ? "; rebuilding it" : "");
            if (repair)
            {
                Interlocked.Exchange(ref _lastRepairTicks, now);
                await rebuilder.RebuildIndexAsync(ZaitakuSearchIndex.IndexName);
            }
            return null;
        }
    }

    /// <summary>The search itself, on the index's current searcher.</summary>
    public static SearchResults Run(ZaitakuSearchIndex index, SearchQuery query, string? section, string? association, int skip, int take)
    {
        using var reference = ((LuceneSearcher)index.Searcher).GetSearchContext().GetSearcher();
        var searcher = reference.IndexSearcher;
        var top = TopScoreDocCollector.Create(Math.Max(1, skip + take), docsScoredInOrder: true);
        var collector = new FacetCollector(top, section, association);
        searcher.Search(query.ToLucene(), collector);
        var hits = top.GetTopDocs(skip, take).ScoreDocs.Select(d => ToHit(searcher.Doc(d.Doc, ShownFields), query.Highlights)).ToList();
        return new SearchResults(collector.Selected, hits, collector.SectionCounts(), collector.AssociationCounts());
    }

    private static SearchHit ToHit(Document doc, IReadOnlyList<string> highlights)
    {
        var date = doc.Get(SearchFields.Date) is { } d && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
            ? parsed : (DateOnly?)null;
        var title = doc.Get(SearchFields.Title) ?? "";
        return new SearchHit(doc.Get(SearchFields.Url) ?? "", title, Snippets.Make(title, highlights),
            Snippets.Make(doc.Get(SearchIndexFields.Snippet) ?? "", highlights),
            doc.Get(SearchFields.Section) ?? "", doc.Get(SearchFields.Association), date, doc.Get(SearchFields.File));
    }
}
