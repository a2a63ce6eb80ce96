using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Events;

/// <summary>
/// Events as iCalendar (RFC 5545), made with Ical.Net: times in Asia/Tokyo with its VTIMEZONE, so a phone set to
/// another zone still shows 13:30 in Japan as what it is. Each event's UID is its content key (fixed by the seed and
/// never changed by Umbraco), so a download and every refresh of the feed name the same event.
/// </summary>
public static class EventCalendar
{
    public const string TimeZone = "Asia/Tokyo";
    public const string MediaType = "text/calendar; charset=utf-8";

    /// <summary>
    /// An event that is over keeps its times and says so in its title (「【終了】」). STATUS stays CONFIRMED: RFC 5545 has
    /// no "ended" status, and CANCELLED would tell a calendar (and the person) that it never took place.
    /// </summary>
    public const string EndedPrefix = "【終了】";

    /// <summary>How long an ended event stays in the feed, so that subscribed calendars see it marked rather than vanish.</summary>
    public static readonly TimeSpan EndedKeptInFeed = TimeSpan.FromDays(30);

    public static string Serialize(IEnumerable<EventFacts> events, PublicUrl site, DateTime utcNow, string calendarName)
    {
        var calendar = new Calendar { ProductId = "-//Yamatokoriyama City//Zaitaku.Web//JA", Method = "PUBLISH" };
        calendar.AddProperty("X-WR-CALNAME", calendarName);
        calendar.AddProperty("X-WR-TIMEZONE", TimeZone);
        // Japan's rules since a year back (no summer time since 1951): one STANDARD part at +09:00, rather than the
        // 1948–1951 history that no event on this site needs.
        calendar.AddTimeZone(TimeZone, utcNow.AddYears(-1), includeHistoricalData: false);
        foreach (var ev in events) calendar.Events.Add(ToVEvent(ev, site, utcNow));
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static CalendarEvent ToVEvent(EventFacts ev, PublicUrl site, DateTime utcNow)
    {
        var schedule = ev.Schedule;
        var ended = schedule.HasEndedAt(utcNow);
        return new CalendarEvent
        {
            Uid = $"{ev.Key:D}@{site.Host}",
            Summary = (ended ? EndedPrefix : "") + ev.Name,
            DtStart = new CalDateTime(schedule.Date, schedule.Start, TimeZone),
            DtEnd = schedule.End is { } end && end > schedule.Start
                ? new CalDateTime(schedule.Date, end, TimeZone)
                : new CalDateTime(schedule.Date.AddDays(1), TimeOnly.MinValue, TimeZone),
            Location = ev.VenueAddress is { Length: > 0 } address ? $"{ev.Venue}（{address}）" : ev.Venue,
            Url = new Uri(site.Absolute(ev.Url)),
            Description = Description(ev, ended, site),
            Status = "CONFIRMED",
            DtStamp = new CalDateTime(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc)),
            LastModified = new CalDateTime(DateTime.SpecifyKind(ev.UpdatedUtc, DateTimeKind.Utc)),
        };
    }

    private static string Description(EventFacts ev, bool ended, PublicUrl site)
    {
        var lines = new List<string>();
        if (ended) lines.Add("この催しは終了しました。");
        if (ev.IsSample) lines.Add("（サンプル）日時・会場は見本です。決まりしだい、ページでお知らせします。");
        if (ev.Lead is { } lead) lines.Add(lead);
        lines.Add("くわしくは：" + site.Absolute(ev.Url));
        return string.Join("\n", lines);
    }
}
