using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Notifications;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Infrastructure.Content;

/// <summary>Creates, saves and publishes content nodes. Every save writes a new version.</summary>
public sealed partial class ContentService(
    ZaitakuDbContext db,
    ContentSchema schema,
    IPublishedCache cache,
    INotificationPublisher notifications,
    TimeProvider clock)
{
    public async Task<ContentNode> CreateAsync(int? parentId, string contentTypeAlias, string name, string urlSegment,
        IReadOnlyDictionary<string, string> values, int sortOrder, string? createdBy, DateTime? updatedUtc = null,
        Guid? key = null, CancellationToken ct = default)
    {
        var type = schema.GetDocumentType(contentTypeAlias);
        if (parentId is null && !type.AllowAtRoot)
            throw new ContentRuleException($"「{type.Name}」は最上位に置けません。");
        if (parentId is not null)
            EnsureAllowedUnder(await db.ContentNodes.AsNoTracking().SingleAsync(n => n.Id == parentId, ct), type.Alias);
        var now = clock.GetUtcNow().UtcDateTime;
        var node = new ContentNode
        {
            Key = key ?? Guid.NewGuid(), ParentId = parentId, SortOrder = sortOrder,
            ContentTypeAlias = type.Alias, CreatedUtc = now,
        };
        db.ContentNodes.Add(node);
        await db.SaveChangesAsync(ct);
        await SaveDraftAsync(node, name, urlSegment, values, createdBy, updatedUtc, ct);
        return node;
    }

    public async Task<ContentVersion> SaveDraftAsync(ContentNode node, string name, string urlSegment,
        IReadOnlyDictionary<string, string> values, string? createdBy, DateTime? updatedUtc = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var version = new ContentVersion
        {
            NodeId = node.Id, Name = name, UrlSegment = urlSegment,
            ValuesJson = PropertyValues.Serialize(values),
            CreatedUtc = now, UpdatedUtc = updatedUtc ?? now, CreatedBy = createdBy,
        };
        db.ContentVersions.Add(version);
        await db.SaveChangesAsync(ct);
        node.DraftVersionId = version.Id;
        await db.SaveChangesAsync(ct);
        return version;
    }

    /// <summary>Makes the node's draft its published version, then refreshes the cache and tells the handlers.</summary>
    public async Task PublishAsync(ContentNode node, CancellationToken ct = default)
    {
        var afterCommit = await SavePublishedAsync(node, ct);
        await afterCommit(ct);
    }

    /// <summary>
    /// Saves the node's draft as its published version, inside whatever transaction the caller has
    /// open, and returns the cache refresh to run once that transaction is committed (a refresh
    /// before the commit would read the old state on another connection).
    /// </summary>
    public async Task<Func<CancellationToken, Task>> SavePublishedAsync(ContentNode node, CancellationToken ct = default)
    {
        // A publish changes addresses only when it changes the page's URL segment: otherwise the tree
        // need not be read again inside the transaction (which holds SQLite's write lock).
        var segment = await db.ContentVersions.Where(v => v.Id == node.DraftVersionId).Select(v => v.UrlSegment).SingleOrDefaultAsync(ct);
        var before = cache.Current.GetById(node.Id)?.UrlSegment == segment ? new Dictionary<Guid, string>() : PublishedUrls(node.Id);
        node.PublishedVersionId = node.DraftVersionId;
        node.PublishedUtc = clock.GetUtcNow().UtcDateTime;
        // The redirects from the addresses the publish changed are part of the publish: written in the
        // same transaction, so no crash can leave a page at its new address and its old one a 404.
        await using (var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null)
        {
            await db.SaveChangesAsync(ct);
            await KeepOldUrlsAsync(before, ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        return c => AfterChangeAsync(node, c, (id, a, l) => new ContentPublishedNotification(id, a, l));
    }

    /// <summary>Publishes several nodes with one cache refresh (the seed import).</summary>
    public async Task PublishManyAsync(IReadOnlyCollection<ContentNode> nodes, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var node in nodes)
        {
            node.PublishedVersionId = node.DraftVersionId;
            node.PublishedUtc = now;
        }
        await db.SaveChangesAsync(ct);
        await cache.RefreshAsync(ct);
    }

    public async Task UnpublishAsync(ContentNode node, CancellationToken ct = default)
    {
        var afterCommit = await SaveUnpublishedAsync(node, ct);
        await afterCommit(ct);
    }

    /// <summary>As <see cref="SavePublishedAsync"/>, for taking the node off the site.</summary>
    public async Task<Func<CancellationToken, Task>> SaveUnpublishedAsync(ContentNode node, CancellationToken ct = default)
    {
        // PublishedUtc stays: it tells a page taken off the site from one that was never published.
        node.PublishedVersionId = null;
        await db.SaveChangesAsync(ct);
        return c => AfterChangeAsync(node, c, (id, a, l) => new ContentUnpublishedNotification(id, a, l));
    }

    /// <param name="notification">Makes the notification to raise, from the node id, its ancestors and its level.</param>
    private async Task AfterChangeAsync(ContentNode node, CancellationToken ct,
        Func<int, IReadOnlyList<int>, int, ContentNotification> notification, IReadOnlyList<int>? formerAncestors = null)
    {
        var ancestors = await AncestorIdsAsync(node.ParentId, ct);
        await cache.RefreshAsync(ct);
        // A move changes two places in the tree: the listing it left and the one it joined.
        if (formerAncestors is not null && !formerAncestors.SequenceEqual(ancestors))
            await notifications.PublishAsync(notification(node.Id, formerAncestors, formerAncestors.Count + 1), ct);
        await notifications.PublishAsync(notification(node.Id, ancestors, ancestors.Count + 1), ct);
    }

    /// <returns>The ids from the given parent up to the root, nearest first.</returns>
    private async Task<List<int>> AncestorIdsAsync(int? parentId, CancellationToken ct)
    {
        var ancestors = new List<int>();
        while (parentId is not null)
        {
            ancestors.Add(parentId.Value);
            parentId = await db.ContentNodes.Where(n => n.Id == parentId).Select(n => n.ParentId).SingleAsync(ct);
        }
        return ancestors;
    }
}
