using Microsoft.AspNetCore.Mvc;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.OpenData;

/// <summary>
/// The open data files: /opendata/participation.csv, .json and the others the catalogue lists, made from the
/// published content when asked, so nothing unpublished or in draft leaves through them.
/// </summary>
[WithUmbracoContext]
public sealed class OpenDataController(OpenDataCatalog catalog) : Controller
{
    [HttpGet("opendata/{slug}.{format}")]
    [HttpHead("opendata/{slug}.{format}")]
    public IActionResult Download(string slug, string format)
    {
        if (format is not ("csv" or "json") || catalog.Find(slug) is not { } dataset) return NotFound();
        // Open data is for anyone's app: another site's script may read it (no cookies are involved).
        Response.Headers.AccessControlAllowOrigin = "*";
        return format == "csv"
            ? File(dataset.Csv, "text/csv; charset=utf-8", $"{dataset.Slug}.csv")
            : File(dataset.Json, "application/json; charset=utf-8");
    }
}
