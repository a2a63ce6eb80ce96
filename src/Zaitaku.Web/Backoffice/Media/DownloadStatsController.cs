using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Media;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Site.Media;

namespace Zaitaku.Web.Backoffice.Media;

/// <summary>Downloads per file per month, for the secretariat. Only counts are kept: nothing about who downloaded.</summary>
[Route("umbraco/media/downloads")]
[Authorize(Policy = BackofficeSetup.PublishersPolicy)]
public sealed class DownloadStatsController(ZaitakuDbContext db, MediaLibrary library, DownloadCounter counter, TimeProvider clock) : BackofficeController
{
    public sealed record Row(MediaItem File, IReadOnlyList<long> PerMonth, long Total);

    /// <param name="Months">"2026-11" and so on, newest first.</param>
    public sealed record StatsModel(IReadOnlyList<string> Months, IReadOnlyList<Row> Rows);

    [HttpGet("")]
    public async Task<IActionResult> DownloadStats()
    {
        await counter.FlushAsync(); // what was counted in the last half minute is shown too
        var thisMonth = JapaneseDates.ToJapanTime(clock.GetUtcNow().UtcDateTime);
        var months = Enumerable.Range(0, 12).Select(i => thisMonth.AddMonths(-i).ToString("yyyy-MM")).ToList();
        var counts = await db.DownloadCounts.AsNoTracking().Where(c => months.Contains(c.Month)).ToListAsync();
        var totals = await db.DownloadCounts.AsNoTracking().GroupBy(c => c.MediaKey)
            .Select(g => new { g.Key, Total = g.Sum(c => c.Count) }).ToDictionaryAsync(x => x.Key, x => x.Total);
        var rows = library.All.Where(m => m.Kind == MediaKind.Document && !library.IsInRecycleBin(m)).OrderBy(m => m.Name)
            .Select(m => new Row(m, months.Select(month => counts.FirstOrDefault(c => c.MediaKey == m.Key && c.Month == month)?.Count ?? 0).ToList(),
                totals.GetValueOrDefault(m.Key)))
            .ToList();
        return View(new StatsModel(months, rows));
    }
}
