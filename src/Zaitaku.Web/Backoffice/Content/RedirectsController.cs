using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>Umbraco's "Redirect URL Management": the old addresses that answer with a 301, and a way to retire one.</summary>
[Route("umbraco/redirects")]
[Authorize(Policy = BackofficeSetup.PublishersPolicy)]
public sealed class RedirectsController(ZaitakuDbContext db, IPublishedCache cache, AuditTrail audit,
    Zaitaku.Core.Notifications.INotificationPublisher notifications) : BackofficeController
{
    public sealed record RedirectItem(int Id, string OldUrl, string? PageName, string? NewUrl, DateTime CreatedUtc);

    [HttpGet("")]
    public async Task<IActionResult> RedirectList()
    {
        var snapshot = cache.Current;
        var rows = await db.RedirectUrls.AsNoTracking().OrderByDescending(r => r.CreatedUtc).ToListAsync();
        return View(rows.Select(r => snapshot.GetByKey(r.ContentKey) is { } page
                ? new RedirectItem(r.Id, r.Url, page.Name, page.Url, r.CreatedUtc)
                : new RedirectItem(r.Id, r.Url, null, null, r.CreatedUtc))
            .ToList());
    }

    [HttpPost("{id:int}/delete")]
    public async Task<IActionResult> Delete(int id)
    {
        var redirect = await db.RedirectUrls.SingleOrDefaultAsync(r => r.Id == id);
        if (redirect is null) return NotFound();
        db.RedirectUrls.Remove(redirect);
        await db.SaveChangesAsync();
        await cache.RefreshAsync();
        await notifications.PublishAsync(new Zaitaku.Core.Notifications.ContentTreeChangedNotification("redirect retired"));
        await audit.RecordAsync("redirect.delete", redirect.Url);
        TempData["Message"] = $"{redirect.Url} の転送をやめました。このURLは「ページが見つかりません」になります。";
        return RedirectToAction(nameof(RedirectList));
    }
}
