using Umbraco.Cms.Infrastructure.BackgroundJobs;

namespace Zaitaku.Web.Mail;

/// <summary>
/// Delivers the outbox every 15 seconds, on one server at a time (Umbraco's distributed background jobs take turns
/// through the database); what cannot be delivered waits for its next attempt.
/// </summary>
public sealed class MailSenderJob(MailOutbox outbox) : IDistributedBackgroundJob
{
    public string Name => "Zaitaku.MailOutbox";
    public TimeSpan Period => TimeSpan.FromSeconds(15);
    public Task ExecuteAsync() => outbox.SendDueAsync();
    public Task ExecuteAsync(CancellationToken cancellationToken) => outbox.SendDueAsync(cancellationToken);
}
