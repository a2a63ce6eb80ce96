using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Web;

namespace Zaitaku.Web.Site.Columns;

/// <summary>
/// The column list (document type <c>columnList</c>, by Umbraco's route hijacking): reads its filters from the
/// query string. A value it cannot use is explained on the page with a 400, and the list shows what it can.
/// </summary>
public sealed class ColumnListController(
    ILogger<SiteController> logger,
    ICompositeViewEngine compositeViewEngine,
    IUmbracoContextAccessor umbracoContextAccessor,
    SitePages pages)
    : SiteController(logger, compositeViewEngine, umbracoContextAccessor, pages)
{
    [OutputCache(PolicyName = Constants.Website.OutputCache.ContentCachePolicy)]
    public override IActionResult Index()
    {
        if (Canonical() is { } redirect) return redirect;
        var filter = ColumnFilter.Parse(Request.Query, CurrentPage!.Root());
        if (filter.Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            // Whatever was typed must not become a cache entry of its own.
            if (HttpContext.Features.Get<IOutputCacheFeature>()?.Context is { } cache) cache.AllowCacheStorage = false;
        }
        filter.Store(ViewData);
        return CurrentTemplate(Pages.Create(CurrentPage!));
    }
}
