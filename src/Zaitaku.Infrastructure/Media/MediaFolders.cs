using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Infrastructure.Media;

/// <summary>
/// The top-level folders every site has: 共有 (shared by all editors) and one per association, so an
/// association's editors have their place from their first day. Run at start; adds what is missing.
/// </summary>
public sealed class MediaFolders(ZaitakuDbContext db, MediaService media)
{
    public const string SharedName = "共有";

    public async Task EnsureAsync(CancellationToken ct = default)
    {
        await SharedFolderAsync(ct);
        var top = await db.MediaItems.Where(m => m.ParentId == null && m.Kind == MediaKind.Folder).ToListAsync(ct);
        var associations = await db.ContentNodes.AsNoTracking()
            .Where(n => n.ContentTypeAlias == "association" && !n.Trashed).OrderBy(n => n.SortOrder)
            .Select(n => new { n.Key, n.DraftVersion!.Name }).ToListAsync(ct);
        foreach (var association in associations)
        {
            if (top.Any(f => f.AssociationKey == association.Key)) continue;
            await media.CreateFolderAsync(null, association.Name, association.Key, shared: false, createdBy: "system", ct: ct);
        }
    }

    /// <summary>The 共有 folder, made if it is missing.</summary>
    public async Task<MediaItem> SharedFolderAsync(CancellationToken ct = default) =>
        await db.MediaItems.FirstOrDefaultAsync(m => m.ParentId == null && m.Kind == MediaKind.Folder && m.Shared, ct)
        ?? await media.CreateFolderAsync(null, SharedName, null, shared: true, createdBy: "system", ct: ct);
}
