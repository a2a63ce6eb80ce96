using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Infrastructure.Content;

/// <summary>Creates, saves and publishes content nodes. Every save writes a new version.</summary>
public sealed class ContentService(
    ZaitakuDbContext db,
    ContentSchema schema,
    IPublishedCache cache,
    IEnumerable<IContentChangeHandler> changeHandlers,
    TimeProvider clock)
{
    public async Task<ContentNode> CreateAsync(int? parentId, string contentTypeAlias, string name, string urlSegment,
        IReadOnlyDictionary<string, string> values, int sortOrder, string? createdBy, DateTime? updatedUtc = null,
        Guid? key = null, CancellationToken ct = default)
    {
        var type = schema.GetDocumentType(contentTypeAlias);
        if (parentId is null && !type.AllowAtRoot)
            throw new InvalidOperationException($"「{type.Name}」はルートに置けません。");
        if (parentId is not null)
        {
            var parent = await db.ContentNodes.AsNoTracking().SingleAsync(n => n.Id == parentId, ct);
            var parentType = schema.GetDocumentType(parent.ContentTypeAlias);
            if (!parentType.AllowedChildTypes.Contains(type.Alias, StringComparer.OrdinalIgnoreCase))
                throw new InvalidOperationException($"「{parentType.Name}」の下に「{type.Name}」は置けません。");
        }
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
        node.PublishedVersionId = node.DraftVersionId;
        node.PublishedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await AfterChangeAsync(node, ct);
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
        node.PublishedVersionId = null;
        node.PublishedUtc = null;
        await db.SaveChangesAsync(ct);
        await AfterChangeAsync(node, ct);
    }

    private async Task AfterChangeAsync(ContentNode node, CancellationToken ct)
    {
        var ancestors = new List<int>();
        for (var parentId = node.ParentId; parentId is not null;)
        {
            ancestors.Add(parentId.Value);
            parentId = await db.ContentNodes.Where(n => n.Id == parentId).Select(n => n.ParentId).SingleAsync(ct);
        }
        await cache.RefreshAsync(ct);
        var change = new ContentChange(node.Id, ancestors, ancestors.Count + 1);
        foreach (var handler in changeHandlers) await handler.HandleAsync(change, ct);
    }
}
