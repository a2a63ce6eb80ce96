using Microsoft.Extensions.Logging;
using Umbraco.Cms.Infrastructure.BackgroundJobs;
using Zaitaku.Web.Mail;

namespace Zaitaku.Web.Forms;

/// <summary>
/// Every hour, on one server at a time: deletes entries past their form's retention period (the privacy notice
/// promises it), and delivered mail after <see cref="DeliveredMailKept"/> (it holds people's addresses).
/// </summary>
public sealed class FormRetentionJob(FormEntries entries, MailOutbox outbox, ILogger<FormRetentionJob> logger) : IDistributedBackgroundJob
{
    public static readonly TimeSpan DeliveredMailKept = TimeSpan.FromDays(30);

    public string Name => "Zaitaku.FormRetention";
    public TimeSpan Period => TimeSpan.FromHours(1);

    public Task ExecuteAsync() => RunAsync();

    /// <returns>How many entries were deleted.</returns>
    public async Task<int> RunAsync()
    {
        var deleted = await entries.DeleteExpiredAsync();
        foreach (var (form, count) in deleted)
            logger.LogInformation("Retention: {Count} entries of {Form} deleted (past the form's retention period)", count, form);
        var mails = await outbox.DeleteDeliveredAsync(DeliveredMailKept);
        if (mails > 0) logger.LogInformation("Retention: {Count} delivered mails deleted from the outbox", mails);
        return deleted.Values.Sum();
    }
}
