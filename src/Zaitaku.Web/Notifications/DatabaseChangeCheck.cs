using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Notifications;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Notifications;

/// <summary>
/// The safety net under the messages between nodes: every few seconds it reads a small signature of
/// what the database holds for each thing this node keeps in memory (the published tree with its
/// redirects, media, forms; see <see cref="ChangeSignatures"/>) and compares it with the signature that
/// thing was loaded from. A part that differs is reloaded, and when pages show it,
/// <see cref="ChangesFoundElsewhereNotification"/> is raised (cached pages are emptied). Because each
/// cache keeps what it loaded from, a change this node made or heard of by message is not found a
/// second time (before, every node reloaded everything and emptied its cache again a few seconds
/// after every change). The settings kept in memory (the reading dictionary for ふりがな, the search
/// synonyms) are read apart: a change to one reloads it and raises the same setting change a message
/// would have brought. It catches a lost
/// message, changes made during a Redis outage, the scheduler on another node, and nodes run without Redis.
/// </summary>
public sealed class DatabaseChangeCheck(
    IDbContextFactory<ZaitakuDbContext> dbFactory, IPublishedCache cache, INotificationPublisher notifications,
    Zaitaku.Infrastructure.Media.MediaLibrary mediaLibrary, Zaitaku.Web.Forms.FormCatalog forms,
    Zaitaku.Infrastructure.Reading.Readings readings, Zaitaku.Infrastructure.Search.SynonymStore synonyms,
    ILogger<DatabaseChangeCheck> logger) : PeriodicWork(logger)
{
    /// <summary>The settings a node keeps in memory, each with what reloads it (true when it differed from the one in use).</summary>
    private readonly IReadOnlyDictionary<string, Func<CancellationToken, Task<bool>>> _settingLoaders =
        new Dictionary<string, Func<CancellationToken, Task<bool>>>
        {
            [Zaitaku.Core.Reading.ReadingDictionary.SettingKey] = readings.LoadAsync,
            [Zaitaku.Infrastructure.Search.SearchSynonyms.SettingKey] = synonyms.LoadAsync,
        };
    /// <summary>The hash of each setting's text as last loaded; touched only under the gate.</summary>
    private readonly Dictionary<string, string> _settings = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);
    protected override bool RunAtStart => false;

    protected override Task RunOnceAsync(CancellationToken ct) => CheckAsync(ct);

    /// <returns>Whether something pages show was reloaded (and cached pages emptied).</returns>
    public async Task<bool> CheckAsync(CancellationToken ct = default)
    {
        // The timer and a Redis reconnection may both ask; one reading at a time.
        await _gate.WaitAsync(ct);
        try
        {
            var now = await ReadAsync(ct);
            var changed = new List<string>();
            if (now.Tree != cache.LoadedFrom)
            {
                changed.Add($"tree {cache.LoadedFrom} → {now.Tree}");
                await cache.RefreshAsync(ct);
            }
            if (now.Media != mediaLibrary.LoadedFrom)
            {
                changed.Add($"media {mediaLibrary.LoadedFrom} → {now.Media}");
                await mediaLibrary.ReloadAsync(ct);
            }
            if (now.Forms != forms.LoadedFrom)
            {
                changed.Add($"forms {forms.LoadedFrom} → {now.Forms}");
                await forms.ReloadAsync(ct);
            }
            // Places taken on another instance only change what an event form says is left: no page to evict.
            else if (now.Places != forms.LoadedPlaces) await forms.ReloadAsync(ct);

            // A setting saved elsewhere whose message was lost. Loading compares with the one in use, so a
            // change this node made or already heard of raises nothing; found here, it is sent to no other node.
            // Remembered only once loaded, so a reading that failed half-way is tried again at the next check.
            foreach (var (key, hash) in now.Settings)
            {
                if (_settings.GetValueOrDefault(key) == hash) continue;
                if (await _settingLoaders[key](ct))
                    await notifications.PublishAsync(new SettingChangedNotification(key) { FromOtherNode = true }, ct);
                _settings[key] = hash;
            }

            if (changed.Count == 0) return false;
            await notifications.PublishAsync(new ChangesFoundElsewhereNotification { FromOtherNode = true }, ct);
            // The parts and both signatures, so a change found when none was expected can be traced.
            logger.LogInformation("Published content changed elsewhere; reloaded {Parts}", string.Join("; ", changed));
            return true;
        }
        finally { _gate.Release(); }
    }

    private async Task<(string Tree, string Media, string Forms, string Places, Dictionary<string, string> Settings)> ReadAsync(CancellationToken ct)
    {
        await using var db = dbFactory.CreateDbContext();
        // A setting row has no time of change: a hash of its text tells one version from another.
        var keys = _settingLoaders.Keys.ToList();
        var saved = await db.BackofficeSettings.Where(x => keys.Contains(x.Key)).ToDictionaryAsync(x => x.Key, x => x.Value, ct);
        var settings = keys.ToDictionary(k => k, k => saved.TryGetValue(k, out var text)
            ? Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))
            : "none");
        return (await ChangeSignatures.PublishedTreeAsync(db, ct), await ChangeSignatures.MediaAsync(db, ct),
            await ChangeSignatures.FormsAsync(db, ct), await ChangeSignatures.FormPlacesAsync(db, ct), settings);
    }
}
