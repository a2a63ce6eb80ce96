using Zaitaku.Web.Hosting;
using System.Diagnostics;
using System.Threading.Channels;
using Examine;
using Examine.Lucene.Providers;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core.Web;
using Umbraco.Cms.Infrastructure.Examine;
using Zaitaku.Infrastructure.Search;

namespace Zaitaku.Web.Search;

/// <summary>
/// All writes to the search index, one at a time: a full population (Umbraco's rebuild, through
/// <see cref="SearchIndexPopulator"/>) and the changes the cache refresher notifications bring, which wait on a
/// queue and are applied by this background service, so that a publish never waits for a PDF to be read. Each
/// write is committed before the next starts and is searchable when it returns.
/// </summary>
public sealed class SearchIndexing(
    IExamineManager examine, PublishedSearchDocuments documents, IUmbracoContextFactory umbracoContexts, SiteClock clock,
    ILogger<SearchIndexing> logger) : BackgroundService
{
    /// <summary>Something to bring up to date: a node and its descendants, downloads whose file changed, or everything.</summary>
    public abstract record Change;
    public sealed record Branch(int Id, Guid? Key) : Change;
    /// <param name="MediaKeys">Null for every download.</param>
    public sealed record Downloads(IReadOnlySet<Guid>? MediaKeys) : Change;
    public sealed record Everything : Change;

    public sealed record PopulationReport(DateTimeOffset Finished, TimeSpan Duration, int Documents);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Channel<Change> _queue = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _populating;
    private volatile PopulationReport? _lastPopulation;

    /// <summary>The last full population since start (null until the first).</summary>
    public PopulationReport? LastPopulation => _lastPopulation;
    public bool IsPopulating => _populating;

    /// <summary>The write lock; a full population and each change take it in turn.</summary>
    public SemaphoreSlim Gate => _gate;

    public bool TryGetIndex(out ZaitakuSearchIndex index)
    {
        index = null!;
        if (!examine.TryGetIndex(ZaitakuSearchIndex.IndexName, out var found) || found is not ZaitakuSearchIndex ours) return false;
        index = ours;
        return true;
    }

    /// <summary>Queues a change and returns at once.</summary>
    public void Enqueue(Change change) => _queue.Writer.TryWrite(change);

    /// <summary>Fills an index that Umbraco has just emptied (Settings › Examine Management, or a rebuild at start).</summary>
    public void Populate(LuceneIndex index)
    {
        _gate.Wait();
        _populating = true;
        try
        {
            var watch = Stopwatch.StartNew();
            // Addresses come from Umbraco's URL providers, which need an Umbraco context outside a request.
            using var context = umbracoContexts.EnsureUmbracoContext();
            var all = documents.ForAll().Select(d => ZaitakuSearchIndex.ToValueSet(d.Document, d.ContentType)).ToList();
            using (index.WithThreadingMode(IndexThreadingMode.Synchronous)) index.IndexItems(all);
            _lastPopulation = new PopulationReport(clock.GetUtcNow(), watch.Elapsed, all.Count);
            logger.LogInformation("Search index populated: {Count} documents in {Elapsed} ms", all.Count, watch.ElapsedMilliseconds);
        }
        finally
        {
            _populating = false;
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await _gate.WaitAsync(stoppingToken);
            try
            {
                Apply(change);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Search index: the change {Change} could not be applied", change);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    private void Apply(Change change)
    {
        if (!TryGetIndex(out var index)) return;
        using var context = umbracoContexts.EnsureUmbracoContext();
        switch (change)
        {
            case Branch branch:
                var now = branch.Key is { } key ? documents.ForBranch(key).ToList() : [];
                ReplaceBranch(index, branch.Id, now);
                logger.LogInformation("Search index updated for node {NodeId}: {Count} documents", branch.Id, now.Count);
                break;
            case Downloads downloads:
                foreach (var download in documents.DownloadsOf(downloads.MediaKeys))
                    if (documents.For(download) is { } d)
                        Replace(index, [d.Document.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture)], [d]);
                break;
            case Everything:
                var all = documents.ForAll().ToList();
                Replace(index, AllIds(index), all);
                logger.LogInformation("Search index brought up to date: {Count} documents", all.Count);
                break;
        }
    }

    /// <summary>Replaces the documents of a node and of everything under it with these (none: the branch is gone).</summary>
    public static void ReplaceBranch(ZaitakuSearchIndex index, int nodeId, List<(SearchDocument Document, string ContentType)> now) =>
        Replace(index, IdsUnder(index, nodeId), now);

    /// <summary>Removes the documents that are no longer there and writes the current ones, committed at once.</summary>
    private static void Replace(ZaitakuSearchIndex index, IReadOnlyCollection<string> before, List<(SearchDocument Document, string ContentType)> now)
    {
        var current = now.Select(d => d.Document.NodeId.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var gone = before.Where(id => !current.Contains(id)).ToList();
        using (index.WithThreadingMode(IndexThreadingMode.Synchronous))
        {
            if (gone.Count > 0) index.DeleteFromIndex(gone);
            if (now.Count > 0) index.IndexItems(now.Select(d => ZaitakuSearchIndex.ToValueSet(d.Document, d.ContentType)));
        }
    }

    /// <summary>The documents of a node and of everything under it (each document holds its ancestors' ids).</summary>
    private static List<string> IdsUnder(ZaitakuSearchIndex index, int nodeId) =>
        Ids(index, new TermQuery(new Term(SearchFields.Path, nodeId.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private static List<string> AllIds(ZaitakuSearchIndex index) => Ids(index, new MatchAllDocsQuery());

    private static readonly ISet<string> NodeIdField = new HashSet<string> { ExamineFieldNames.ItemIdFieldName };

    private static List<string> Ids(ZaitakuSearchIndex index, Query query)
    {
        if (!index.IndexExists()) return [];
        using var reference = ((LuceneSearcher)index.Searcher).GetSearchContext().GetSearcher();
        var searcher = reference.IndexSearcher;
        var top = searcher.Search(query, Math.Max(1, searcher.IndexReader.MaxDoc));
        return top.ScoreDocs.Select(d => searcher.Doc(d.Doc, NodeIdField).Get(ExamineFieldNames.ItemIdFieldName)).OfType<string>().ToList();
    }
}

/// <summary>Fills the index at Umbraco's rebuilds: the one after a cold start, and one asked for in Examine Management.</summary>
public sealed class SearchIndexPopulator : IndexPopulator
{
    private readonly SearchIndexing _indexing;

    public SearchIndexPopulator(SearchIndexing indexing)
    {
        _indexing = indexing;
        RegisterIndex(ZaitakuSearchIndex.IndexName);
    }

    protected override void PopulateIndexes(IReadOnlyList<IIndex> indexes)
    {
        foreach (var index in indexes.OfType<LuceneIndex>()) _indexing.Populate(index);
    }
}
