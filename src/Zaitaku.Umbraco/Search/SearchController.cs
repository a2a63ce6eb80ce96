using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Infrastructure.Search;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Search;

/// <summary>The page for /search?q=: what residents, and other sites linking here, expect of a site search.</summary>
public sealed class SearchController(SiteSearch search, SitePages pages) : Controller
{
    public const int PageSize = 10;
    /// <summary>Filter values come from the index; anything longer was not typed by following a link.</summary>
    private const int MaxFilterLength = 100;

    [HttpGet("search")]
    [HttpHead("search")]
    public async Task<IActionResult> Search()
    {
        // Results change with every publish and are personal to the query: never stored or indexed.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex";

        // Read by hand rather than model-bound: a repeated or malformed parameter is simply ignored.
        var query = search.Parse(Request.Query["q"].FirstOrDefault());
        var section = Filter(Request.Query["section"].FirstOrDefault());
        var association = Filter(Request.Query["association"].FirstOrDefault());
        var page = int.TryParse(Request.Query["page"].FirstOrDefault(), out var p) ? Math.Clamp(p, 1, 1000) : 1;

        SearchResults? results = null;
        var state = SearchPageState.Empty;
        if (!query.IsEmpty)
        {
            results = await search.SearchAsync(query, section, association, (page - 1) * PageSize, PageSize);
            if (results is not null && results.Total > 0 && results.Hits.Count == 0)
            {
                // A page number past the end (an old link): show the last page instead.
                page = (results.Total + PageSize - 1) / PageSize;
                results = await search.SearchAsync(query, section, association, (page - 1) * PageSize, PageSize);
            }
            state = results is null ? SearchPageState.Preparing : results.Total == 0 ? SearchPageState.NoResults : SearchPageState.Results;
        }
        else if (!await search.IsReadyAsync()) state = SearchPageState.Preparing;

        if (state == SearchPageState.Preparing)
        {
            // 503 so that nobody caches or indexes the notice; the page itself is a normal one.
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            Response.Headers.RetryAfter = "10";
        }

        var heading = query.Text.Length > 0 ? $"「{query.Text}」の検索結果" : "サイト内検索";
        var layout = pages.CreateForOther(heading, "/search");
        return View("~/Search/Views/Search.cshtml", new SearchPage
        {
            SiteName = layout.SiteName,
            Title = layout.Title,
            Heading = heading,
            Navigation = layout.Navigation,
            Breadcrumbs = [new Link("ホーム", "/"), new Link("サイト内検索", "")],
            Contact = layout.Contact,
            CurrentUrl = layout.CurrentUrl,
            Query = query,
            State = state,
            Results = results,
            Section = section,
            Association = association,
            PageNumber = page,
        });
    }

    private static string? Filter(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > MaxFilterLength || value.Any(char.IsControl)) return null;
        return value.Trim();
    }
}

public enum SearchPageState { Empty, Preparing, NoResults, Results }

/// <summary>The search page in the site's layout.</summary>
public sealed class SearchPage : LayoutModel
{
    public required string Heading { get; init; }
    public required SearchQuery Query { get; init; }
    public required SearchPageState State { get; init; }
    public SearchResults? Results { get; init; }
    public string? Section { get; init; }
    public string? Association { get; init; }
    public int PageNumber { get; init; }
    public int PageCount => Results is null ? 0 : (Results.Total + SearchController.PageSize - 1) / SearchController.PageSize;

    /// <summary>A link to this search with some parameters changed; null leaves a filter out.</summary>
    public string Link(string? section, string? association, int page = 1)
    {
        var parts = new List<string> { "q=" + Uri.EscapeDataString(Query.Text) };
        if (section is not null) parts.Add("section=" + Uri.EscapeDataString(section));
        if (association is not null) parts.Add("association=" + Uri.EscapeDataString(association));
        if (page > 1) parts.Add("page=" + page);
        return "/search?" + string.Join("&", parts);
    }
}
