using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Infrastructure.BackgroundJobs;
using Zaitaku.Infrastructure.Mail;

namespace Zaitaku.Web.Mail;

/// <summary>The mail outbox (zaitakuMailOutbox) and its sender, set by Zaitaku:Mail (empty Host: mail waits).</summary>
public sealed class MailComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.Configure<MailOptions>(builder.Config.GetSection("Zaitaku:Mail"));
        builder.Services.AddSingleton<MailOutbox>();
        builder.Services.AddSingleton<IDistributedBackgroundJob, MailSenderJob>();
    }
}
