using Microsoft.AspNetCore.OutputCaching;
using Zaitaku.Core.Notifications;
using Zaitaku.Core.Reading;
using Zaitaku.Web.Site.Search;

namespace Zaitaku.Web.Site.Reading;

/// <summary>A changed reading dictionary changes the ruby on every page and the readings in the search index.</summary>
public sealed class ReadingDictionaryChanged(IOutputCacheStore outputCache, SearchIndexer indexer) : INotificationHandler<SettingChangedNotification>
{
    public async Task HandleAsync(SettingChangedNotification notification, CancellationToken cancellationToken)
    {
        if (notification.Key != ReadingDictionary.SettingKey) return;
        await outputCache.EvictByTagAsync(OutputCacheTags.AllContent, cancellationToken);
        // In the background: a rebuild takes seconds, and the editor who saved should not wait for it.
        _ = indexer.RebuildAsync("読みの辞書の変更");
    }
}
