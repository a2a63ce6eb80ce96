using Zaitaku.Core.Events;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Events;

/// <summary>A list of upcoming events (home page, a section's page) and the calendar feed beside it.</summary>
public sealed record EventListModel(IReadOnlyList<EventFacts> Events, string Heading, string HeadingId, string? FeedUrl, DateTime NowUtc)
{
    /// <summary>The feed as a webcal:// address, which phones hand to their calendar app to subscribe.</summary>
    public static string WebcalFeed(PublicUrl site) =>
        "webcal://" + site.Address.Authority + CalendarController.FeedPath;

    /// <summary>The events placed under a page (the 講演会 under 人生会議), ended ones too, marked as such.</summary>
    public static EventListModel Under(Core.Publishing.PublishedContent page, DateTime utcNow) =>
        new(page.Children.Select(EventFacts.Of).OfType<EventFacts>().OrderBy(e => e.Schedule.StartUtc).ToList(),
            "催しのご案内", "page-events-heading", null, utcNow);
}
