using Zaitaku.Infrastructure.Mail;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Mail;

/// <summary>Delivers the outbox every 15 seconds; what cannot be delivered waits and is retried.</summary>
public sealed class MailSender(MailOutbox outbox, ILogger<MailSender> logger) : PeriodicWork(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(15);
    protected override bool RunAtStart => false;

    protected override Task RunOnceAsync(CancellationToken ct) => outbox.SendDueAsync(ct);
}
