using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Dates;
using Zaitaku.Infrastructure.Audit;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;

namespace Zaitaku.Web.Backoffice.Audit;

/// <summary>The audit trail, which administrators browse and filter.</summary>
[Route("umbraco/audit")]
[Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
public sealed class AuditController(ZaitakuDbContext db) : BackofficeController
{
    public const int PageSize = 50;

    // The audit trail began with this site; the bounds keep Japan-to-UTC arithmetic far from DateTime's limits.
    private static readonly DateOnly FirstDay = new(2000, 1, 1), LastDay = new(2099, 12, 31);
    private static bool InRange(DateOnly day) => day >= FirstDay && day <= LastDay;

    public sealed class Filter
    {
        public string? User { get; set; }
        public string? Action { get; set; }
        public DateOnly? From { get; set; }
        public DateOnly? To { get; set; }
        public int Page { get; set; } = 1;
    }

    public sealed record AuditListModel(Filter Filter, IReadOnlyList<AuditEntry> Entries, int Total);

    [HttpGet("")]
    public async Task<IActionResult> AuditList([FromQuery] Filter filter)
    {
        if (!ModelState.IsValid)
        {
            // A date the browser could not send properly: show everything, and say so.
            ModelState.Clear();
            ModelState.AddModelError("", "日付の指定が正しくないため、条件を外して表示しています。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            filter = new Filter();
        }
        if (filter.From is { } early && !InRange(early) || filter.To is { } late && !InRange(late))
        {
            // A hand-made address (to=9999-12-31): the day after it, in UTC, does not exist.
            ModelState.AddModelError("", $"日付は{FirstDay.Year}年から{LastDay.Year}年までの範囲で指定してください。条件を外して表示しています。");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            filter = new Filter();
        }
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User)) query = query.Where(a => a.UserName.Contains(filter.User.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(a => a.Action == filter.Action);
        if (filter.From is { } from) { var f = JapaneseDates.JapanMidnightToUtc(from); query = query.Where(a => a.OccurredUtc >= f); }
        if (filter.To is { } to) { var t = JapaneseDates.JapanMidnightToUtc(to.AddDays(1)); query = query.Where(a => a.OccurredUtc < t); }
        var total = await query.CountAsync();
        filter.Page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var entries = await query.OrderByDescending(a => a.OccurredUtc).ThenByDescending(a => a.Id)
            .Skip((filter.Page - 1) * PageSize).Take(PageSize).ToListAsync();
        return View(new AuditListModel(filter, entries, total));
    }
}
