using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Web.Common.ApplicationBuilder;

namespace Zaitaku.Web.Security;

/// <summary>
/// Backoffice sign-in as strong as the old engine's (issue 23 item 8): the authenticator-app provider, two-factor
/// required for the groups in Zaitaku:Security:TwoFactorRequiredGroups, our common-password rules, the sign-in
/// throttle and one answer for every failure, and sessions ended when a password or groups change. Length (12) and
/// lockout (5 failures, 15 minutes) are Umbraco's own settings in appsettings.json (Umbraco:CMS:Security).
/// </summary>
public sealed class SecurityComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.Configure<SecurityOptions>(builder.Config.GetSection("Zaitaku:Security"));

        new BackOfficeIdentityBuilder(builder.Services).AddTwoFactorProvider<AuthenticatorApp>(AuthenticatorApp.Name);
        builder.Services.AddScoped<IPasswordValidator<BackOfficeIdentityUser>, CommonPasswordValidator>();

        builder.Services.AddScoped<TwoFactorRequirement>();
        builder.Services.Configure<MvcOptions>(o => o.Filters.Add<TwoFactorRequirementFilter>());

        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.Configure<UmbracoPipelineOptions>(o => o.AddFilter(new UmbracoPipelineFilter("Zaitaku.Security")
        {
            PrePipeline = app =>
            {
                var throttle = app.ApplicationServices.GetRequiredService<SignInThrottle>();
                app.UseWhen(c => SignInThrottle.Applies(c.Request), branch => branch.Use((context, next) => throttle.InvokeAsync(context, next)));
            },
        }));

        builder.AddNotificationAsyncHandler<UserSavingNotification, SessionEnd>();
        builder.AddNotificationAsyncHandler<UserSavedNotification, SessionEnd>();
    }
}
