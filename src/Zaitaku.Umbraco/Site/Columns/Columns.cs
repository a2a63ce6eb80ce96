using Umbraco.Cms.Core.Models.PublishedContent;
using Zaitaku.Core.Dates;

namespace Zaitaku.Web.Site.Columns;

/// <summary>Reading the 広報つながり column series from the published site.</summary>
public static class Columns
{
    public const string ColumnType = "column";
    public const string ListType = "columnList";
    public const string AssociationType = "association";

    public static DateOnly IssueDate(IPublishedContent column) =>
        column.Date("issueDate") is { } d ? DateOnly.FromDateTime(d) : DateOnly.MinValue;

    /// <summary>「令和6年（2024年）12月15日号」</summary>
    public static string IssueLabel(IPublishedContent column) => JapaneseDates.Format(IssueDate(column)) + "号";

    /// <summary>Every published column of the site, newest issue first.</summary>
    public static IReadOnlyList<IPublishedContent> All(IPublishedContent home) =>
        home.DescendantsOfType(ColumnType).OrderByDescending(IssueDate).ThenBy(c => c.SortOrder).ToList();

    /// <summary>The issue on the streets today: the latest whose date has come.</summary>
    public static IPublishedContent? Current(IPublishedContent home, DateOnly today) =>
        All(home).FirstOrDefault(c => IssueDate(c) <= today);

    public static IPublishedContent? Association(IPublishedContent column) => column.Picked("association");

    public static IReadOnlyList<IPublishedContent> ByAssociation(IPublishedContent home, IPublishedContent association) =>
        All(home).Where(c => Association(c)?.Key == association.Key).ToList();

    public static int FiscalYear(IPublishedContent column) => JapaneseDates.FiscalYearOf(IssueDate(column));

    /// <summary>The previous and next issue in date order, for reading the series through.</summary>
    public static (IPublishedContent? Previous, IPublishedContent? Next) Neighbours(IPublishedContent column)
    {
        var ascending = All(column.Root()).Reverse().ToList();
        var i = ascending.FindIndex(c => c.Key == column.Key);
        return (i > 0 ? ascending[i - 1] : null, i >= 0 && i < ascending.Count - 1 ? ascending[i + 1] : null);
    }
}
