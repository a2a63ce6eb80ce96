using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// The tree as editors last saved it (every node's draft, published or not, outside the recycle
/// bin), for preview requests with a valid key. Read from the database for each such request:
/// previews are rare, and must show a save the moment it is made.
/// </summary>
public sealed class DraftSnapshot(IDbContextFactory<ZaitakuDbContext> dbFactory, ContentSchema schema)
{
    public async Task<PublishedSnapshot> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.ContentNodes.AsNoTracking()
            .Where(n => !n.Trashed && n.DraftVersionId != null)
            .Select(n => new PublishedNodeData(n.Id, n.Key, n.ParentId, n.SortOrder, n.ContentTypeAlias,
                n.DraftVersion!.Name, n.DraftVersion.UrlSegment, n.DraftVersion.UpdatedUtc, n.DraftVersion.ValuesJson,
                n.CreatedUtc, n.PublishedUtc))
            .ToListAsync(ct);
        return new PublishedSnapshot(rows, schema);
    }
}
