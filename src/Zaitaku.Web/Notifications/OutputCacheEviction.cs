using Microsoft.AspNetCore.OutputCaching;
using Zaitaku.Core.Notifications;
using Zaitaku.Core.Publishing;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Notifications;

/// <summary>
/// The one place cached pages are evicted. After a content change, the pages it can show on: the
/// node's parent's branch (the node itself, its siblings' lists, its descendants' breadcrumbs) and the
/// aggregate pages. A change near the top of the tree shows in the header navigation of every page,
/// and a change to the settings tree in every お問い合わせ block, so those evict everything; so do
/// media and form changes that pages show, and changes the database check found.
/// </summary>
public sealed class OutputCacheEviction(IOutputCacheStore store, IPublishedCache cache, ILogger<OutputCacheEviction> logger)
    : INotificationHandler<ContentNotification>, INotificationHandler<MediaChangedNotification>,
      INotificationHandler<FormChangedNotification>, INotificationHandler<ChangesFoundElsewhereNotification>
{
    public async Task HandleAsync(ContentNotification change, CancellationToken cancellationToken)
    {
        var rootId = change.AncestorIds.Count > 0 ? change.AncestorIds[^1] : change.NodeId;
        // Settings (site name, contact points) show on every page, like the top of the tree.
        var outsideSite = cache.Current.Site?.Id != rootId;
        string[] tags = change.Level <= 2 || outsideSite
            ? [OutputCacheTags.AllContent]
            : [OutputCacheTags.Node(change.AncestorIds[0]), OutputCacheTags.Aggregate];
        foreach (var tag in tags) await store.EvictByTagAsync(tag, cancellationToken);
        logger.LogInformation("Output cache evicted for node {NodeId}: {Tags}", change.NodeId, tags);
    }

    /// <summary>A page lists a file's size and address: a replaced or deleted file must not linger in cached pages.</summary>
    public Task HandleAsync(MediaChangedNotification notification, CancellationToken cancellationToken) =>
        notification.PagesShowIt ? EvictAllAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>Cached pages carry the page feedback form and any form placed on them.</summary>
    public Task HandleAsync(FormChangedNotification notification, CancellationToken cancellationToken) =>
        notification.PagesShowIt ? EvictAllAsync(cancellationToken) : Task.CompletedTask;

    public Task HandleAsync(ChangesFoundElsewhereNotification notification, CancellationToken cancellationToken) =>
        EvictAllAsync(cancellationToken);

    private async Task EvictAllAsync(CancellationToken ct) => await store.EvictByTagAsync(OutputCacheTags.AllContent, ct);
}
