using System.Diagnostics;
using System.Threading.Channels;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Search;

namespace Zaitaku.Web.Site.Search;

/// <summary>
/// Keeps the search index in step with the published cache. All index work runs one item at a time
/// on this background service: at start it opens the index (a missing, corrupt or outdated one is
/// wiped) and rebuilds it from the published cache while the site already serves pages; afterwards
/// it applies each publish, unpublish, move or delete, and rebuilds on request.
/// </summary>
public sealed class SearchIndexer(
    SearchIndex index, SearchDocumentBuilder documents, IPublishedCache cache, SynonymStore synonyms,
    TimeProvider clock, ILogger<SearchIndexer> logger) : BackgroundService, IContentChangeHandler
{
    /// <summary>How long a publish waits for its change to reach the index; it never waits on a rebuild longer.</summary>
    private static readonly TimeSpan ChangeWait = TimeSpan.FromSeconds(1);

    private abstract record Work
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
    private sealed record Change(int NodeId) : Work;
    private sealed record Rebuild(string Reason, bool Reopen) : Work;

    private readonly Channel<Work> _queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });

    public sealed record RebuildReport(DateTime FinishedUtc, TimeSpan Duration, int Documents, string Reason);

    public RebuildReport? LastRebuild { get; private set; }
    public bool IsRebuilding { get; private set; }

    public async Task HandleAsync(ContentChange change, CancellationToken cancellationToken)
    {
        var work = new Change(change.NodeId);
        _queue.Writer.TryWrite(work);
        // The editor sees the change in search by the time the publish returns, unless a rebuild is running.
        await Task.WhenAny(work.Done.Task, Task.Delay(ChangeWait, cancellationToken));
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
            var missing = index.Open();
            // Rebuilt at every start: content may have changed while the site was down (a schedule
            // run elsewhere, a restored database). A sound index keeps answering meanwhile.
            Run(new Rebuild(missing ? "起動時（インデックスなし・破損）" : "起動時", Reopen: false));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The search index could not be opened; search stays unavailable");
            return;
        }

        await foreach (var work in _queue.Reader.ReadAllAsync(stoppingToken))
            Run(work);
    }

    private void Run(Work work)
    {
        try
        {
            switch (work)
            {
                case Change change:
                    index.ReplaceBranch(change.NodeId, documents.ForBranch(cache.Current, change.NodeId).ToList());
                    logger.LogInformation("Search index updated for node {NodeId}", change.NodeId);
                    break;
                case Rebuild rebuild:
                    IsRebuilding = true;
                    var watch = Stopwatch.StartNew();
                    if (rebuild.Reopen) index.Open();
                    var count = index.Rebuild(documents.ForAll(cache.Current));
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
            if (work is Change) _queue.Writer.TryWrite(new Rebuild("更新の失敗からの修復", Reopen: true));
        }
        finally
        {
            IsRebuilding = false;
        }
    }
}
