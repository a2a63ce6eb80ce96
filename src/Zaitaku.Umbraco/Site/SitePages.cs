using Zaitaku.Web.Hosting;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PublishedCache;
using Umbraco.Cms.Core.Routing;
using Umbraco.Cms.Core.Services.Navigation;
using Zaitaku.Core.Dates;

namespace Zaitaku.Web.Site;

/// <summary>Makes the model of a page: its content with the site's navigation, breadcrumbs and お問い合わせ.</summary>
public sealed class SitePages(
    IDocumentNavigationQueryService navigation,
    IPublishedContentCache contentCache,
    IPublishedUrlProvider urls,
    SiteClock clock)
{
    public const string FallbackSiteName = "大和郡山市 在宅医療・介護連携";
    public const string SettingsType = "siteSettings";

    public SitePage Create(IPublishedContent content)
    {
        var home = content.Root();
        var settings = Settings();
        var siteName = settings?.Text("siteName") ?? FallbackSiteName;
        var trail = content.AncestorsOrSelf().Reverse()
            .Select(n => new Link(n.Level == 1 ? "ホーム" : n.Name, urls.GetUrl(n))).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        return new SitePage
        {
            Content = content,
            Home = home,
            Settings = settings,
            SiteName = siteName,
            Title = content.Id == home.Id ? siteName : $"{content.Name}｜{siteName}",
            Description = Description(content, home),
            Navigation = Navigation(home),
            Breadcrumbs = trail,
            Contact = (content.HasProperty("contact") ? content.Picked("contact") : null) ?? settings?.Picked("defaultContact"),
            UpdatedUtc = content.UpdateDate.ToUniversalTime(),
            CurrentUrl = urls.GetUrl(content),
            Today = JapaneseDates.JapanDate(now),
            NowUtc = now,
        };
    }

    /// <summary>
    /// Every page has a meta description (search results show it): the page's lead, else what its type says about it,
    /// else its body's first paragraph, else the site's lead. A column says which issue, theme and association.
    /// </summary>
    public static string? Description(IPublishedContent content, IPublishedContent home)
    {
        if (content.Text("lead") is { } lead) return lead;
        if (content.Is(Columns.Columns.ColumnType))
        {
            var by = Columns.Columns.Association(content) is { } association ? $"（執筆：{association.Name}）" : "";
            return $"広報つながり {Columns.Columns.IssueLabel(content)}の認知症予防コラム「{content.Text("theme") ?? content.Name}」{by}。";
        }
        return content.Text("summary") ?? Sharing.PageMetadata.FirstParagraph(content.Markdown()) ?? home.Text("lead");
    }

    /// <summary>The layout of pages that are not content (errors, search), with the same header and お問い合わせ.</summary>
    public LayoutModel CreateForOther(string title, string? currentUrl = null, string? description = null)
    {
        var home = Home();
        var settings = Settings();
        var siteName = settings?.Text("siteName") ?? FallbackSiteName;
        return new LayoutModel
        {
            SiteName = siteName,
            Title = $"{title}｜{siteName}",
            Description = description,
            Navigation = home is null ? [new Link("ホーム", "/")] : Navigation(home),
            Breadcrumbs = [new Link("ホーム", "/"), new Link(title, "")],
            // Without a published site the お問い合わせ block falls back to the secretariat's name.
            Contact = settings?.Picked("defaultContact"),
            CurrentUrl = currentUrl,
        };
    }

    /// <summary>The site's root: the first published root that is a page.</summary>
    public IPublishedContent? Home() => Roots().FirstOrDefault(r => r.TemplateId is > 0);

    /// <summary>サイト設定: the root that holds the site's name, default contact, reading dictionary and synonyms.</summary>
    public IPublishedContent? Settings() => Roots().FirstOrDefault(r => r.Is(SettingsType));

    private IEnumerable<IPublishedContent> Roots() =>
        navigation.TryGetRootKeys(out var keys)
            ? keys.Select(k => contentCache.GetById(k)).OfType<IPublishedContent>()
            : [];

    private IReadOnlyList<Link> Navigation(IPublishedContent home) =>
        home.Children().Where(c => c.TemplateId is > 0 && !c.Is("sitemapPage") && !c.Is("openDataPage") && !c.Flag("umbracoNaviHide"))
            .Select(c => new Link(c.Name, urls.GetUrl(c))).Prepend(new Link("ホーム", "/")).ToList();
}
