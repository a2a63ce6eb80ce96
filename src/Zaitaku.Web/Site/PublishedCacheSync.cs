using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Infrastructure;

namespace Zaitaku.Web.Site;

/// <summary>
/// Keeps this instance's published cache in step with changes made by other instances on the same
/// database (a second web server, or the scheduler running elsewhere): every few seconds it reads a
/// small signature of the published tree and, when it differs, rebuilds the snapshot and empties
/// the output cache. Changes made by this instance refresh at once; this covers the rest.
/// </summary>
public sealed class PublishedCacheSync(
    IDbContextFactory<ZaitakuDbContext> dbFactory, IPublishedCache cache, IOutputCacheStore outputCache,
    Zaitaku.Infrastructure.Media.MediaLibrary mediaLibrary, ILogger<PublishedCacheSync> logger) : PeriodicWork(logger)
{
    private string? _signature;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);
    protected override bool RunAtStart => false;

    protected override Task RunOnceAsync(CancellationToken ct) => CheckAsync(ct);

    /// <returns>Whether the cache was rebuilt.</returns>
    public async Task<bool> CheckAsync(CancellationToken ct = default)
    {
        var signature = await SignatureAsync(ct);
        var previous = Interlocked.Exchange(ref _signature, signature);
        if (previous is null || previous == signature) return false; // the first reading only sets the baseline
        await cache.RefreshAsync(ct);
        await mediaLibrary.RefreshAsync(ct, notify: false);
        await outputCache.EvictByTagAsync(OutputCacheTags.AllContent, ct);
        logger.LogInformation("Published content changed elsewhere; cache rebuilt");
        return true;
    }

    private async Task<string> SignatureAsync(CancellationToken ct)
    {
        await using var db = dbFactory.CreateDbContext();
        // Publishing moves a node to a newer version id; unpublishing or deleting changes the count;
        // moving or sorting changes the parent and order sums.
        var s = await db.ContentNodes.Where(n => n.PublishedVersionId != null && !n.Trashed)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Versions = g.Sum(n => (long)n.PublishedVersionId!.Value),
                Parents = g.Sum(n => (long)(n.ParentId ?? 0)),
                Order = g.Sum(n => (long)n.SortOrder),
            })
            .SingleOrDefaultAsync(ct);
        // Redirects are part of the snapshot too: retiring one on another instance must reach this one.
        var redirects = await db.RedirectUrls.CountAsync(ct) + ":" + (await db.RedirectUrls.MaxAsync(r => (int?)r.Id, ct) ?? 0);
        // Media too: a file replaced or deleted on another instance changes what pages show.
        var media = await db.MediaItems.CountAsync(m => !m.Trashed, ct) + ":" + (await db.MediaItems.MaxAsync(m => (DateTime?)m.UpdatedUtc, ct))?.Ticks;
        redirects += ":" + media;
        return (s is null ? "empty" : $"{s.Count}:{s.Versions}:{s.Parents}:{s.Order}") + ":" + redirects;
    }
}
