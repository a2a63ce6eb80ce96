using Microsoft.Extensions.Options;
using Zaitaku.Infrastructure.Mail;

namespace Zaitaku.Web.Mail;

public static class MailSetup
{
    public static IServiceCollection AddZaitakuMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection("Zaitaku:Mail"));
        services.AddSingleton(sp => new MailOutbox(
            sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Zaitaku.Infrastructure.Data.ZaitakuDbContext>>(),
            sp.GetRequiredService<IOptions<MailOptions>>().Value, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<MailOutbox>>()));
        return services;
    }
}
