using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Zaitaku.Core.Reading;
using Zaitaku.Infrastructure.Reading;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Reading;

/// <summary>
/// The reading dictionary (読みの辞書) is a field of サイト設定, edited and published like any content. This puts
/// the published one into use at start and whenever content changes (the notification reaches every server).
/// </summary>
public sealed class ReadingDictionaryFromSettings(Readings readings, SitePages pages, ILogger<ReadingDictionaryFromSettings> logger)
    : INotificationHandler<UmbracoApplicationStartedNotification>, INotificationHandler<ContentCacheRefresherNotification>
{
    public void Handle(UmbracoApplicationStartedNotification notification) => Load();

    public void Handle(ContentCacheRefresherNotification notification) => Load();

    private void Load()
    {
        var text = pages.Settings()?.Text("readingDictionary");
        var dictionary = ReadingDictionary.Parse(text ?? ReadingDictionary.Default, out var problems);
        foreach (var problem in problems) logger.LogWarning("読みの辞書: {Problem}", problem);
        if (dictionary.Format() != readings.Dictionary.Format()) readings.Use(dictionary);
    }
}
