using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Web.Site.OpenData;

/// <summary>
/// The open data files: /opendata/participation.csv, .json and the others the catalogue lists.
/// Made from the published snapshot, so nothing unpublished leaves through them; cached with the
/// pages and evicted with them on every publish.
/// </summary>
public sealed class OpenDataController(IPublishedCache cache, OpenDataCatalog catalog) : Controller
{
    [HttpGet("opendata/{slug}.{format}")]
    [HttpHead("opendata/{slug}.{format}")]
    [OutputCache(PolicyName = SiteSetup.ContentCachePolicy)]
    public IActionResult Download(string slug, string format)
    {
        RequestLogLevels.MarkRendered(HttpContext);
        if (catalog.Find(cache.Current, slug) is not { } dataset || format is not ("csv" or "json")) return NotFound();
        TagAsAggregate(HttpContext);
        // Open data is for anyone's app: another site's script may read it (no cookies are involved).
        Response.Headers.AccessControlAllowOrigin = "*";
        return format == "csv"
            ? File(dataset.Csv, "text/csv; charset=utf-8", $"{dataset.Slug}.csv")
            : File(dataset.Json, "application/json; charset=utf-8");
    }

    /// <summary>Lists built from across the site go out of the cache with every publish (OutputCacheEviction).</summary>
    public static void TagAsAggregate(HttpContext context)
    {
        if (context.Features.Get<IOutputCacheFeature>()?.Context is { } cacheContext)
            cacheContext.Tags.Add(OutputCacheTags.Aggregate);
    }
}
