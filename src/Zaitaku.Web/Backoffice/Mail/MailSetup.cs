using Microsoft.Extensions.Options;
using Zaitaku.Infrastructure.Mail;

namespace Zaitaku.Web.Backoffice.Mail;

/// <summary>Delivers the outbox every 15 seconds; what cannot be delivered waits and is retried.</summary>
public sealed class MailSender(MailOutbox outbox, ILogger<MailSender> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try { await outbox.SendDueAsync(stoppingToken); }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Sending the outbox failed; retrying in {Interval}", Interval);
            }
        }
    }
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
