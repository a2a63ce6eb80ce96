using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Media;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Backoffice.Media;

/// <summary>
/// The top-level folders every site has: 共有 (shared by all editors) and one per association, so an
/// association's editors have their place from their first day. Run at start; adds what is missing.
/// </summary>
public sealed class MediaFolders(ZaitakuDbContext db, MediaService media, IPublishedCache cache)
{
    public const string SharedName = "共有";

    public async Task EnsureAsync(CancellationToken ct = default)
    {
        var top = await db.MediaItems.Where(m => m.ParentId == null && m.Kind == MediaKind.Folder).ToListAsync(ct);
        if (!top.Any(f => f.Shared))
            await media.CreateFolderAsync(null, SharedName, null, shared: true, createdBy: "system", ct: ct);
        foreach (var association in cache.Current.OfType("association").OrderBy(a => a.SortOrder))
        {
            if (top.Any(f => f.AssociationKey == association.Key)) continue;
            await media.CreateFolderAsync(null, association.Name, association.Key, shared: false, createdBy: "system", ct: ct);
        }
    }
}
