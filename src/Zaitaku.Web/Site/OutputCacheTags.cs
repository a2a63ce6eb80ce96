namespace Zaitaku.Web.Site;

/// <summary>
/// Tags on cached pages. A page is tagged with its own node and each ancestor (its breadcrumbs show
/// their names); pages that list content from across the site are tagged as aggregates.
/// </summary>
public static class OutputCacheTags
{
    public const string AllContent = "content";
    public const string Aggregate = "aggregate";
    public static string Node(int id) => $"node:{id}";
}
