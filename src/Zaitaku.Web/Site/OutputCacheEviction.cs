using Microsoft.AspNetCore.OutputCaching;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Web.Site;

/// <summary>
/// Tags on cached pages. A page is tagged with its own node and each ancestor (its breadcrumbs show
/// their names); pages that list content from across the site are tagged as aggregates.
/// </summary>
public static class OutputCacheTags
{
    public const string AllContent = "content";
    public const string Aggregate = "aggregate";
    public static string Node(int id) => $"node:{id}";
}

/// <summary>
/// After a change, evicts the pages it can show on: the node's parent's branch (the node itself,
/// its siblings' lists, its descendants' breadcrumbs) and the aggregate pages. A change near the
/// top of the tree shows in the header navigation of every page, and a change to the settings
/// tree in every お問い合わせ block, so those evict everything.
/// </summary>
public sealed class OutputCacheEviction(IOutputCacheStore store, IPublishedCache cache, ILogger<OutputCacheEviction> logger)
    : IContentChangeHandler
{
    public async Task HandleAsync(ContentChange change, CancellationToken cancellationToken)
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
}
