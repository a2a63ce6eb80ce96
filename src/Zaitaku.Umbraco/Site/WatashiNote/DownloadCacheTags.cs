using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Models.PublishedContent;
using OutputCache = Umbraco.Cms.Core.Constants.Website.OutputCache;

namespace Zaitaku.Web.Site.WatashiNote;

/// <summary>
/// A cached page that lists downloads is tagged with each download entry too. When an editor replaces a file in the
/// media library, Umbraco evicts the pages of the entries that pick it (its media relations) — the entries, not the
/// page that lists them — and the page must then show the new file's size and pages.
/// </summary>
public sealed class DownloadCacheTags : IWebsiteOutputCacheTagProvider
{
    public IEnumerable<string> GetTags(IPublishedContent content) =>
        content.Children().Where(c => c.Is("download")).Select(d => OutputCache.ContentTagPrefix + d.Key);
}
