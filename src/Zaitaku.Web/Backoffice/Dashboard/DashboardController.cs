using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Audit;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;

namespace Zaitaku.Web.Backoffice.Dashboard;

[Route("umbraco")]
public sealed class DashboardController(UserManager<EditorUser> users, ZaitakuDbContext db, IPublishedCache cache,
    Columns.ColumnSlots slots, TimeProvider clock) : BackofficeController
{
    public sealed record ReviewItem(int NodeId, string NodeName, ReviewRequest Request, DateTime? PublishAtUtc);

    public sealed record DashboardModel(EditorUser User, IReadOnlyList<string> Groups, string? AssociationName, IReadOnlyList<AuditEntry> RecentSignIns,
        IReadOnlyList<ReviewItem>? AwaitingMe, IReadOnlyList<ReviewItem> MyRequests, Columns.ColumnSlot? NextSlot,
        IReadOnlyList<UnhandledEntries>? Unhandled, bool WritesColumns);

    public sealed record UnhandledEntries(int FormId, string FormName, int Count);

    [HttpGet("")]
    public async Task<IActionResult> Dashboard()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var groups = (await users.GetRolesAsync(user)).Select(UserGroups.DisplayName).ToList();
        var association = user.AssociationKey is { } key ? cache.Current.GetByKey(key)?.Name : null;
        var signIns = await db.AuditEntries.AsNoTracking()
            .Where(a => a.UserId == user.Id && (a.Action == "account.login" || a.Action == "account.login-failed" || a.Action == "account.lockout"))
            .OrderByDescending(a => a.OccurredUtc).Take(5).ToListAsync();
        IReadOnlyList<ReviewItem>? awaiting = null;
        IReadOnlyList<UnhandledEntries>? unhandled = null;
        if (await CanPublishAsync())
        {
            awaiting = await ReviewItemsAsync(db.ReviewRequests.Where(r => r.State == ReviewState.Pending), newestFirst: false);
            // Counts only: the names behind them are read (and recorded) on the entries page.
            var counts = await db.FormEntries.Where(e => e.HandledUtc == null).GroupBy(e => e.FormId)
                .Select(g => new { FormId = g.Key, Count = g.Count() }).ToListAsync();
            var names = await db.Forms.ToDictionaryAsync(f => f.Id, f => f.Name);
            unhandled = counts.Select(c => new UnhandledEntries(c.FormId, names[c.FormId], c.Count)).OrderBy(u => u.FormName).ToList();
        }
        // The latest answer to each of this editor's requests.
        var mine = (await ReviewItemsAsync(db.ReviewRequests.Where(r => r.RequestedBy == user.UserName), newestFirst: true))
            .GroupBy(i => i.NodeId).Select(g => g.First()).Take(20).ToList();
        // An association's next column: its first issue that is still to come and not yet published.
        Columns.ColumnSlot? next = null;
        if (user.AssociationKey is { } associationKey)
        {
            var today = Zaitaku.Core.Dates.JapaneseDates.JapanDate(clock.GetUtcNow().UtcDateTime);
            next = (await slots.AllAsync()).FirstOrDefault(s => s.AssociationKey == associationKey && s.IsUpcoming(today));
        }
        return View(new DashboardModel(user, groups, association, signIns, awaiting, mine, next, unhandled, user.AssociationKey is not null));
    }

    private async Task<List<ReviewItem>> ReviewItemsAsync(IQueryable<ReviewRequest> requests, bool newestFirst)
    {
        var items = (await requests.Join(db.ContentNodes, r => r.NodeId, n => n.Id, (r, n) => new { r, Name = n.DraftVersion!.Name, n.PublishAtUtc }).ToListAsync())
            .Select(x => new ReviewItem(x.r.NodeId, x.Name, x.r, x.PublishAtUtc));
        return (newestFirst
            ? items.OrderByDescending(i => i.Request.RequestedUtc).ThenByDescending(i => i.Request.Id)
            : items.OrderBy(i => i.Request.RequestedUtc).ThenBy(i => i.Request.Id)).ToList();
    }
}
