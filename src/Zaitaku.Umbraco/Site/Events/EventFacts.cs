using Umbraco.Cms.Core.Models.PublishedContent;
using Zaitaku.Core.Events;

namespace Zaitaku.Web.Site.Events;

/// <summary>
/// An event page (催し) and what a resident needs to know first: when, where, whether it is a sample, and the form that
/// signs people up. A plain record read once from the published page, so the calendar file and the lists work on it
/// without the page (and tests can make one).
/// </summary>
public sealed record EventFacts(
    Guid Key, string Name, string Url, DateTime UpdatedUtc, string? Lead,
    EventSchedule Schedule, string Venue, string? VenueAddress, bool IsSample, Guid? FormKey, int SortOrder = 0)
{
    public const string DocumentType = "event";

    /// <summary>The facts of a published event page, or null when its day or start time is missing or unreadable.</summary>
    public static EventFacts? Of(IPublishedContent page) =>
        page.Is(DocumentType) && page.Date("eventDate") is { } day && EventSchedule.ParseTime(page.Text("startTime")) is { } start
            ? new EventFacts(page.Key, page.Name, page.Url(), page.UpdateDate.ToUniversalTime(), page.Text("lead"),
                new EventSchedule(DateOnly.FromDateTime(day), start, EventSchedule.ParseTime(page.Text("endTime"))),
                page.Text("venue") ?? "", page.Text("venueAddress"), page.Flag("isSample"),
                Guid.TryParse(page.Text("form"), out var form) ? form : null, page.SortOrder)
            : null;

    /// <summary>Every published event of the site, soonest first.</summary>
    public static IReadOnlyList<EventFacts> All(IPublishedContent home) =>
        home.DescendantsOfType(DocumentType).Select(Of).OfType<EventFacts>()
            .OrderBy(e => e.Schedule.StartUtc).ThenBy(e => e.SortOrder).ToList();

    /// <summary>Events not yet over, soonest first (the home page's list).</summary>
    public static IReadOnlyList<EventFacts> Upcoming(IPublishedContent home, DateTime utcNow) =>
        All(home).Where(e => !e.Schedule.HasEndedAt(utcNow)).ToList();

    /// <summary>The events placed under a page (the 講演会 under 人生会議), ended ones too.</summary>
    public static IReadOnlyList<EventFacts> Under(IPublishedContent page) =>
        page.Children().Select(Of).OfType<EventFacts>().OrderBy(e => e.Schedule.StartUtc).ThenBy(e => e.SortOrder).ToList();

    /// <summary>
    /// The next moment at which what the site shows about events changes (an event starts, so sign-ups close, or
    /// ends, so it leaves the lists and says it has ended): no cached page may outlive it.
    /// </summary>
    public static DateTime? NextChangeUtc(IEnumerable<EventFacts> events, DateTime utcNow) =>
        events.SelectMany(e => new[] { e.Schedule.StartUtc, e.Schedule.EndUtc }).Where(t => t > utcNow)
            .Order().Cast<DateTime?>().FirstOrDefault();
}
