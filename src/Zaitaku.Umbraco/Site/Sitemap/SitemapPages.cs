using Umbraco.Cms.Core.Models.PublishedContent;

namespace Zaitaku.Web.Site.Sitemap;

/// <summary>
/// The pages a reader or a search engine can open: published content with a template. Entries that are parts of a
/// page (a download, a 用語集 term, a 担当地域) have no template and no page of their own, and a branch under such an
/// entry is not listed either.
/// </summary>
public static class SitemapPages
{
    public static bool IsPage(IPublishedContent content) => content.TemplateId is > 0;

    public static IReadOnlyList<IPublishedContent> Children(IPublishedContent page) => page.Children().Where(IsPage).ToList();

    /// <summary>The home page and every page under it, depth first in the site's order.</summary>
    public static IEnumerable<IPublishedContent> All(IPublishedContent home) =>
        IsPage(home) ? Children(home).SelectMany(All).Prepend(home) : [];
}
