using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Composing;

namespace Zaitaku.Web.Site.Events;

/// <summary>
/// Events (催し): their pages and lists (templates Event, ContentPage, the home page's list), the calendar files, and
/// how long a page showing events may be cached. The sign-up form, its places and when it takes sign-ups are the forms
/// module's (Forms/FormCatalog, Forms/FormEvents), which reads an event page through <see cref="EventFacts"/>.
/// </summary>
public sealed class EventsComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder) =>
        builder.Services.AddUnique<IWebsiteOutputCacheDurationProvider, EventsExpireCachedPages>();
}
