using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Forms;

/// <summary>
/// The forms as the public site shows them, held in memory like the published cache: pages render
/// them without asking the database. The designer refreshes it after each save.
/// </summary>
public sealed class FormCatalog(IDbContextFactory<ZaitakuDbContext> dbFactory, IOutputCacheStore outputCache)
{
    private volatile IReadOnlyList<FormDefinition> _forms = [];

    public IReadOnlyList<FormDefinition> All => _forms;

    public FormDefinition? Find(Guid key) => _forms.FirstOrDefault(f => f.Key == key);

    /// <summary>The form shown at the foot of every public page (the page feedback form), if one is set.</summary>
    public FormDefinition? OnEveryPage => _forms.FirstOrDefault(f => f.OnEveryPage);

    public async Task RefreshAsync(CancellationToken ct = default, bool evictPages = true)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        _forms = await db.Forms.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
        // Cached pages carry the page feedback form and any form placed on them.
        if (evictPages) await outputCache.EvictByTagAsync(OutputCacheTags.AllContent, ct);
    }
}
