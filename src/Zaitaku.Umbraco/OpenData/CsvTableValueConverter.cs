using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PropertyEditors;
using Umbraco.Cms.Core.PropertyEditors.DeliveryApi;
using Zaitaku.Core.Statistics;

namespace Zaitaku.Web.OpenData;

/// <summary>
/// A CSV table property as what it is: templates read a <see cref="CsvTable"/> (<c>Value&lt;CsvTable&gt;("table")</c>),
/// parsed once per published version, and the Delivery API gives its header and rows as JSON arrays rather than the
/// CSV text an editor typed.
/// </summary>
public sealed class CsvTableValueConverter : PropertyValueConverterBase, IDeliveryApiPropertyValueConverter
{
    public override bool IsConverter(IPublishedPropertyType propertyType) => propertyType.EditorAlias == CsvTablePropertyEditor.Alias;

    public override Type GetPropertyValueType(IPublishedPropertyType propertyType) => typeof(CsvTable);

    public override PropertyCacheLevel GetPropertyCacheLevel(IPublishedPropertyType propertyType) => PropertyCacheLevel.Element;

    public override bool? IsValue(object? value, PropertyValueLevel level) =>
        level == PropertyValueLevel.Source ? value is string s && !string.IsNullOrWhiteSpace(s) : base.IsValue(value, level);

    public override object? ConvertSourceToIntermediate(IPublishedElement owner, IPublishedPropertyType propertyType, object? source, bool preview) =>
        source is string csv && !string.IsNullOrWhiteSpace(csv) ? CsvTable.Parse(csv) : null;

    public override object? ConvertIntermediateToObject(IPublishedElement owner, IPublishedPropertyType propertyType, PropertyCacheLevel referenceCacheLevel, object? inter, bool preview) =>
        inter as CsvTable;

    public PropertyCacheLevel GetDeliveryApiPropertyCacheLevel(IPublishedPropertyType propertyType) => PropertyCacheLevel.Element;

    public Type GetDeliveryApiPropertyValueType(IPublishedPropertyType propertyType) => typeof(ApiCsvTable);

    public object? ConvertIntermediateToDeliveryApiObject(IPublishedElement owner, IPublishedPropertyType propertyType, PropertyCacheLevel referenceCacheLevel, object? inter, bool preview, bool expanding) =>
        inter is CsvTable table ? new ApiCsvTable(table.Header, table.Rows) : null;
}

/// <summary>A CSV table in the Delivery API: its header and its rows, every cell as written.</summary>
public sealed record ApiCsvTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

public static class CsvTables
{
    private static readonly CsvTable Empty = CsvTable.Parse("");

    /// <summary>A CSV table property, or an empty table (no header, no rows) when it is empty or missing.</summary>
    public static CsvTable Table(this IPublishedContent content, string alias) =>
        content.HasProperty(alias) && content.Value<CsvTable>(alias) is { } table ? table : Empty;
}
