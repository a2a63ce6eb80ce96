using Umbraco.Cms.Core.Models.PublishedContent;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Events;

/// <summary>A list of events (the home page's upcoming ones, a section's own) and the calendar feed beside it.</summary>
public sealed record EventListModel(IReadOnlyList<EventFacts> Events, string Heading, string HeadingId, string? FeedUrl, DateTime NowUtc)
{
    /// <summary>The feed as a webcal:// address, which phones hand to their calendar app to subscribe.</summary>
    public static string WebcalFeed(PublicUrl site) => "webcal://" + site.Address.Authority + CalendarController.FeedPath;

    /// <summary>The home page's list: events not yet over, soonest first, with the feed to subscribe to.</summary>
    public static EventListModel Upcoming(IPublishedContent home, DateTime utcNow, PublicUrl site) =>
        new(EventFacts.Upcoming(home, utcNow), "これからの催し", "events-heading", WebcalFeed(site), utcNow);

    /// <summary>The events placed under a page (the 講演会 under 人生会議), ended ones too, marked as such.</summary>
    public static EventListModel Under(IPublishedContent page, DateTime utcNow) =>
        new(EventFacts.Under(page), "催しのご案内", "page-events-heading", null, utcNow);
}
