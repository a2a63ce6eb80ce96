using Umbraco.Cms.Core.Cache;

namespace Zaitaku.Web.Site.Caching;

/// <summary>
/// Any published change empties the whole page cache, on every server (Umbraco raises the cache refresher
/// notification on each). Every page shows other pages: the menu names the top pages, breadcrumbs name the
/// ancestors, lists name the children, the home page the newest columns, bodies link 用語集 terms. The site has
/// about seventy pages and changes a few times a day, so rendering them again is cheaper than being wrong.
/// </summary>
public sealed class EvictOnAnyChange : IWebsiteOutputCacheEvictionProvider
{
    public const string AllContent = "umb-content-all";

    public Task<IEnumerable<string>> GetAdditionalEvictionTagsAsync(OutputCacheContentChangedContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult<IEnumerable<string>>([AllContent]);
}
