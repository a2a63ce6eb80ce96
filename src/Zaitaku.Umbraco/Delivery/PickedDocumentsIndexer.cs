using Umbraco.Cms.Core;
using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Models;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// Adds to Umbraco's Delivery API index the keys of the documents a page names in its content pickers (a column's
/// 執筆団体, a page's お問い合わせ), from its published version: what <see cref="AssociationFilter"/> looks up.
/// </summary>
public sealed class PickedDocumentsIndexer : IContentIndexHandler
{
    public const string FieldName = "pickedDocument";

    public IEnumerable<IndexFieldValue> GetFieldValues(IContent content, string? culture)
    {
        var keys = content.Properties
            .Where(p => p.PropertyType.PropertyEditorAlias == Constants.PropertyEditors.Aliases.ContentPicker)
            .Select(p => p.GetValue(culture: null, segment: null, published: true) as string)
            .Select(value => UdiParser.TryParse(value, out GuidUdi? udi) ? udi.Guid.ToString("D") : null)
            .OfType<string>().Distinct().ToArray();
        return keys.Length == 0 ? [] : [new IndexFieldValue { FieldName = FieldName, Values = keys }];
    }

    public IEnumerable<IndexField> GetFields() =>
        [new IndexField { FieldName = FieldName, FieldType = FieldType.StringRaw, VariesByCulture = false }];
}
