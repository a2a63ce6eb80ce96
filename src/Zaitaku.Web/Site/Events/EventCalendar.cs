using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Zaitaku.Core.Events;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Events;

/// <summary>
/// Events as iCalendar (RFC 5545), made with Ical.Net: times in Asia/Tokyo with its VTIMEZONE, so a
/// phone set to another zone still shows 13:30 in Japan as what it is.
/// </summary>
public static class EventCalendar
{
    public const string TimeZone = "Asia/Tokyo";
    public const string MediaType = "text/calendar; charset=utf-8";

    /// <summary>
    /// An event that is over keeps its times and says so in its title (「【終了】」). STATUS stays
    /// CONFIRMED: RFC 5545 has no "ended" status, and CANCELLED would tell a calendar (and the person)
    /// that it never took place. A title is what every calendar app shows.
    /// </summary>
    public const string EndedPrefix = "【終了】";

    /// <summary>How long an ended event stays in the feed, so that subscribed calendars see it marked rather than vanish.</summary>
    public static readonly TimeSpan EndedKeptInFeed = TimeSpan.FromDays(30);

    public static string Serialize(IEnumerable<EventFacts> events, PublicUrl site, DateTime utcNow, string calendarName)
    {
        var calendar = new Calendar { ProductId = "-//Yamatokoriyama City//Zaitaku.Web//JA", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("X-WR-TIMEZONE", TimeZone);
        // Japan's rules since a year back (no summer time since 1951): one STANDARD part at +09:00,
        // rather than the 1948–1951 history that no event on this site needs.
        calendar.AddTimeZone(TimeZone, utcNow.AddYears(-1), includeHistoricalData: false);
        foreach (var ev in events) calendar.Events.Add(ToVEvent(ev, site, utcNow));
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static CalendarEvent ToVEvent(EventFacts ev, PublicUrl site, DateTime utcNow)
    {
        var schedule = ev.Schedule;
        var ended = schedule.HasEndedAt(utcNow);
        var start = new CalDateTime(schedule.Date, schedule.Start, TimeZone);
        var vevent = new CalendarEvent
        {
            // The node's key: the same event keeps one identity in every download and feed refresh.
            Uid = $"{ev.Page.Key:D}@{site.Host}",
            Summary = (ended ? EndedPrefix : "") + ev.Page.Name,
            DtStart = start,
            DtEnd = schedule.End is { } end && end > schedule.Start
                ? new CalDateTime(schedule.Date, end, TimeZone)
                : new CalDateTime(schedule.Date.AddDays(1), TimeOnly.MinValue, TimeZone),
            Location = ev.VenueAddress is { Length: > 0 } address ? $"{ev.Venue}（{address}）" : ev.Venue,
            Url = new Uri(site.Absolute(ev.Page.Url!)),
            Description = Description(ev, ended, site),
            Status = "CONFIRMED",
            DtStamp = new CalDateTime(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc)),
            LastModified = new CalDateTime(DateTime.SpecifyKind(ev.Page.UpdatedUtc, DateTimeKind.Utc)),
        };
        return vevent;
    }

    private static string Description(EventFacts ev, bool ended, PublicUrl site)
    {
        var lines = new List<string>();
        if (ended) lines.Add("この催しは終了しました。");
        if (ev.IsSample) lines.Add("（サンプル）日時・会場は見本です。決まりしだい、ページでお知らせします。");
        if (ev.Page.Value("lead") is { } lead) lines.Add(lead);
        lines.Add("くわしくは：" + site.Absolute(ev.Page.Url!));
        return string.Join("\n", lines);
    }
}
