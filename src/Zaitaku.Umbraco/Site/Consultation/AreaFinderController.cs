using Microsoft.AspNetCore.Mvc;
using Zaitaku.Core.ServiceAreas;

namespace Zaitaku.Web.Site.Consultation;

/// <summary>
/// 「お住まいの地域の地域包括支援センターを探す」: a GET form, answered on the server, so it works without JavaScript.
/// A plain MVC route beside Umbraco's pages; its page model is the 相談窓口 the centers belong to (breadcrumbs,
/// お問い合わせ). Not output-cached: each answer depends on what was typed, and caching every string anyone types
/// would only fill memory.
/// </summary>
public sealed class AreaFinderController(SitePages pages) : Controller
{
    public const string Path = "/tantou-chiiki/";

    [HttpGet(Path)]
    public IActionResult Find(string? town)
    {
        if (pages.Home() is not { } home) return NotFound();
        var areas = ServiceAreas.Of(home);
        if (areas.Count == 0 || areas[0].Center.Parent() is not { } window) return NotFound();

        var result = ServiceAreaFinder.Find(areas, town);
        if (result.Outcome == TownLookup.TooLong) Response.StatusCode = StatusCodes.Status400BadRequest;
        ViewData["Areas"] = areas;
        ViewData["Lookup"] = result;
        return View("AreaFinder", pages.Create(window));
    }
}
