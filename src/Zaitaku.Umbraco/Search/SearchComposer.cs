using Examine;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Infrastructure.Examine;

namespace Zaitaku.Web.Search;

/// <summary>
/// The residents' search on Examine: our index with Japanese analysis, filled by an index populator at Umbraco's
/// rebuilds (rebuildable in Settings › Examine Management) and kept current by the cache refresher notifications,
/// the synonyms from サイト設定, and the /search page.
/// </summary>
[ComposeAfter(typeof(AddExamineComposer))]
public sealed class SearchComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        // The index first, then its options (Umbraco's documentation: the order matters).
        builder.Services.AddExamineLuceneIndex<ZaitakuSearchIndex, ConfigurationEnabledDirectoryFactory>(ZaitakuSearchIndex.IndexName);
        builder.Services.ConfigureOptions<ConfigureZaitakuSearchIndexOptions>();

        // Readings (MeCab with the reading dictionary) and MarkdownRenderer are the reading aids' (ReadingComposer).
        builder.Services.AddSingleton<PublishedSearchDocuments>();
        builder.Services.AddSingleton<SearchIndexing>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SearchIndexing>());
        builder.Services.AddSingleton<IIndexPopulator, SearchIndexPopulator>();
        builder.Services.AddSingleton<SearchSynonymSource>();
        builder.Services.AddSingleton<SiteSearch>();

        builder.AddNotificationHandler<ContentCacheRefresherNotification, SearchIndexingNotificationHandler>();
        builder.AddNotificationHandler<MediaCacheRefresherNotification, SearchIndexingNotificationHandler>();
        builder.AddNotificationHandler<ContentCacheRefresherNotification, SearchSynonymsChangedHandler>();
        builder.AddNotificationHandler<ContentSavingNotification, SearchSynonymsSavingHandler>();

        // A long query (1,000 characters of Japanese are 9 KB once percent-encoded) gets the search page, which says
        // it searched the first 100 characters, rather than Kestrel's bare 414 at its 8 KB request line.
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestLineSize = Math.Max(o.Limits.MaxRequestLineSize, 16 * 1024));
    }
}
