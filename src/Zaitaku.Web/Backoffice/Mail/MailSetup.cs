using Microsoft.Extensions.Options;
using Zaitaku.Infrastructure.Mail;
using Zaitaku.Web.Infrastructure;

namespace Zaitaku.Web.Backoffice.Mail;

/// <summary>Delivers the outbox every 15 seconds; what cannot be delivered waits and is retried. One node at a time sends, so no mail goes twice.</summary>
public sealed class MailSender(MailOutbox outbox, Zaitaku.Infrastructure.Data.ClusterLock clusterLock, ILogger<MailSender> logger) : PeriodicWork(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(15);
    protected override bool RunAtStart => false;

    protected override Task RunOnceAsync(CancellationToken ct) => clusterLock.RunAloneAsync("mail", outbox.SendDueAsync, ct);
}

public static class MailSetup
{
    public static IServiceCollection AddZaitakuMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection("Zaitaku:Mail"));
        services.AddSingleton(sp => new MailOutbox(
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Zaitaku.Infrastructure.Data.ZaitakuDbContext>>(),
            sp.GetRequiredService<IOptions<MailOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MailOutbox>>()));
        services.AddHostedService<MailSender>();
        return services;
    }
}
