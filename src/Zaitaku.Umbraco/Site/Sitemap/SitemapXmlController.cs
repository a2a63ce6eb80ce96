using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Umbraco.Cms.Core.Web;
using Zaitaku.Core.Dates;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Sitemap;

/// <summary>
/// /sitemap.xml for search engines: every published page with the date it last changed, at its address under
/// PublicUrl. Kept in Umbraco's output cache with the pages, and emptied with them on any change (it lists every
/// page, so any publish, unpublish or move anywhere in the tree changes it).
/// </summary>
[WithUmbracoContext]
public sealed class SitemapXmlController(SitePages pages, PublicUrl site) : Controller
{
    public const string CachePolicy = "ZaitakuSitemapXml";
    private static readonly XNamespace Ns = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [HttpGet("sitemap.xml")]
    [OutputCache(PolicyName = CachePolicy)]
    public IActionResult Show()
    {
        var listed = pages.Home() is { } home ? SitemapPages.All(home) : [];
        var entries = listed.Select(p => (Url: p.Url(), p.UpdateDate)).OrderBy(p => p.Url, StringComparer.Ordinal);
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(Ns + "urlset",
            entries.Select(p => new XElement(Ns + "url",
                // Addresses are made of ASCII URL segments only (umbracoUrlName), so they need no escaping.
                new XElement(Ns + "loc", site.Absolute(p.Url)),
                new XElement(Ns + "lastmod", JapaneseDates.JapanDate(p.UpdateDate.ToUniversalTime()).ToString("yyyy-MM-dd"))))));
        return Content(document.Declaration + "\n" + document.Root, "application/xml; charset=utf-8");
    }
}
