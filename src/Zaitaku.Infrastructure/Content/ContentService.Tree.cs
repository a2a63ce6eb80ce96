using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Core.Notifications;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Infrastructure.Content;

/// <summary>A rule of the content tree that an editor's request would break; its message is for the editor.</summary>
public sealed class ContentRuleException(string message) : Exception(message);

/// <summary>Tree care: move, sort, the recycle bin, and the redirects that keep old addresses working.</summary>
public sealed partial class ContentService
{
    public async Task MoveAsync(ContentNode node, int newParentId, CancellationToken ct = default)
    {
        if (node.ParentId == newParentId) return;
        var parent = await db.ContentNodes.AsNoTracking().SingleOrDefaultAsync(n => n.Id == newParentId, ct);
        if (parent is null || await IsInRecycleBinAsync(parent.Id, ct))
            throw new ContentRuleException("移動先のページが見つかりません。");
        var newAncestors = await AncestorIdsAsync(newParentId, ct);
        if (newParentId == node.Id || newAncestors.Contains(node.Id))
            throw new ContentRuleException("ページを、そのページ自身やその下のページの中へは移動できません。");
        EnsureAllowedUnder(parent, node.ContentTypeAlias);
        foreach (var segment in await SegmentsOfAsync(node, ct))
        {
            if (await IsSegmentTakenAsync(newParentId, node.Id, segment, ct))
                throw new ContentRuleException($"移動先に同じURL（{segment}）のページがあります。先にどちらかのURLを変えてください。");
        }

        var before = PublishedUrls(node.Id);
        var formerAncestors = await AncestorIdsAsync(node.ParentId, ct);
        node.ParentId = newParentId;
        node.SortOrder = await NextSortOrderAsync(newParentId, ct);
        // The move and the redirects from the branch's old addresses: one transaction (see SavePublishedAsync).
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await KeepOldUrlsAsync(before, ct);
            await transaction.CommitAsync(ct);
        }
        await AfterChangeAsync(node, ct, (id, a, l) => new ContentMovedNotification(id, a, l), formerAncestors);
    }

    /// <param name="orderedChildIds">Every child of the parent, in the new order.</param>
    public async Task SortAsync(ContentNode parent, IReadOnlyList<int> orderedChildIds, CancellationToken ct = default)
    {
        var children = await db.ContentNodes.Where(n => n.ParentId == parent.Id && !n.Trashed).ToListAsync(ct);
        if (!children.Select(c => c.Id).Order().SequenceEqual(orderedChildIds.Order()))
            throw new ContentRuleException("並べ替えているあいだに、ページが追加または削除されました。もう一度開いてください。");
        for (var i = 0; i < orderedChildIds.Count; i++)
            children.Single(c => c.Id == orderedChildIds[i]).SortOrder = i + 1;
        await db.SaveChangesAsync(ct);
        await AfterChangeAsync(parent, ct, (id, a, l) => new ContentMovedNotification(id, a, l));
    }

    /// <summary>Moves a node, with everything under it, to the recycle bin: off the public site, ready to restore.</summary>
    public async Task TrashAsync(ContentNode node, CancellationToken ct = default)
    {
        if (node.ParentId is null)
            throw new ContentRuleException("最上位のページ（ホームやサイトの設定）は削除できません。");
        node.Trashed = true;
        // A schedule must not fire from the recycle bin, nor fire late on restore.
        node.PublishAtUtc = null;
        node.UnpublishAtUtc = null;
        await db.SaveChangesAsync(ct);
        await AfterChangeAsync(node, ct, (id, a, l) => new ContentUnpublishedNotification(id, a, l));
    }

    /// <summary>Puts a node back where it was. What was published before it was deleted is published again.</summary>
    public async Task RestoreAsync(ContentNode node, CancellationToken ct = default)
    {
        if (!node.Trashed) return;
        if (node.ParentId is { } parentId && await IsInRecycleBinAsync(parentId, ct))
            throw new ContentRuleException("元の場所のページもごみ箱にあります。先にそちらを元に戻してください。");
        foreach (var segment in await SegmentsOfAsync(node, ct))
        {
            if (await IsSegmentTakenAsync(node.ParentId, node.Id, segment, ct))
                throw new ContentRuleException($"元の場所に同じURL（{segment}）のページがあるため、戻せません。先にどちらかのURLを変えてください。");
        }
        node.Trashed = false;
        await db.SaveChangesAsync(ct);
        await AfterChangeAsync(node, ct, (id, a, l) => new ContentPublishedNotification(id, a, l));
    }

    /// <summary>Deletes a node from the recycle bin for good, with everything under it, its versions and its redirects.</summary>
    public async Task DeletePermanentlyAsync(ContentNode node, CancellationToken ct = default)
    {
        if (!node.Trashed) throw new ContentRuleException("完全に削除できるのは、ごみ箱にあるページだけです。");
        var branch = new List<int> { node.Id };
        for (var i = 0; i < branch.Count; i++)
        {
            var parentId = branch[i];
            branch.AddRange(await db.ContentNodes.Where(n => n.ParentId == parentId).Select(n => n.Id).ToListAsync(ct));
        }
        var keys = await db.ContentNodes.Where(n => branch.Contains(n.Id)).Select(n => n.Key).ToListAsync(ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ContentNodes.Where(n => branch.Contains(n.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.DraftVersionId, (int?)null).SetProperty(n => n.PublishedVersionId, (int?)null), ct);
        await db.ReviewRequests.Where(r => branch.Contains(r.NodeId)).ExecuteDeleteAsync(ct);
        await db.ContentVersions.Where(v => branch.Contains(v.NodeId)).ExecuteDeleteAsync(ct);
        await db.RedirectUrls.Where(r => keys.Contains(r.ContentKey)).ExecuteDeleteAsync(ct);
        // Children before parents: the parent link does not cascade, so nothing goes by accident.
        foreach (var id in Enumerable.Reverse(branch))
            await db.ContentNodes.Where(n => n.Id == id).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        await cache.RefreshAsync(ct);
        await notifications.PublishAsync(new ContentDeletedNotification(node.Id), ct);
    }

    /// <summary>Whether the node, or any node above it, is in the recycle bin.</summary>
    public async Task<bool> IsInRecycleBinAsync(int nodeId, CancellationToken ct = default)
    {
        for (int? id = nodeId; id is not null;)
        {
            var row = await db.ContentNodes.Where(n => n.Id == id).Select(n => new { n.Trashed, n.ParentId }).SingleOrDefaultAsync(ct);
            if (row is null || row.Trashed) return true;
            id = row.ParentId;
        }
        return false;
    }

    /// <summary>Whether a sibling under this parent already answers to the segment, as a draft or as published.</summary>
    public Task<bool> IsSegmentTakenAsync(int? parentId, int exceptNodeId, string segment, CancellationToken ct = default) =>
        db.ContentNodes.Where(n => n.ParentId == parentId && n.Id != exceptNodeId && !n.Trashed)
            .AnyAsync(n => n.DraftVersion!.UrlSegment == segment
                || (n.PublishedVersion != null && n.PublishedVersion.UrlSegment == segment), ct);

    /// <summary>Why a URL segment cannot be used at this place in the tree, or null when it can (the message is for the editor).</summary>
    public async Task<string?> UrlSegmentProblemAsync(string segment, int? parentId, int nodeId, CancellationToken ct = default)
    {
        if (!UrlSegments.IsValid(segment))
            return "URLには半角の英小文字・数字と、語の区切りのハイフン（-）だけを使ってください（例：kouza-2025）。";
        if (await IsSegmentTakenAsync(parentId, nodeId, segment, ct))
            return $"同じ場所に「{segment}」というURLのページがすでにあります。別の語にしてください。";
        return null;
    }

    public async Task<int> NextSortOrderAsync(int? parentId, CancellationToken ct = default) =>
        (await db.ContentNodes.Where(n => n.ParentId == parentId).Select(n => (int?)n.SortOrder).MaxAsync(ct) ?? 0) + 1;

    private void EnsureAllowedUnder(ContentNode parent, string contentTypeAlias)
    {
        var parentType = schema.GetDocumentType(parent.ContentTypeAlias);
        var type = schema.GetDocumentType(contentTypeAlias);
        if (!parentType.AllowedChildTypes.Contains(type.Alias, StringComparer.OrdinalIgnoreCase))
            throw new ContentRuleException($"「{parentType.Name}」の下に「{type.Name}」は置けません。");
    }

    private async Task<IReadOnlyList<string>> SegmentsOfAsync(ContentNode node, CancellationToken ct) =>
        await db.ContentVersions.Where(v => v.Id == node.DraftVersionId || v.Id == node.PublishedVersionId)
            .Select(v => v.UrlSegment).Distinct().ToListAsync(ct);

    /// <summary>The published addresses of a node and everything under it, from the snapshot in memory.</summary>
    private Dictionary<Guid, string> PublishedUrls(int nodeId)
    {
        var urls = new Dictionary<Guid, string>();
        void Walk(PublishedContent content)
        {
            if (content.Url is not null) urls[content.Key] = content.Url;
            foreach (var child in content.Children) Walk(child);
        }
        if (cache.Current.GetById(nodeId) is { } start) Walk(start);
        return urls;
    }

    /// <summary>
    /// After a rename or move, each address in the branch that changed becomes a redirect to its page.
    /// An address a page now lives at again is no longer a redirect. Called inside the transaction of
    /// the change, before its commit: the new addresses are worked out from the tree as this
    /// transaction sees it (the published cache still shows the old one).
    /// </summary>
    /// <returns>Whether any redirect was added or removed.</returns>
    private async Task<bool> KeepOldUrlsAsync(IReadOnlyDictionary<Guid, string> urlsBefore, CancellationToken ct)
    {
        if (urlsBefore.Count == 0) return false;
        var snapshot = new PublishedSnapshot(await Publishing.DbPublishedCache.PublishedRowsAsync(db, ct), schema);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = false;
        foreach (var (key, oldUrl) in urlsBefore)
        {
            if (snapshot.GetByKey(key)?.Url is not { } newUrl || newUrl == oldUrl) continue;
            changed = true;
            var existing = await db.RedirectUrls.SingleOrDefaultAsync(r => r.Url == oldUrl, ct);
            if (existing is null) db.RedirectUrls.Add(new RedirectUrl { Url = oldUrl, ContentKey = key, CreatedUtc = now });
            else { existing.ContentKey = key; existing.CreatedUtc = now; }
            await db.RedirectUrls.Where(r => r.Url == newUrl).ExecuteDeleteAsync(ct);
        }
        if (changed) await db.SaveChangesAsync(ct);
        return changed;
    }
}
