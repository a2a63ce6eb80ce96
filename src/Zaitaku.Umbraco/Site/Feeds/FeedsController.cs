using Microsoft.AspNetCore.Mvc;

namespace Zaitaku.Web.Site.Feeds;

/// <summary>
/// /feeds/columns.atom and /feeds/pages.atom, made from the published content on each request (a few dozen entries),
/// so a publish or an unpublish shows in the next read.
/// </summary>
[WithUmbracoContext]
public sealed class FeedsController(SitePages pages, AtomFeeds feeds) : Controller
{
    private const string AtomType = "application/atom+xml; charset=utf-8";

    [HttpGet(FeedLinks.ColumnsPath)]
    [HttpHead(FeedLinks.ColumnsPath)]
    public IActionResult Columns() => pages.Home() is { } home ? Content(feeds.Columns(home), AtomType) : NotFound();

    [HttpGet(FeedLinks.PagesPath)]
    [HttpHead(FeedLinks.PagesPath)]
    public IActionResult Pages() => pages.Home() is { } home ? Content(feeds.Pages(home), AtomType) : NotFound();
}
