using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Services.Changes;
using Umbraco.Cms.Core.Sync;
using Umbraco.Cms.Infrastructure;
using Umbraco.Cms.Infrastructure.Search;

namespace Zaitaku.Web.Search;

/// <summary>
/// Keeps the search index in step with what is published. Umbraco raises the cache refresher notifications on
/// every server once its caches hold the change, so each server's index follows its own published cache: a
/// publish, unpublish, move or delete re-indexes the node and everything under it; a changed file re-indexes the
/// downloads that offer it.
/// </summary>
public sealed class SearchIndexingNotificationHandler(
    SearchIndexing indexing, IRuntimeState runtimeState, IUmbracoIndexingHandler umbracoIndexing)
    : INotificationHandler<ContentCacheRefresherNotification>, INotificationHandler<MediaCacheRefresherNotification>
{
    public void Handle(ContentCacheRefresherNotification notification)
    {
        if (!CanIndex() || notification.MessageType != MessageType.RefreshByPayload
            || notification.MessageObject is not ContentCacheRefresher.JsonPayload[] payloads) return;
        foreach (var payload in payloads)
        {
            if (payload.Blueprint) continue;
            if (payload.ChangeTypes.HasType(TreeChangeTypes.RefreshAll)) indexing.Enqueue(new SearchIndexing.Everything());
            else indexing.Enqueue(new SearchIndexing.Branch(payload.Id, payload.Key));
        }
    }

    public void Handle(MediaCacheRefresherNotification notification)
    {
        if (!CanIndex() || notification.MessageType != MessageType.RefreshByPayload
            || notification.MessageObject is not MediaCacheRefresher.JsonPayload[] payloads) return;
        // A deleted file can no longer be matched to the downloads that offered it: look at all of them.
        var all = payloads.Any(p => p.ChangeTypes.HasTypesAny(TreeChangeTypes.RefreshAll | TreeChangeTypes.Remove) || p.Key is null);
        indexing.Enqueue(new SearchIndexing.Downloads(all ? null : payloads.Select(p => p.Key!.Value).ToHashSet()));
    }

    /// <summary>As Umbraco's own indexing handlers: only on a running site that owns its indexes (MainDom).</summary>
    private bool CanIndex() =>
        runtimeState.Level == RuntimeLevel.Run && umbracoIndexing.Enabled && Suspendable.ExamineEvents.CanIndex;
}
