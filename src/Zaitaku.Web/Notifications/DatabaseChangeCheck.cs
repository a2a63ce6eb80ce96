using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Notifications;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Notifications;

/// <summary>
/// The safety net under the messages between nodes: every few seconds it reads a small signature of
/// what the database holds for the public site (the published tree, redirects, media, forms) and,
/// when it differs from the last reading, reloads everything this node holds in memory and raises
/// <see cref="ChangesFoundElsewhereNotification"/> (cached pages are emptied). The reading dictionary
/// (ふりがな) is read apart: a change to it reloads the dictionary and raises the same setting change a
/// message would have brought, so ruby and the search index's readings follow. It catches a lost
/// message, changes made during a Redis outage, the scheduler on another node, and nodes run without
/// Redis. Changes made by this node, or brought by a message, are applied at once; this covers the rest.
/// </summary>
public sealed class DatabaseChangeCheck(
    IDbContextFactory<ZaitakuDbContext> dbFactory, IPublishedCache cache, INotificationPublisher notifications,
    Zaitaku.Infrastructure.Media.MediaLibrary mediaLibrary, Zaitaku.Web.Forms.FormCatalog forms,
    Zaitaku.Infrastructure.Reading.Readings readings, ILogger<DatabaseChangeCheck> logger) : PeriodicWork(logger)
{
    private string? _signature;
    private string? _formPlaces;
    private string? _readingDictionary;
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);
    protected override bool RunAtStart => false;

    protected override Task RunOnceAsync(CancellationToken ct) => CheckAsync(ct);

    /// <summary>
    /// Reads the baseline while the host waits, right after SiteInitializer filled the caches it describes.
    /// Left to the first tick (5 s later, and later still on a loaded machine, since .NET 10 runs a
    /// BackgroundService's loop on the thread pool), a change another node made in between would become
    /// part of the baseline and never be loaded here, and the first comparison would measure against a
    /// moment unrelated to what this node holds. Now the first comparison counts only what changed since the load.
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try { await CheckAsync(cancellationToken); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The database away at this moment: the first tick takes the baseline instead.
            logger.LogWarning(e, "No baseline for the database change check at start; the first check takes it");
        }
        await base.StartAsync(cancellationToken);
    }

    /// <returns>Whether the cache was rebuilt.</returns>
    public async Task<bool> CheckAsync(CancellationToken ct = default)
    {
        // The timer and a Redis reconnection may both ask; one reading at a time keeps the baseline honest.
        await _gate.WaitAsync(ct);
        try
        {
            var (signature, places, dictionary) = await SignatureAsync(ct);
            // Places taken on another instance only change what an event form says is left: no page to evict.
            if (Interlocked.Exchange(ref _formPlaces, places) is { } before && before != places && signature == _signature)
                await forms.ReloadAsync(ct);
            // A dictionary saved elsewhere whose message was lost. Loading compares with the one in use, so a
            // change this node made or already heard of raises nothing; found here, it is sent to no other node.
            // Remembered only once loaded, so a reading that failed half-way is tried again at the next check.
            if (dictionary != _readingDictionary)
            {
                if (await readings.LoadAsync(ct))
                    await notifications.PublishAsync(new SettingChangedNotification(Zaitaku.Core.Reading.ReadingDictionary.SettingKey) { FromOtherNode = true }, ct);
                _readingDictionary = dictionary;
            }
            var previous = Interlocked.Exchange(ref _signature, signature);
            if (previous is null || previous == signature) return false; // the first reading only sets the baseline
            await cache.RefreshAsync(ct);
            await mediaLibrary.ReloadAsync(ct);
            await forms.ReloadAsync(ct);
            await notifications.PublishAsync(new ChangesFoundElsewhereNotification { FromOtherNode = true }, ct);
            // Both signatures, so a change found when none was expected can be traced to its part (tree, redirects, media, forms).
            logger.LogInformation("Published content changed elsewhere; cache rebuilt ({Before} → {After})", previous, signature);
            return true;
        }
        finally { _gate.Release(); }
    }

    private async Task<(string Signature, string FormPlaces, string ReadingDictionary)> SignatureAsync(CancellationToken ct)
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
        // The setting row has no time of change: a hash of its text tells one dictionary from another.
        var dictionary = await db.BackofficeSettings.Where(x => x.Key == Zaitaku.Core.Reading.ReadingDictionary.SettingKey)
            .Select(x => x.Value).SingleOrDefaultAsync(ct);
        var dictionaryHash = dictionary is null ? "none" : Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(dictionary)));
        return ((s is null ? "empty" : $"{s.Count}:{s.Versions}:{s.Parents}:{s.Order}") + ":" + redirects, places, dictionaryHash);
    }
}
