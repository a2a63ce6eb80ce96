using System.Text.RegularExpressions;
using Umbraco.Cms.Core;
using Umbraco.Cms.Api.Delivery.Querying.Filters;
using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Models;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// When a page was last published, in Umbraco's Delivery API index: <c>sort=publishDate:desc</c> lists what was
/// published most recently first (updateDate also moves with an unpublished save), and <c>filter=publishDate&gt;2025-01-01</c>.
/// </summary>
public sealed class PublishDateIndexer : IContentIndexHandler
{
    public const string FieldName = "publishDate";

    public IEnumerable<IndexFieldValue> GetFieldValues(IContent content, string? culture)
    {
        var published = (culture is null ? null : content.GetPublishDate(culture)) ?? content.PublishDate;
        return published is { } date ? [new IndexFieldValue { FieldName = FieldName, Values = [date] }] : [];
    }

    public IEnumerable<IndexField> GetFields() =>
        [new IndexField { FieldName = FieldName, FieldType = FieldType.Date, VariesByCulture = true }];
}

/// <summary><c>sort=publishDate:asc</c> or <c>:desc</c>.</summary>
public sealed class PublishDateSort : ISortHandler
{
    private const string Prefix = "publishDate:";

    public bool CanHandle(string query) => query.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    public SortOption BuildSortOption(string sort) => new()
    {
        FieldName = PublishDateIndexer.FieldName,
        Direction = sort[Prefix.Length..].StartsWith("asc", StringComparison.OrdinalIgnoreCase) ? Direction.Ascending : Direction.Descending,
    };
}

/// <summary><c>filter=publishDate&gt;2025-01-01</c> (and &lt;, &gt;:, &lt;:), in the syntax of Umbraco's createDate and updateDate filters.</summary>
public sealed partial class PublishDateFilter : ContainsFilterBase
{
    protected override string FieldName => PublishDateIndexer.FieldName;

    protected override Regex QueryParserRegex => Pattern();

    [GeneratedRegex("^publishDate(?<operator>[><:]{1,2})(?<value>.*)", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
