using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Notifications;

namespace Zaitaku.Web.Backoffice;

/// <summary>
/// The backoffice in Japanese: the first administrator and every new user get <c>Umbraco:CMS:Global:DefaultUILanguage</c>
/// (ja-JP) as their language, and the names Umbraco seeds in English (user groups, saved log searches) become Japanese. The Japanese texts themselves are a client-side <c>localization</c> extension
/// (wwwroot/App_Plugins/Zaitaku/umbraco-package.json, built from Backoffice/Localization).
/// </summary>
public sealed class BackofficeComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.AddNotificationAsyncHandler<UnattendedInstallNotification, JapaneseBackofficeHandler>();
        builder.AddNotificationHandler<UserSavingNotification, JapaneseBackofficeHandler>();
    }
}
