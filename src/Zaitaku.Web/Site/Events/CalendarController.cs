using Microsoft.AspNetCore.Mvc;
using Zaitaku.Core.Events;
using Zaitaku.Core.Publishing;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Events;

/// <summary>
/// 「カレンダーに追加」: one event as an .ics file, and every upcoming event as a feed a calendar app
/// subscribes to (webcal://). Both are made from the published cache on each request (a handful of
/// events), so a place or a change of time never waits for a cache to expire.
/// </summary>
[Route("calendar")]
public sealed class CalendarController(IPublishedCache cache, PublicUrl site, TimeProvider clock) : Controller
{
    public const string FeedPath = "/calendar/events.ics";

    public static string EventPath(EventFacts ev) => $"/calendar/{ev.Page.Key:D}.ics";

    [HttpGet("events.ics")]
    [HttpHead("events.ics")]
    public IActionResult Feed()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var snapshot = cache.Current;
        // Upcoming events, and those ended in the last 30 days marked as ended, so a subscribed calendar updates them instead of losing them.
        var events = EventFacts.All(snapshot).Where(e => e.Schedule.EndUtc > now - EventCalendar.EndedKeptInFeed);
        var name = (snapshot.Roots.FirstOrDefault(r => r.Is("siteSettings"))?.Value("siteName") ?? "大和郡山市 在宅医療・介護連携") + " 催し";
        return Ics(EventCalendar.Serialize(events, site, now, name), "zaitaku-events.ics", inline: true);
    }

    [HttpGet("{key:guid}.ics")]
    [HttpHead("{key:guid}.ics")]
    public IActionResult One(Guid key)
    {
        if (cache.Current.GetByKey(key) is not { } page || EventFacts.Of(page) is not { } ev) return NotFound();
        return Ics(EventCalendar.Serialize([ev], site, clock.GetUtcNow().UtcDateTime, ev.Page.Name), $"event-{ev.Page.UrlSegment}.ics", inline: false);
    }

    private FileContentResult Ics(string text, string fileName, bool inline)
    {
        // A download opens the phone's calendar with the event ready to add; the feed is read by calendar apps.
        Response.Headers.ContentDisposition = $"{(inline ? "inline" : "attachment")}; filename=\"{fileName}\"";
        Response.Headers.CacheControl = "public, max-age=300";
        return File(System.Text.Encoding.UTF8.GetBytes(text), EventCalendar.MediaType);
    }
}
