using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Web.Site;

/// <summary>
/// Serves every published page from the in-memory snapshot: the URL resolves to a node, and the
/// node's document type names the template (Umbraco's default template).
/// </summary>
public sealed class SiteController(IPublishedCache cache, SitePageFactory pages, TimeProvider clock) : Controller
{
    [HttpGet("{**path}", Order = int.MaxValue)]
    [HttpHead("{**path}", Order = int.MaxValue)]
    [OutputCache(PolicyName = SiteSetup.ContentCachePolicy)]
    public IActionResult Render(string? path)
    {
        RequestLogLevels.MarkRendered(HttpContext);
        var snapshot = cache.Current;
        var content = snapshot.GetByRoute(path ?? "");
        if (content?.Url is null)
        {
            // A page that was renamed or moved keeps its old address: links in print and bookmarks still work.
            return snapshot.GetRedirect(path ?? "") is { Url: { } newUrl }
                ? RedirectPermanent(newUrl + Request.QueryString)
                : NotFound();
        }

        // One URL per page: /columns and /COLUMNS/ both lead to /columns/.
        if (!string.Equals(Request.Path.Value ?? "/", content.Url, StringComparison.Ordinal))
            return RedirectPermanent(content.Url + Request.QueryString);

        TagForOutputCache(content);
        ExpireWhenEventsChange(snapshot);
        // A form placed on the page carries a per-visitor antiforgery token, so the page is never cached.
        if (content.HasValue("form") && HttpContext.Features.Get<IOutputCacheFeature>()?.Context is { } noStore)
            noStore.AllowCacheStorage = false;
        ColumnFilter? filter = null;
        if (content.Is("columnList"))
        {
            filter = ColumnFilter.Parse(Request.Query, snapshot);
            if (filter.Errors.Count > 0) Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return View(content.ContentType.DefaultTemplate!, pages.Create(content, snapshot, filter));
    }

    /// <summary>
    /// Lists of upcoming events (home, a section's page) change when an event begins or ends, with no
    /// publish to evict them: a cached page lives no longer than until the next such moment.
    /// </summary>
    private void ExpireWhenEventsChange(PublishedSnapshot snapshot)
    {
        if (HttpContext.Features.Get<IOutputCacheFeature>()?.Context is not { } cacheContext) return;
        var now = clock.GetUtcNow().UtcDateTime;
        if (Zaitaku.Core.Events.EventFacts.NextChangeUtc(snapshot, now) is not { } next) return;
        var left = next - now;
        if (cacheContext.ResponseExpirationTimeSpan is not { } expiry || left < expiry)
            cacheContext.ResponseExpirationTimeSpan = left < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left;
    }

    private void TagForOutputCache(PublishedContent content)
    {
        if (HttpContext.Features.Get<IOutputCacheFeature>()?.Context is not { } cacheContext) return;
        cacheContext.Tags.Add(OutputCacheTags.Node(content.Id));
        foreach (var ancestor in content.Ancestors()) cacheContext.Tags.Add(OutputCacheTags.Node(ancestor.Id));
        if (content.Is("home") || content.Is("columnList") || content.Is("association") || content.Is("associationList") || content.Is("sitemapPage"))
            cacheContext.Tags.Add(OutputCacheTags.Aggregate);
    }
}
