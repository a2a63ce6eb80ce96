using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Infrastructure.Publishing;

/// <summary>
/// Holds the published snapshot in memory. The database is read only when the snapshot is
/// rebuilt (at start and after each change), never while serving a page.
/// </summary>
public sealed class DbPublishedCache(IDbContextFactory<ZaitakuDbContext> dbFactory, ContentSchema schema) : IPublishedCache
{
    private volatile PublishedSnapshot _current = new([], schema);
    private readonly SemaphoreSlim _refreshLock = new(1, 1);

    public PublishedSnapshot Current => _current;

    public string? LoadedFrom { get; private set; }

    /// <summary>The published version of every page not in the recycle bin, as the snapshot is built from.</summary>
    public static Task<List<PublishedNodeData>> PublishedRowsAsync(ZaitakuDbContext db, CancellationToken ct) =>
        db.ContentNodes.AsNoTracking()
            .Where(n => !n.Trashed && n.PublishedVersionId != null)
            .Select(n => new PublishedNodeData(n.Id, n.Key, n.ParentId, n.SortOrder, n.ContentTypeAlias,
                n.PublishedVersion!.Name, n.PublishedVersion.UrlSegment, n.PublishedVersion.UpdatedUtc, n.PublishedVersion.ValuesJson,
                n.CreatedUtc, n.PublishedUtc))
            .ToListAsync(ct);

    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            await using var db = dbFactory.CreateDbContext();
            var signature = await ChangeSignatures.PublishedTreeAsync(db, cancellationToken);
            var rows = await PublishedRowsAsync(db, cancellationToken);
            var redirects = await db.RedirectUrls.AsNoTracking()
                .Select(r => new KeyValuePair<string, Guid>(r.Url, r.ContentKey)).ToListAsync(cancellationToken);
            _current = new PublishedSnapshot(rows, schema, redirects);
            LoadedFrom = signature;
        }
        finally
        {
            _refreshLock.Release();
        }
    }
}
