using Microsoft.EntityFrameworkCore;

namespace Zaitaku.Infrastructure.Data;

/// <summary>
/// Small readings of what the database holds for each thing a node keeps in memory (the published
/// tree with its redirects, the media library, the forms). Each cache reads its signature just before
/// it loads and keeps it; <c>DatabaseChangeCheck</c> compares the database's signature with the one the
/// cache was loaded from, so a change this node already loaded (its own, or brought by a message) is
/// never found a second time, and only the part that changed is reloaded. Read before the load, the
/// signature can only be older than what was loaded: at worst one reload too many, never one missed.
/// </summary>
public static class ChangeSignatures
{
    /// <summary>The published tree and redirects (what <c>DbPublishedCache</c> holds).</summary>
    public static async Task<string> PublishedTreeAsync(ZaitakuDbContext db, CancellationToken ct)
    {
        // Publishing moves a node to a newer version id; unpublishing or deleting changes the count;
        // moving or sorting changes the parent and order sums.
        var s = await db.ContentNodes.Where(n => n.PublishedVersionId != null && !n.Trashed)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Count = g.Count(),
                Versions = g.Sum(n => (long)n.PublishedVersionId!.Value),
                Parents = g.Sum(n => (long)(n.ParentId ?? 0)),
                Order = g.Sum(n => (long)n.SortOrder),
            })
            .SingleOrDefaultAsync(ct);
        // Redirects are part of the snapshot too: retiring one on another instance must reach this one.
        var redirects = await db.RedirectUrls.CountAsync(ct) + ":" + (await db.RedirectUrls.MaxAsync(r => (int?)r.Id, ct) ?? 0);
        return (s is null ? "empty" : $"{s.Count}:{s.Versions}:{s.Parents}:{s.Order}") + ":" + redirects;
    }

    /// <summary>The media library: a file replaced or deleted on another instance changes what pages show.</summary>
    public static async Task<string> MediaAsync(ZaitakuDbContext db, CancellationToken ct) =>
        await db.MediaItems.CountAsync(m => !m.Trashed, ct) + ":" + (await db.MediaItems.MaxAsync(m => (DateTime?)m.UpdatedUtc, ct))?.Ticks;

    /// <summary>The forms' design (pages show them: the feedback form on all of them).</summary>
    public static async Task<string> FormsAsync(ZaitakuDbContext db, CancellationToken ct) =>
        await db.Forms.CountAsync(ct) + ":" + (await db.Forms.MaxAsync(f => (DateTime?)f.UpdatedUtc, ct))?.Ticks;

    /// <summary>Places taken on event forms: only what a form says is left, which pages show uncached.</summary>
    public static async Task<string> FormPlacesAsync(ZaitakuDbContext db, CancellationToken ct) =>
        (await db.Forms.SumAsync(f => (long)f.ConfirmedCount, ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
