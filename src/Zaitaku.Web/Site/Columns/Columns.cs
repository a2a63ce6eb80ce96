using Zaitaku.Core.Dates;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Web.Site;

/// <summary>Reading the 広報つながり column series from the published snapshot.</summary>
public static class Columns
{
    public static DateOnly IssueDate(PublishedContent column) => column.ValueAsDate("issueDate") ?? DateOnly.MinValue;

    /// <summary>「令和6年（2024年）12月15日号」</summary>
    public static string IssueLabel(PublishedContent column) => JapaneseDates.Format(IssueDate(column)) + "号";

    /// <summary>Newest issue first.</summary>
    public static IReadOnlyList<PublishedContent> All(PublishedSnapshot snapshot) =>
        snapshot.OfType("column").Where(c => c.Url is not null)
            .OrderByDescending(IssueDate).ThenBy(c => c.SortOrder).ToList();

    /// <summary>The issue on the streets today: the latest whose date has come.</summary>
    public static PublishedContent? Current(PublishedSnapshot snapshot, DateOnly today) =>
        All(snapshot).FirstOrDefault(c => IssueDate(c) <= today);

    public static PublishedContent? Association(PublishedSnapshot snapshot, PublishedContent column) =>
        snapshot.Picked(column, "association");

    public static IReadOnlyList<PublishedContent> ByAssociation(PublishedSnapshot snapshot, PublishedContent association) =>
        All(snapshot).Where(c => c.ValueAsDocumentKey("association") == association.Key).ToList();

    public static int FiscalYear(PublishedContent column) => JapaneseDates.FiscalYearOf(IssueDate(column));

    /// <summary>The previous and next issue in date order, for reading the series through.</summary>
    public static (PublishedContent? Previous, PublishedContent? Next) Neighbours(PublishedSnapshot snapshot, PublishedContent column)
    {
        var ascending = All(snapshot).Reverse().ToList();
        var i = ascending.IndexOf(column);
        return (i > 0 ? ascending[i - 1] : null, i >= 0 && i < ascending.Count - 1 ? ascending[i + 1] : null);
    }
}

/// <summary>The column list's filters, read from ?association=ishikai&amp;year=2024 (fiscal year).</summary>
public sealed class ColumnFilter
{
    public static readonly string[] QueryKeys = ["association", "year"];

    public PublishedContent? Association { get; private init; }
    public int? FiscalYear { get; private init; }
    /// <summary>Messages for values that could not be used; the list then shows every column.</summary>
    public IReadOnlyList<string> Errors { get; private init; } = [];

    public static ColumnFilter Parse(IQueryCollection query, PublishedSnapshot snapshot)
    {
        var errors = new List<string>();
        PublishedContent? association = null;
        int? year = null;
        var rawAssociation = query["association"].ToString();
        if (rawAssociation.Length > 0)
        {
            association = snapshot.OfType("association").FirstOrDefault(a => a.UrlSegment == rawAssociation);
            if (association is null) errors.Add("指定された執筆団体が見つかりません。すべての団体のコラムを表示しています。");
        }
        var rawYear = query["year"].ToString();
        if (rawYear.Length > 0)
        {
            if (rawYear.Length == 4 && int.TryParse(rawYear, out var y) && y is >= 1989 and <= 2200) year = y;
            else errors.Add("年度の指定が正しくありません。すべての年度のコラムを表示しています。");
        }
        return new ColumnFilter { Association = association, FiscalYear = year, Errors = errors };
    }

    public bool IsActive => Association is not null || FiscalYear is not null;

    public IEnumerable<PublishedContent> Apply(IEnumerable<PublishedContent> columns) =>
        columns.Where(c => (Association is null || c.ValueAsDocumentKey("association") == Association.Key)
                        && (FiscalYear is null || Columns.FiscalYear(c) == FiscalYear));
}
