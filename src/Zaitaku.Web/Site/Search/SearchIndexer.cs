using System.Diagnostics;
using System.Threading.Channels;
using Zaitaku.Core.Notifications;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Search;

namespace Zaitaku.Web.Site.Search;

/// <summary>
/// Keeps the search index in step with the published cache. All index work runs one item at a time
/// on this background service: at start it opens the index (a missing, corrupt or outdated one is
/// wiped) and rebuilds it from the published cache while the site already serves pages; afterwards
/// it applies each publish, unpublish, move or delete at once, and rebuilds on request. Every few
/// seconds it also compares the published cache with what it indexed, which catches changes it was
/// not told about (made by another instance on the same database). The synonym list is read here at
/// start; later changes come as setting notifications (by message, or found by DatabaseChangeCheck).
/// </summary>
public sealed class SearchIndexer(
    SearchIndex index, SearchDocumentBuilder documents, IPublishedCache cache, SynonymStore synonyms,
    TimeProvider clock, ILogger<SearchIndexer> logger) : BackgroundService,
    INotificationHandler<ContentNotification>, INotificationHandler<MediaChangedNotification>
{
    private static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(5);

    private abstract record Work
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
    private sealed record Change(int NodeId) : Work;
    private sealed record Rebuild(string Reason, bool Reopen) : Work;
    private sealed record Reconcile : Work;

    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    /// <summary>What each indexed node's document was made from; touched only by the work loop.</summary>
    private Dictionary<int, string> _indexed = [];
    private PublishedSnapshot? _reconciled;

    public sealed record RebuildReport(DateTime FinishedUtc, TimeSpan Duration, int Documents, string Reason);

    public RebuildReport? LastRebuild { get; private set; }
    public bool IsRebuilding { get; private set; }
    /// <summary>The published snapshot the index last caught up with (for the index-lag metric and the readiness check).</summary>
    public PublishedSnapshot? IndexedSnapshot => _reconciled;

    /// <summary>Queues the change and returns: a publish never waits for the index (it is applied within milliseconds, after any rebuild under way).</summary>
    public Task HandleAsync(ContentNotification change, CancellationToken cancellationToken)
    {
        _queue.Writer.TryWrite(new Change(change.NodeId));
        return Task.CompletedTask;
    }

    /// <summary>A replaced PDF brings new text to search, and a deleted one takes its download out of it.</summary>
    public Task HandleAsync(MediaChangedNotification change, CancellationToken cancellationToken)
    {
        if (!change.PagesShowIt) return Task.CompletedTask;
        foreach (var download in cache.Current.OfType("download")) _queue.Writer.TryWrite(new Change(download.Id));
        return Task.CompletedTask;
    }

    /// <returns>Completes when the rebuild is done.</returns>
    public Task RebuildAsync(string reason)
    {
        var work = new Rebuild(reason, Reopen: false);
        _queue.Writer.TryWrite(work);
        return work.Done.Task;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the host goes on starting; pages are served while the index is prepared
        index.Corrupted += () => _queue.Writer.TryWrite(new Rebuild("読み取れないインデックスの修復", Reopen: true));
        try
        {
            await synonyms.LoadAsync(stoppingToken);
            var missing = index.Open(inMemoryWhenLocked: true);
            // Rebuilt at every start: content may have changed while the site was down (a schedule
            // run elsewhere, a restored database). A sound index keeps answering meanwhile.
            Run(new Rebuild(missing ? "起動時（インデックスなし・破損）" : "起動時", Reopen: false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The search index could not be opened; search stays unavailable");
            return;
        }

        _ = TickAsync(stoppingToken);
        await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
            Run(work);
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ReconcileInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!ReferenceEquals(cache.Current, _reconciled)) _queue.Writer.TryWrite(new Reconcile());
            }
        }
        catch (OperationCanceledException) { }
    }

    private void Run(Work work)
    {
        try
        {
            var snapshot = cache.Current;
            switch (work)
            {
                case Change change:
                    var branch = documents.ForBranch(snapshot, change.NodeId).ToList();
                    index.ReplaceBranch(change.NodeId, branch);
                    Remember(snapshot, branch.Select(d => d.NodeId));
                    logger.LogInformation("Search index updated for node {NodeId}", change.NodeId);
                    break;
                case Reconcile:
                    ReconcileWith(snapshot);
                    break;
                case Rebuild rebuild:
                    IsRebuilding = true;
                    var watch = Stopwatch.StartNew();
                    if (rebuild.Reopen) index.Open(inMemoryWhenLocked: true);
                    var count = index.Rebuild(documents.ForAll(snapshot));
                    _indexed = documents.Fingerprints(snapshot).ToDictionary(f => f.NodeId, f => f.Fingerprint);
                    _reconciled = snapshot;
                    LastRebuild = new RebuildReport(clock.GetUtcNow().UtcDateTime, watch.Elapsed, count, rebuild.Reason);
                    logger.LogInformation("Search index rebuilt ({Reason}): {Count} documents in {Elapsed} ms",
                        rebuild.Reason, count, watch.ElapsedMilliseconds);
                    break;
            }
            work.Done.TrySetResult();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Search index work failed: {Work}", work);
            work.Done.TrySetException(e);
            // A write that fails leaves the index in doubt: start it again from the published cache.
            if (work is not Rebuild) _queue.Writer.TryWrite(new Rebuild("更新の失敗からの修復", Reopen: true));
        }
        finally
        {
            IsRebuilding = false;
        }
    }

    private void Remember(PublishedSnapshot snapshot, IEnumerable<int> nodeIds)
    {
        var ids = nodeIds.ToHashSet();
        foreach (var (id, fingerprint) in documents.Fingerprints(snapshot))
            if (ids.Contains(id)) _indexed[id] = fingerprint;
    }

    /// <summary>Re-indexes each node whose content, place or names differ from what was indexed; drops the gone.</summary>
    private void ReconcileWith(PublishedSnapshot snapshot)
    {
        var current = documents.Fingerprints(snapshot).ToDictionary(f => f.NodeId, f => f.Fingerprint);
        var changed = current.Where(c => !_indexed.TryGetValue(c.Key, out var f) || f != c.Value).Select(c => c.Key).ToList();
        var gone = _indexed.Keys.Where(id => !current.ContainsKey(id)).ToList();
        if (changed.Count + gone.Count > 0)
        {
            var added = changed.Select(id => documents.For(snapshot, snapshot.GetById(id)!)).OfType<SearchDocument>().ToList();
            index.Apply(changed.Concat(gone), added);
            logger.LogInformation("Search index caught up with changes made elsewhere: {Changed} changed, {Gone} removed", changed.Count, gone.Count);
        }
        _indexed = current;
        _reconciled = snapshot;
    }
}
