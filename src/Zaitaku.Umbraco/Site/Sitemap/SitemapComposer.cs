using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;
using OutputCache = Umbraco.Cms.Core.Constants.Website.OutputCache;

namespace Zaitaku.Web.Site.Sitemap;

/// <summary>The サイトマップ page's tree and /sitemap.xml.</summary>
public sealed class SitemapComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder) =>
        // /sitemap.xml is not a content request, so Umbraco's content policy does not take it: a policy of its own, with
        // the tag Umbraco (and EvictOnAnyChange) empties on every content change. One entry whatever the host or query.
        builder.Services.AddOutputCache(o => o.AddPolicy(SitemapXmlController.CachePolicy, p => p
            .Expire(TimeSpan.FromHours(1))
            .SetVaryByHost(false)
            .SetVaryByQuery([])
            .Tag(OutputCache.AllContentTag)));
}
