using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site;

/// <summary>
/// Keeps this instance's published cache in step with changes made by other instances on the same
/// database (a second web server, or the scheduler running elsewhere): every few seconds it reads a
/// small signature of the published tree and, when it differs, rebuilds the snapshot and empties
/// the output cache. Changes made by this instance refresh at once; this covers the rest.
/// </summary>
public sealed class PublishedCacheSync(
    IDbContextFactory<ZaitakuDbContext> dbFactory, IPublishedCache cache, IOutputCacheStore outputCache,
    Zaitaku.Infrastructure.Media.MediaLibrary mediaLibrary, Zaitaku.Web.Forms.FormCatalog forms,
    ILogger<PublishedCacheSync> logger) : PeriodicWork(logger)
{
    private string? _signature;
    private string? _formPlaces;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);
    protected override bool RunAtStart => false;

    protected override Task RunOnceAsync(CancellationToken ct) => CheckAsync(ct);

    /// <returns>Whether the cache was rebuilt.</returns>
    public async Task<bool> CheckAsync(CancellationToken ct = default)
    {
        var (signature, places) = await SignatureAsync(ct);
        // Places taken on another instance only change what an event form says is left: no page to evict.
        if (Interlocked.Exchange(ref _formPlaces, places) is { } before && before != places && signature == _signature)
            await forms.RefreshAsync(ct, evictPages: false);
        var previous = Interlocked.Exchange(ref _signature, signature);
        if (previous is null || previous == signature) return false; // the first reading only sets the baseline
        await cache.RefreshAsync(ct);
        await mediaLibrary.RefreshAsync(ct, notify: false);
        await forms.RefreshAsync(ct, evictPages: false);
        await outputCache.EvictByTagAsync(OutputCacheTags.AllContent, ct);
        logger.LogInformation("Published content changed elsewhere; cache rebuilt");
        return true;
    }

    private async Task<(string Signature, string FormPlaces)> SignatureAsync(CancellationToken ct)
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
        // Forms show on pages (the feedback form on all of them), so a designer's change elsewhere counts.
        var designed = await db.Forms.CountAsync(ct) + ":" + (await db.Forms.MaxAsync(f => (DateTime?)f.UpdatedUtc, ct))?.Ticks;
        var places = (await db.Forms.SumAsync(f => (long)f.ConfirmedCount, ct)).ToString();
        redirects += ":" + media + ":" + designed;
        return ((s is null ? "empty" : $"{s.Count}:{s.Versions}:{s.Parents}:{s.Order}") + ":" + redirects, places);
    }
}
