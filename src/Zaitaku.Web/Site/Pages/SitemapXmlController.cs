using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Web.Site;

/// <summary>/sitemap.xml for search engines: every published page with the date it last changed.</summary>
public sealed class SitemapXmlController(IPublishedCache cache, Zaitaku.Web.Hosting.PublicUrl site) : Controller
{
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [HttpGet("sitemap.xml")]
    [OutputCache(PolicyName = SiteSetup.ContentCachePolicy)]
    public IActionResult Show()
    {
        RequestLogLevels.MarkRendered(HttpContext);
        // It lists every page, so any publish, unpublish or move anywhere in the tree must drop it: a change
        // deep in the tree evicts only its branch and the aggregates (OutputCacheEviction), not "content".
        if (HttpContext.Features.Get<IOutputCacheFeature>()?.Context is { } cacheContext)
            cacheContext.Tags.Add(OutputCacheTags.Aggregate);
        var pages = cache.Current.All.Where(p => p.Url is not null).OrderBy(p => p.Url, StringComparer.Ordinal);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(Ns + "urlset",
            pages.Select(p => new XElement(Ns + "url",
                // Addresses are made of ASCII URL segments only (UrlSegments), so they need no escaping.
                new XElement(Ns + "loc", site.Absolute(p.Url!)),
                new XElement(Ns + "lastmod", JapaneseDates.JapanDate(p.UpdatedUtc).ToString("yyyy-MM-dd"))))));
        return Content(document.Declaration + "\n" + document.Root, "application/xml; charset=utf-8");
    }
}
