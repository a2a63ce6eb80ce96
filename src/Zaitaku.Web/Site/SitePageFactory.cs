using Zaitaku.Core.Dates;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Web.Site;

public sealed class SitePageFactory(TimeProvider clock)
{
    private const string FallbackSiteName = "大和郡山市 在宅医療・介護連携";

    public SitePage Create(PublishedContent content, PublishedSnapshot snapshot, ColumnFilter? filter = null)
    {
        var settings = Settings(snapshot);
        var siteName = settings?.Value("siteName") ?? FallbackSiteName;
        var trail = content.Ancestors().Reverse().Append(content).Where(n => n.Url is not null)
            .Select(n => new Link(n.Level == 1 ? "ホーム" : n.Name, n.Url!)).ToList();
        return new SitePage
        {
            Content = content,
            Snapshot = snapshot,
            SiteName = siteName,
            Title = content == snapshot.Site ? siteName : $"{content.Name}｜{siteName}",
            Description = content.Value("lead"),
            Navigation = Navigation(snapshot),
            Breadcrumbs = trail,
            Contact = (content.ContentType.GetProperty("contact") is not null ? snapshot.Picked(content, "contact") : null)
                      ?? DefaultContact(snapshot),
            UpdatedUtc = content.UpdatedUtc,
            CurrentUrl = content.Url,
            Today = JapaneseDates.JapanDate(clock.GetUtcNow().UtcDateTime),
            NowUtc = clock.GetUtcNow().UtcDateTime,
            Filter = filter,
        };
    }

    /// <summary>The layout of pages that are not content (errors), with the same header and お問い合わせ.</summary>
    public LayoutModel CreateForError(PublishedSnapshot? snapshot, string title)
    {
        var siteName = (snapshot is null ? null : Settings(snapshot)?.Value("siteName")) ?? FallbackSiteName;
        return new LayoutModel
        {
            SiteName = siteName,
            Title = $"{title}｜{siteName}",
            Navigation = snapshot is null ? [new Link("ホーム", "/")] : Navigation(snapshot),
            Breadcrumbs = [new Link("ホーム", "/"), new Link(title, "")],
            // With no snapshot the お問い合わせ block falls back to the secretariat's name.
            Contact = snapshot is null ? null : DefaultContact(snapshot),
        };
    }

    private static PublishedContent? Settings(PublishedSnapshot snapshot) =>
        snapshot.Roots.FirstOrDefault(r => r.Is("siteSettings"));

    private static PublishedContent? DefaultContact(PublishedSnapshot snapshot) =>
        Settings(snapshot) is { } settings ? snapshot.Picked(settings, "defaultContact") : null;

    private static IReadOnlyList<Link> Navigation(PublishedSnapshot snapshot) =>
        snapshot.Site is null ? [] :
        snapshot.Site.Children.Where(c => c.Url is not null && !c.Is("sitemapPage") && !c.Is("openDataPage") && !c.ValueAsBool("umbracoNaviHide"))
            .Select(c => new Link(c.Name, c.Url!)).Prepend(new Link("ホーム", "/")).ToList();
}
