using Zaitaku.Web.Hosting;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Models.PublishedContent;

namespace Zaitaku.Web.Site.Events;

/// <summary>
/// How long Umbraco's website output cache keeps a page that shows events. Such a page changes with no publish to evict
/// it: when an event begins (sign-ups close) or ends (it leaves the upcoming list and says it has ended). So it is kept
/// no longer than until the next such moment. An event page with a sign-up form shows its places left, which change
/// with every sign-up: it is not kept at all. Other pages keep the configured duration.
/// </summary>
public sealed class EventsExpireCachedPages(SitePages pages, SiteClock clock, IOptionsMonitor<WebsiteSettings> settings)
    : IWebsiteOutputCacheDurationProvider
{
    public TimeSpan? GetDuration(IPublishedContent content)
    {
        var own = content.Is(EventFacts.DocumentType) ? EventFacts.Of(content) : null;
        if (own?.FormKey is not null) return TimeSpan.Zero;

        var now = clock.GetUtcNow().UtcDateTime;
        if (EventFacts.NextChangeUtc(Shown(content, own), now) is not { } next) return null;
        var left = next - now;
        var configured = settings.CurrentValue.OutputCache.ContentDuration;
        // At least a second: Umbraco reads zero as "never cache", which is not what a page a moment before a change needs.
        return left >= configured ? null : left < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left;
    }

    /// <summary>The events a page shows: an event page its own, the home page all upcoming ones, any other page those under it.</summary>
    private IReadOnlyList<EventFacts> Shown(IPublishedContent content, EventFacts? own) =>
        own is not null ? [own]
        : content.Level == 1 ? (pages.Home() is { } home && home.Key == content.Key ? EventFacts.All(home) : [])
        : EventFacts.Under(content);
}
