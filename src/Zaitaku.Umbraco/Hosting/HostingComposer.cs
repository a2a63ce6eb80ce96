using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;

namespace Zaitaku.Web.Hosting;

/// <summary>What the host needs before anything of ours: the clock, the public address, the data folder.</summary>
[ComposeAfter(typeof(Seed.SeedComposer))]
public sealed class HostingComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        // Our code reads time from SiteClock, so tests can say what "today" is (Umbraco keeps its own TimeProvider).
        builder.Services.TryAddSingleton(new SiteClock(TimeProvider.System));
        // SQLite's |DataDirectory| (umbraco/Data) must exist before the first connection, or Umbraco retries it
        // five times a second apart on a fresh install ("unable to open database file").
        if (AppDomain.CurrentDomain.GetData("DataDirectory") is string dataDirectory) Directory.CreateDirectory(dataDirectory);

        builder.Services.AddSingleton(sp => PublicUrl.FromConfiguration(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>()));
        builder.AddNotificationHandler<UmbracoApplicationStartingNotification, CheckPublicUrlAtStart>();
        // After the schema and the first content (their composers come first): Japanese, and the public domain.
        builder.AddNotificationAsyncHandler<UmbracoApplicationStartingNotification, SiteDomain>();
        builder.AddNotificationHandler<UmbracoApplicationStartedNotification, InstallNotice>();
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.Add<BusyDatabaseFilter>());
        var configured = builder.Config;
        builder.Services.PostConfigure<HostFilteringOptions>(o =>
        {
            // Unless AllowedHosts is set on purpose, answer only to the public address's host: a request naming another
            // host is refused (400) before it reaches a page, a cache or a mail.
            if (string.IsNullOrWhiteSpace(configured["AllowedHosts"]) && Uri.TryCreate(configured[PublicUrl.SettingKey], UriKind.Absolute, out var address))
                o.AllowedHosts = [address.Host];
        });
        // Umbraco's own absolute links (password reset, invitations, its notifications) use the same address, unless
        // the backoffice has an address of its own (Umbraco__CMS__WebRouting__UmbracoApplicationUrl).
        builder.Services.PostConfigure<WebRoutingSettings>(o =>
        {
            if (string.IsNullOrWhiteSpace(o.UmbracoApplicationUrl) && configured[PublicUrl.SettingKey] is { Length: > 0 } url)
                o.UmbracoApplicationUrl = url.TrimEnd('/') + "/";
        });
    }
}

/// <summary>Without a public address (outside Development) the site must not start: there is no safe guess.</summary>
public sealed class CheckPublicUrlAtStart(IServiceProvider services) : INotificationHandler<UmbracoApplicationStartingNotification>
{
    public void Handle(UmbracoApplicationStartingNotification notification) => services.GetRequiredService<PublicUrl>();
}
