using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Models.PublishedContent;
using Zaitaku.Web.Forms;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// Leaves out of every Delivery API answer the properties that are not content for readers: form pickers (forms and
/// their entries are not content) and the column's 原稿の締切日 (dueDate), an editorial deadline for the association,
/// not news. It wraps Umbraco's own output expansion, so expand= and fields= work as Umbraco documents them.
/// </summary>
public sealed class ReadersOnlyProperties(IOutputExpansionStrategy inner) : IOutputExpansionStrategy
{
    public const string DueDateAlias = "dueDate";

    public static bool IsForReaders(IPublishedPropertyType property) =>
        property.EditorAlias != FormPickerPropertyEditor.Alias && property.Alias != DueDateAlias;

    public IDictionary<string, object?> MapElementProperties(IPublishedElement element) => Filter(element, inner.MapElementProperties(element));

    public IDictionary<string, object?> MapContentProperties(IPublishedContent content) => Filter(content, inner.MapContentProperties(content));

    public IDictionary<string, object?> MapMediaProperties(IPublishedContent media, bool skipUmbracoProperties = true) =>
        inner.MapMediaProperties(media, skipUmbracoProperties);

    private static IDictionary<string, object?> Filter(IPublishedElement element, IDictionary<string, object?> properties)
    {
        foreach (var alias in properties.Keys.ToList())
            if (element.ContentType.GetPropertyType(alias) is { } type && !IsForReaders(type))
                properties.Remove(alias);
        return properties;
    }
}
