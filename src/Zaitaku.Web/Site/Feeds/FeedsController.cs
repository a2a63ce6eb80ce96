using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Web.Site.Feeds;

/// <summary>/feeds/columns.atom and /feeds/pages.atom, from the published snapshot only; cached and evicted on publish.</summary>
public sealed class FeedsController(IPublishedCache cache, AtomFeeds feeds) : Controller
{
    private const string AtomType = "application/atom+xml; charset=utf-8";

    [HttpGet(AtomFeeds.ColumnsPath)]
    [HttpHead(AtomFeeds.ColumnsPath)]
    [OutputCache(PolicyName = SiteSetup.ContentCachePolicy)]
    public IActionResult Columns() => Feed(feeds.Columns(cache.Current));

    [HttpGet(AtomFeeds.PagesPath)]
    [HttpHead(AtomFeeds.PagesPath)]
    [OutputCache(PolicyName = SiteSetup.ContentCachePolicy)]
    public IActionResult Pages() => Feed(feeds.Pages(cache.Current));

    private ContentResult Feed(string xml)
    {
        RequestLogLevels.MarkRendered(HttpContext);
        OpenData.OpenDataController.TagAsAggregate(HttpContext);
        return Content(xml, AtomType);
    }
}
