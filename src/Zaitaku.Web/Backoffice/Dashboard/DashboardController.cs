using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Audit;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;

namespace Zaitaku.Web.Backoffice.Dashboard;

[Route("umbraco")]
[Authorize(Policy = BackofficeSetup.EditorsPolicy)]
[RequireTwoFactorWhenMandatory]
public sealed class DashboardController(UserManager<EditorUser> users, ZaitakuDbContext db, IPublishedCache cache) : Controller
{
    public sealed record DashboardModel(EditorUser User, IReadOnlyList<string> Groups, string? AssociationName, IReadOnlyList<AuditEntry> RecentSignIns);

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
        return View(new DashboardModel(user, groups, association, signIns));
    }
}
