using Zaitaku.Core.Notifications;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Search;

namespace Zaitaku.Web.Notifications;

/// <summary>
/// Applies a notification another node raised (Umbraco's cache refreshers): first reloads what this
/// node holds in memory for it, then raises it here, marked as from another node, so that the same
/// handlers evict cached pages and update this node's search index. Nothing is sent on again.
/// </summary>
public sealed class ChangesFromOtherNodes(IPublishedCache cache, Zaitaku.Infrastructure.Media.MediaLibrary media,
    Zaitaku.Web.Forms.FormCatalog forms, SynonymStore synonyms, Zaitaku.Infrastructure.Reading.Readings readings, INotificationPublisher notifications,
    ILogger<ChangesFromOtherNodes> logger)
{
    public async Task ApplyAsync(Notification notification, CancellationToken ct)
    {
        switch (notification)
        {
            case ContentNotification or ContentDeletedNotification or ContentTreeChangedNotification:
                await cache.RefreshAsync(ct);
                break;
            case MediaChangedNotification:
                await media.ReloadAsync(ct);
                break;
            case FormChangedNotification:
                await forms.ReloadAsync(ct);
                break;
            case SettingChangedNotification { Key: SearchSynonyms.SettingKey }:
                await synonyms.LoadAsync(ct);
                break;
            case SettingChangedNotification { Key: Zaitaku.Core.Reading.ReadingDictionary.SettingKey }:
                await readings.LoadAsync(ct);
                break;
            case ChangesFoundElsewhereNotification:
                return; // each node finds those itself
        }
        await notifications.PublishAsync(notification with { FromOtherNode = true }, ct);
        logger.LogInformation("Applied a change made on another node: {Notification}", notification);
    }
}
