using Zaitaku.Web.Backoffice.Audit;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Forms;

/// <summary>
/// Deletes entries past their form's retention period, every hour, and records it in the audit trail;
/// delivered mail (which holds people's addresses) goes after <see cref="DeliveredMailKept"/>.
/// </summary>
public sealed class FormRetention(IServiceScopeFactory scopes, Zaitaku.Infrastructure.Mail.MailOutbox outbox,
    Zaitaku.Infrastructure.Data.ClusterLock clusterLock, ILogger<FormRetention> logger)
    : PeriodicWork(logger)
{
    public static readonly TimeSpan DeliveredMailKept = TimeSpan.FromDays(30);

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    // One node at a time, so each deletion is recorded once in the audit trail.
    protected override Task RunOnceAsync(CancellationToken ct) => clusterLock.RunAloneAsync("form-retention", c => RunAsync(c), ct);

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<FormEntries>().DeleteExpiredAsync(ct);
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        foreach (var (form, count) in deleted)
        {
            logger.LogInformation("Retention: {Count} entries of {Form} deleted", count, form);
            await audit.RecordAsync("forms.retention", form, $"保存期間を過ぎた{count}件を削除", userName: "（自動削除）", ct: ct);
        }
        var mails = await outbox.DeleteDeliveredAsync(DeliveredMailKept, ct);
        if (mails > 0) logger.LogInformation("Retention: {Count} delivered mails deleted from the outbox", mails);
        return deleted.Values.Sum();
    }
}
