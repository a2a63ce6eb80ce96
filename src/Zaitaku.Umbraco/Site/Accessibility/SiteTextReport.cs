using Zaitaku.Web.Hosting;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;
using Zaitaku.Core.Readability;
using Zaitaku.Web.Site.Sitemap;

namespace Zaitaku.Web.Site.Accessibility;

/// <summary>
/// The text checker run over the body of every published page, for the アクセシビリティ方針 page's figures: made once
/// after each content change (on every server: the content cache refresher notification) and kept until the next.
/// </summary>
public sealed class SiteTextReport(TextChecker checker, SiteClock clock)
{
    public sealed record PageResult(IPublishedContent Page, TextCheckResult Result);

    public sealed record Report(DateTime CheckedUtc, IReadOnlyList<PageResult> Pages)
    {
        public int Errors => Pages.Sum(p => p.Result.Errors.Count());
        public int Warnings => Pages.Sum(p => p.Result.Warnings.Count());
        public int PagesWithErrors => Pages.Count(p => p.Result.HasErrors);
    }

    private volatile Report? _current;

    /// <summary>The report for the site as published now.</summary>
    public Report Current(IPublishedContent home) => _current ??= Make(home);

    private Report Make(IPublishedContent home)
    {
        var pages = SitemapPages.All(home).Where(p => p.Markdown() is not null)
            .OrderBy(p => p.Url(), StringComparer.Ordinal)
            .Select(p => new PageResult(p, checker.Check(p.Markdown())))
            .ToList();
        return new Report(clock.GetUtcNow().UtcDateTime, pages);
    }

    public void Forget() => _current = null;
}

/// <summary>Umbraco makes a handler anew for each notification; the report lives in the singleton.</summary>
public sealed class ForgetTextReportOnChange(SiteTextReport report) : INotificationHandler<ContentCacheRefresherNotification>
{
    public void Handle(ContentCacheRefresherNotification notification) => report.Forget();
}

/// <summary>
/// Alternative text the media library holds for an image address in a body: an image written ![](…) with no text of
/// its own still has one when the library item has it, and one marked there as decorative needs none.
/// </summary>
public static class LibraryAltText
{
    public static Func<string, string?> From(IMediaService media) => url =>
    {
        var path = url.Split('?', '#')[0];
        if (!path.StartsWith("/media/", StringComparison.Ordinal) || media.GetMediaByPath(path) is not { } item) return null;
        if (item.HasProperty("decorative") && item.GetValue<bool>("decorative")) return "（飾りの画像）";
        return item.HasProperty("altText") ? item.GetValue<string>("altText") : null;
    };
}
