namespace Zaitaku.Web.Site.Feeds;

/// <summary>The site's two Atom feeds: where they are and what they are called (every page links to both).</summary>
public static class FeedLinks
{
    public const string ColumnsPath = "/feeds/columns.atom";
    public const string PagesPath = "/feeds/pages.atom";
    public const string ColumnsTitle = "広報つながり 認知症予防コラム";
    public const string PagesTitle = "新着・更新情報";
}
