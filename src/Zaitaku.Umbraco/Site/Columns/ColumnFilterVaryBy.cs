using Microsoft.AspNetCore.OutputCaching;
using Umbraco.Cms.Web.Common.Routing;
using Umbraco.Cms.Web.Website.Caching;

namespace Zaitaku.Web.Site.Columns;

/// <summary>
/// The column list is cached once per filter (?association=…&amp;year=…), every other page once whatever its query.
/// Umbraco's output cache asks for the vary-by rules when the request arrives, before any controller runs, so the
/// page is known here from Umbraco's route (the published content the URL found), not from its controller.
/// </summary>
public sealed class ColumnFilterVaryBy : IWebsiteOutputCacheVaryByProvider
{
    public void ConfigureVaryBy(HttpContext context, CacheVaryByRules rules)
    {
        if (context.Features.Get<UmbracoRouteValues>()?.PublishedRequest.PublishedContent is { } page && page.Is(Columns.ListType))
            rules.QueryKeys = ColumnFilter.QueryKeys;
    }
}
