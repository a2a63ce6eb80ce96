using Microsoft.AspNetCore.Mvc;
using Umbraco.Cms.Core.PublishedCache;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Events;

/// <summary>
/// 「カレンダーに追加」: one event as an .ics file, and every upcoming event as a feed a calendar app subscribes to
/// (webcal://). Both are made from the published content on each request (a handful of events), so a change of time
/// never waits for a cache to expire.
/// </summary>
[Route("calendar")]
[WithUmbracoContext]
public sealed class CalendarController(SitePages pages, IPublishedContentCache contentCache, PublicUrl site, SiteClock clock) : Controller
{
    public const string FeedPath = "/calendar/events.ics";

    public static string EventPath(EventFacts ev) => $"/calendar/{ev.Key:D}.ics";

    [HttpGet("events.ics")]
    [HttpHead("events.ics")]
    public IActionResult Feed()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // Upcoming events, and those ended in the last 30 days marked as ended, so a subscribed calendar updates them
        // instead of losing them.
        var events = pages.Home() is { } home
            ? EventFacts.All(home).Where(e => e.Schedule.EndUtc > now - EventCalendar.EndedKeptInFeed).ToList()
            : [];
        var name = (pages.Settings()?.Text("siteName") ?? SitePages.FallbackSiteName) + " 催し";
        return Ics(EventCalendar.Serialize(events, site, now, name), "zaitaku-events.ics", inline: true);
    }

    [HttpGet("{key:guid}.ics")]
    [HttpHead("{key:guid}.ics")]
    public IActionResult One(Guid key)
    {
        if (contentCache.GetById(key) is not { } page || EventFacts.Of(page) is not { } ev) return NotFound();
        var segment = ev.Url.Trim('/').Split('/')[^1] is { Length: > 0 } last ? last : ev.Key.ToString("N");
        return Ics(EventCalendar.Serialize([ev], site, clock.GetUtcNow().UtcDateTime, ev.Name), $"event-{segment}.ics", inline: false);
    }

    private FileContentResult Ics(string text, string fileName, bool inline)
    {
        // A download opens the phone's calendar with the event ready to add; the feed is read by calendar apps.
        Response.Headers.ContentDisposition = $"{(inline ? "inline" : "attachment")}; filename=\"{fileName}\"";
        Response.Headers.CacheControl = "public, max-age=300";
        return File(System.Text.Encoding.UTF8.GetBytes(text), EventCalendar.MediaType);
    }
}
