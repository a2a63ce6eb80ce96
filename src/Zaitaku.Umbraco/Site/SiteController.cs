using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Web;
using Umbraco.Cms.Web.Common.Controllers;

namespace Zaitaku.Web.Site;

/// <summary>
/// Umbraco's default controller for every page of the site (UmbracoRenderingDefaultsOptions): it hands the
/// page's template our <see cref="SitePage"/>, with the navigation, breadcrumbs and お問い合わせ every page shows.
/// A page type that needs more (the column list's filters) has its own controller named after its type.
/// </summary>
public class SiteController(
    ILogger<SiteController> logger,
    ICompositeViewEngine compositeViewEngine,
    IUmbracoContextAccessor umbracoContextAccessor,
    SitePages pages)
    : RenderController(logger, compositeViewEngine, umbracoContextAccessor)
{
    protected SitePages Pages => pages;

    [OutputCache(PolicyName = Constants.Website.OutputCache.ContentCachePolicy)]
    public override IActionResult Index()
    {
        if (Canonical() is { } redirect) return redirect;
        RequestLogLevels.MarkRendered(HttpContext);
        return CurrentTemplate(pages.Create(CurrentPage!));
    }

    /// <summary>
    /// One address per page: /columns and /COLUMNS/ lead to /columns/ with a 301, so bookmarks, print and
    /// search engines all use the one address the site writes.
    /// </summary>
    protected IActionResult? Canonical()
    {
        var url = CurrentPage!.Url();
        var path = Request.Path.Value ?? "/";
        return string.Equals(path, url, StringComparison.Ordinal) ? null : RedirectPermanent(url + Request.QueryString);
    }
}
