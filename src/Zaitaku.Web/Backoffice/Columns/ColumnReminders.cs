using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Dates;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Mail;
using Zaitaku.Web.Backoffice.Audit;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Backoffice.Columns;

/// <summary>
/// Reminds an association's editors by e-mail when their column's due date is near and the text is
/// still outstanding (not started, draft, or returned). Each slot and due date is reminded once;
/// the audit trail records it.
/// </summary>
public sealed class ColumnReminders(IServiceScopeFactory scopes, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<ColumnOptions> options, Zaitaku.Infrastructure.Data.ClusterLock clusterLock,
    ILogger<ColumnReminders> logger) : PeriodicWork(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    // One node at a time: two nodes checking the audit trail at once would both send the reminder.
    protected override Task RunOnceAsync(CancellationToken ct) => clusterLock.RunAloneAsync("column-reminders", c => RunAsync(c), ct);

    /// <returns>How many slots were reminded in this round.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ZaitakuDbContext>();
        var audit = services.GetRequiredService<AuditTrail>();
        var today = JapaneseDates.JapanDate(clock.GetUtcNow().UtcDateTime);
        var reminded = 0;
        foreach (var slot in await services.GetRequiredService<ColumnSlots>().AllAsync(ct))
        {
            if (slot.DueDate is not { } due || !slot.Outstanding || slot.AssociationKey is not { } association) continue;
            if (today < due.AddDays(-options.Value.ReminderDaysBefore) || today > due) continue;
            var target = $"{slot.NodeId} {due:yyyy-MM-dd}";
            if (await db.AuditEntries.AnyAsync(a => a.Action == "column.reminder" && a.Target == target, ct)) continue;
            var editors = await db.Users.Where(u => u.AssociationKey == association && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
            foreach (var to in editors)
                MailOutbox.Queue(db, clock, to, $"原稿の締切のお知らせ：{JapaneseDates.Format(slot.IssueDate)}号「{slot.Theme}」",
                    $"{slot.AssociationName} のご担当の方へ\n\n広報つながり {JapaneseDates.Format(slot.IssueDate)}号のコラム「{slot.Theme}」の原稿の締切は {JapaneseDates.Format(due)} です。\n" +
                    $"いまの状態：{ColumnSlot.Label(slot.State)}\n\nバックオフィスで原稿を書き、「保存して確認を依頼」を押してください。\n");
            await db.SaveChangesAsync(ct);
            await audit.RecordAsync("column.reminder", target, $"{editors.Count}人に送信", userName: "お知らせ", ct: ct);
            reminded++;
        }
        return reminded;
    }
}
