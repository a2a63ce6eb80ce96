using System.Globalization;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Core.Events;

/// <summary>
/// When an event (催し) takes place: a day and times in Japan, as the editor enters them. Every
/// moment is turned into UTC here, so "has it ended?" is the same answer on any server clock.
/// </summary>
public sealed record EventSchedule(DateOnly Date, TimeOnly Start, TimeOnly? End)
{
    /// <summary>The event begins; sign-ups close then at the latest (nobody reads a sign-up made during the event).</summary>
    public DateTime StartUtc => JapaneseDates.JapanTimeToUtc(Date.ToDateTime(Start));

    /// <summary>The event is over: its end time, or the end of its day when no end time is given.</summary>
    public DateTime EndUtc => End is { } end && end > Start
        ? JapaneseDates.JapanTimeToUtc(Date.ToDateTime(end))
        : JapaneseDates.JapanMidnightToUtc(Date.AddDays(1));

    public bool HasStartedAt(DateTime utcNow) => utcNow >= StartUtc;

    public bool HasEndedAt(DateTime utcNow) => utcNow >= EndUtc;

    /// <summary>「令和9年（2027年）3月6日（土）」: the day with its weekday, as a resident checks it against a calendar.</summary>
    public string DateText => $"{JapaneseDates.Format(Date)}（{Weekdays[(int)Date.DayOfWeek]}）";

    /// <summary>「13時30分〜15時」, or 「13時30分から」 when no end time is given.</summary>
    public string TimeText => End is { } end && end > Start ? $"{Clock(Start)}〜{Clock(end)}" : $"{Clock(Start)}から";

    private static readonly string[] Weekdays = ["日", "月", "火", "水", "木", "金", "土"];

    private static string Clock(TimeOnly t) => t.Minute == 0 ? $"{t.Hour}時" : $"{t.Hour}時{t.Minute}分";

    /// <summary>A time as an editor types it: 「13:30」, full-width digits and colon too.</summary>
    public static TimeOnly? ParseTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var normalized = text.Trim().Normalize(System.Text.NormalizationForm.FormKC);
        return TimeOnly.TryParseExact(normalized, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;
    }

    /// <summary>The schedule of an event page, or null when its day or start time is missing or unreadable.</summary>
    public static EventSchedule? Of(PublishedContent page) =>
        page.ValueAsDate("eventDate") is { } date && ParseTime(page.Value("startTime")) is { } start
            ? new EventSchedule(date, start, ParseTime(page.Value("endTime")))
            : null;
}

/// <summary>An event page and what a resident needs to know first: when, where, and whether it is a sample.</summary>
public sealed record EventFacts(PublishedContent Page, EventSchedule Schedule, string Venue, string? VenueAddress, bool IsSample, Guid? FormKey)
{
    public static EventFacts? Of(PublishedContent page) =>
        page.Is("event") && page.Url is not null && EventSchedule.Of(page) is { } schedule
            ? new EventFacts(page, schedule, page.Value("venue") ?? "", page.Value("venueAddress"), page.ValueAsBool("isSample"),
                Guid.TryParse(page.Value("form"), out var key) ? key : null)
            : null;

    /// <summary>Every published event, soonest first.</summary>
    public static IReadOnlyList<EventFacts> All(PublishedSnapshot snapshot) =>
        snapshot.OfType("event").Select(Of).OfType<EventFacts>().OrderBy(e => e.Schedule.StartUtc).ThenBy(e => e.Page.SortOrder).ToList();

    /// <summary>Events not yet over, soonest first.</summary>
    public static IReadOnlyList<EventFacts> Upcoming(PublishedSnapshot snapshot, DateTime utcNow) =>
        All(snapshot).Where(e => !e.Schedule.HasEndedAt(utcNow)).ToList();

    /// <summary>The event a sign-up form belongs to, if one of the published events uses it.</summary>
    public static EventFacts? ForForm(PublishedSnapshot snapshot, Guid formKey) =>
        All(snapshot).FirstOrDefault(e => e.FormKey == formKey);

    /// <summary>
    /// The next moment at which what the site shows about events changes (an event starts, so sign-ups
    /// close, or ends, so it leaves the lists): cached pages must not outlive it.
    /// </summary>
    public static DateTime? NextChangeUtc(PublishedSnapshot snapshot, DateTime utcNow) =>
        All(snapshot).SelectMany(e => new[] { e.Schedule.StartUtc, e.Schedule.EndUtc }).Where(t => t > utcNow)
            .Order().Cast<DateTime?>().FirstOrDefault();
}
