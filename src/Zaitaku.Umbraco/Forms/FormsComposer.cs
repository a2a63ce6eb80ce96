using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Infrastructure.BackgroundJobs;
using Umbraco.Cms.Web.Common.ApplicationBuilder;
using Zaitaku.Web.Forms.Data;
using Zaitaku.Web.Schema;

namespace Zaitaku.Web.Forms;

/// <summary>
/// Our forms module (Umbraco Forms cannot be installed here): public forms with places and a waiting list, encrypted
/// entries, mail through the outbox, retention. Tables in Umbraco's database through its EF Core support; migrations
/// and the seeded forms at start; the retention job once across servers.
/// </summary>
[ComposeAfter(typeof(SchemaComposer))]
public sealed class FormsComposer : IComposer
{
    /// <summary>Where forms are shown on their own, posted and thanked for (<see cref="FormsController"/>).</summary>
    public const string FormsPath = "~/forms/";

    public void Compose(IUmbracoBuilder builder)
    {
        // On Umbraco's connection and transaction (shareUmbracoConnection), with the provider Umbraco is configured for.
        builder.Services.AddUmbracoDbContext<FormsDbContext>((_, options, connectionString, providerName) =>
        {
            if (!string.IsNullOrEmpty(providerName) && !string.IsNullOrEmpty(connectionString))
                options.UseDatabaseProvider(providerName, connectionString);
        }, shareUmbracoConnection: true);

        // Umbraco's content routing runs for every path it does not know to be reserved, attribute routes included,
        // and it reads a POST's body as a form (ContentFinderByPageIdQuery asks for umbPageID): a form post over
        // ASP.NET's 4 MB value limit then fails there and is answered 404, and a smaller one is read before we read
        // it. /forms/ is ours: reserved, so Umbraco leaves it to our controller (FormsController reads every size).
        builder.Services.PostConfigure<GlobalSettings>(settings =>
        {
            if (!settings.ReservedPaths.Contains(FormsPath, StringComparison.OrdinalIgnoreCase))
                settings.ReservedPaths = settings.ReservedPaths.TrimEnd(',') + "," + FormsPath;
        });

        // Form posts are read before Umbraco's routing (PostedFormMiddleware says why).
        builder.Services.Configure<UmbracoPipelineOptions>(o => o.AddFilter(new UmbracoPipelineFilter("Zaitaku.Forms")
        {
            PreRouting = app => app.UseMiddleware<PostedFormMiddleware>(),
        }));

        builder.Services.Configure<FormsOptions>(builder.Config.GetSection("Zaitaku:Forms"));
        builder.Services.AddSingleton<FormCatalog>();
        builder.Services.AddSingleton<FormEntries>();
        builder.Services.AddSingleton<FormEvents>();
        builder.Services.AddSingleton<FormGuard>();
        builder.Services.AddSingleton<FormSeed>();
        builder.Services.AddSingleton<FormRetentionJob>();
        builder.Services.AddSingleton<IDistributedBackgroundJob>(sp => sp.GetRequiredService<FormRetentionJob>());

        builder.AddNotificationAsyncHandler<UmbracoApplicationStartingNotification, FormsOnStart>();
        builder.AddNotificationAsyncHandler<FormCacheRefresherNotification, FormOutputCacheEviction>();
        // The フォーム section in the backoffice: its API answers only users whose group has the section.
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, Backoffice.FormsSection.Handler>();
        builder.Services.AddAuthorization(o => o.AddPolicy(Backoffice.FormsSection.Policy, policy =>
        {
            policy.AuthenticationSchemes.Add(OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            policy.Requirements.Add(new Backoffice.FormsSection.Requirement());
        }));
        builder.AddNotificationAsyncHandler<UmbracoApplicationStartedNotification, Backoffice.FormsSectionForAdministrators>();
    }
}
