using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;
using Zaitaku.Core.Readability;

namespace Zaitaku.Web.Site.Accessibility;

/// <summary>アクセシビリティ方針: the figures of the site-wide text check.</summary>
public sealed class AccessibilityComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        // The editors' checker, when the backoffice registers it, is the same one.
        builder.Services.TryAddSingleton(sp => new TextChecker(LibraryAltText.From(sp.GetRequiredService<IMediaService>())));
        builder.Services.AddSingleton<SiteTextReport>();
        builder.AddNotificationHandler<ContentCacheRefresherNotification, ForgetTextReportOnChange>();
    }
}
