using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Umbraco.Cms.Core.Models.PublishedContent;

namespace Zaitaku.Web.Site.Columns;

/// <summary>The column list's filters, read from ?association=ishikai&amp;year=2024 (fiscal year).</summary>
public sealed class ColumnFilter
{
    public static readonly string[] QueryKeys = ["association", "year"];
    private const string ViewDataKey = "ColumnFilter";

    public IPublishedContent? Association { get; private init; }
    public int? FiscalYear { get; private init; }
    /// <summary>Messages for values that could not be used; the list then shows every column.</summary>
    public IReadOnlyList<string> Errors { get; private init; } = [];

    public static ColumnFilter Parse(IQueryCollection query, IPublishedContent home)
    {
        var errors = new List<string>();
        IPublishedContent? association = null;
        int? year = null;
        var rawAssociation = query["association"].ToString();
        if (rawAssociation.Length > 0)
        {
            association = home.DescendantsOfType(Columns.AssociationType).FirstOrDefault(a => a.Segment() == rawAssociation);
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

    public IEnumerable<IPublishedContent> Apply(IEnumerable<IPublishedContent> columns) =>
        columns.Where(c => (Association is null || Columns.Association(c)?.Key == Association.Key)
                        && (FiscalYear is null || Columns.FiscalYear(c) == FiscalYear));

    /// <summary>Hands the filter from the controller to the template.</summary>
    public void Store(ViewDataDictionary viewData) => viewData[ViewDataKey] = this;

    /// <summary>The filter the controller read, or none (a request that reached the template another way).</summary>
    public static ColumnFilter From(ViewDataDictionary viewData) => viewData[ViewDataKey] as ColumnFilter ?? new ColumnFilter();
}
