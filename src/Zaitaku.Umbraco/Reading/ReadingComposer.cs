using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Notifications;
using Zaitaku.Core.Rendering;
using Zaitaku.Infrastructure.Reading;

namespace Zaitaku.Web.Reading;

/// <summary>Reading aids: ふりがな and 読み上げ (MeCab with the site's reading dictionary), 用語集 links in bodies.</summary>
public sealed class ReadingComposer : IComposer
{
    /// <summary>Zaitaku:Reading:MecabDictionary: the IPA dictionary's folder, if not Debian's.</summary>
    public const string DictionaryKey = "Zaitaku:Reading:MecabDictionary";

    public void Compose(IUmbracoBuilder builder)
    {
        var dictionaryFolder = builder.Config[DictionaryKey];
        builder.Services.AddSingleton(sp => new Readings(sp.GetRequiredService<ILogger<Readings>>(),
            string.IsNullOrWhiteSpace(dictionaryFolder) ? null : dictionaryFolder));
        builder.Services.AddSingleton<MarkdownRenderer>();
        builder.Services.AddSingleton<PublishedBodies>();
        builder.AddNotificationHandler<ContentCacheRefresherNotification, ForgetBodiesOnChange>();
        builder.AddNotificationHandler<UmbracoApplicationStartedNotification, ReadingDictionaryFromSettings>();
        builder.AddNotificationHandler<ContentCacheRefresherNotification, ReadingDictionaryFromSettings>();
    }
}
