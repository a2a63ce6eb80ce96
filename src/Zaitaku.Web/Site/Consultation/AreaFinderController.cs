using Microsoft.AspNetCore.Mvc;
using Zaitaku.Core.Publishing;
using Zaitaku.Core.ServiceAreas;

namespace Zaitaku.Web.Site.Consultation;

/// <summary>
/// 「お住まいの地域の地域包括支援センターを探す」: a GET form, answered on the server, so it works
/// without JavaScript. Not output-cached: each answer depends on what was typed, and caching every
/// string anyone types would only fill memory.
/// </summary>
public sealed class AreaFinderController(IPublishedCache cache, SitePageFactory pages) : Controller
{
    public const string Path = "/tantou-chiiki/";

    [HttpGet(Path)]
    public IActionResult Find(string? town)
    {
        RequestLogLevels.MarkRendered(HttpContext);
        var snapshot = cache.Current;
        var areas = ServiceAreaFinder.Areas(snapshot);
        if (areas.Count == 0 || areas[0].Center.Parent is not { } window) return NotFound();

        var result = ServiceAreaFinder.Find(areas, town);
        if (result.Outcome == TownLookup.TooLong) Response.StatusCode = StatusCodes.Status400BadRequest;
        ViewData["Areas"] = areas;
        ViewData["Lookup"] = result;
        return View("AreaFinder", pages.Create(window, snapshot));
    }
}
