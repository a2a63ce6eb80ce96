using System.Globalization;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Media;
using Zaitaku.Core.Publishing;
using Zaitaku.Core.Rendering;
using Zaitaku.Core.Statistics;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// Turns a node of a snapshot into the API's shape, converting each property by its editor as
/// Umbraco's Delivery API does: Markdown as sanitised HTML, pickers as the items they name (only
/// published ones), media with their address and size, true/false as booleans.
/// </summary>
public sealed class DeliveryContent(MediaLibrary media, MarkdownRenderer markdown, ContentSchema schema)
{
    /// <summary>
    /// Properties that never leave through the API: form pickers (forms and their entries are not
    /// content) and the column's 原稿の締切日, an editorial deadline for the association, not news.
    /// </summary>
    public static bool IsPublic(PropertyType property) =>
        property.EditorAlias != PropertyEditors.FormPicker && property.Alias != "dueDate";

    /// <summary>Aliases that fields= may name: every public property of every document type.</summary>
    public IReadOnlySet<string> PropertyAliases { get; } = schema.DocumentTypes.SelectMany(t => t.Properties)
        .Where(IsPublic).Select(p => p.Alias).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Aliases that expand= may name: the public pickers.</summary>
    public IReadOnlySet<string> PickerAliases { get; } = schema.DocumentTypes.SelectMany(t => t.Properties)
        .Where(p => IsPublic(p) && p.EditorAlias is PropertyEditors.ContentPicker or PropertyEditors.MediaPicker)
        .Select(p => p.Alias).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public ContentSchema Schema => schema;

    public ApiContent Build(PublishedContent node, PublishedSnapshot snapshot, PropertySelection fields, PropertySelection expand)
    {
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in node.ContentType.Properties.OrderBy(p => p.SortOrder))
        {
            if (!IsPublic(property) || !fields.Includes(property.Alias)) continue;
            properties[property.Alias] = Convert(node, property, snapshot, expand);
        }
        return Shape(node, snapshot, properties);
    }

    /// <summary>A picked item that was not expanded: who and where, without its properties (as Umbraco).</summary>
    public ApiContent Link(PublishedContent node, PublishedSnapshot snapshot) =>
        Shape(node, snapshot, new Dictionary<string, object?>());

    private static ApiContent Shape(PublishedContent node, PublishedSnapshot snapshot, IReadOnlyDictionary<string, object?> properties) =>
        new(node.ContentType.Alias, node.Name, Utc(node.CreatedUtc), Utc(node.UpdatedUtc), Route(node, snapshot), node.Key,
            properties, new Dictionary<string, ApiContentRoute>());

    public static ApiContentRoute Route(PublishedContent node, PublishedSnapshot snapshot)
    {
        var start = snapshot.Site ?? node.Ancestors().LastOrDefault() ?? node;
        return new ApiContentRoute(node.Url, null, new ApiContentStartItem(start.Key, start.UrlSegment));
    }

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private object? Convert(PublishedContent node, PropertyType property, PublishedSnapshot snapshot, PropertySelection expand)
    {
        var raw = node.Value(property.Alias);
        switch (property.EditorAlias)
        {
            case PropertyEditors.TrueFalse:
                return node.ValueAsBool(property.Alias);
            case PropertyEditors.MediaPicker:
                // Umbraco answers a media picker with a list, empty when nothing (or nothing usable) is picked.
                return Media(raw) is { } item ? new[] { item } : Array.Empty<ApiMedia>();
        }
        if (raw is null) return null;
        switch (property.EditorAlias)
        {
            case PropertyEditors.Markdown:
                return markdown.ToHtml(raw);
            case PropertyEditors.ContentPicker:
                // A picked node that is not published (or not there) is not mentioned at all.
                if (snapshot.Picked(node, property.Alias) is not { } picked) return null;
                return expand.Includes(property.Alias) ? Build(picked, snapshot, PropertySelection.All, PropertySelection.None) : Link(picked, snapshot);
            case PropertyEditors.DateTime:
                return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? date.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) : raw;
            case PropertyEditors.Integer:
                return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;
            case PropertyEditors.Tags:
                return raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            case PropertyEditors.CsvTable:
                var table = CsvTable.Parse(raw);
                return new ApiTable(table.Header, table.Rows);
            default:
                return raw;
        }
    }

    private ApiMedia? Media(string? udi)
    {
        if (MediaUdi.Parse(udi) is not { } key || media.Find(key) is not { } item || item.Kind == MediaKind.Folder || media.IsInRecycleBin(item))
            return null;
        var image = item.Kind == MediaKind.Image;
        var properties = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (image) properties["altText"] = item.Decorative ? "" : item.AltText ?? "";
        if (item.PageCount is { } pages) properties["pageCount"] = pages;
        return new ApiMedia(item.Key, item.Name, image ? "Image" : "File", MediaLibrary.Url(item), item.Extension,
            item.Width, item.Height, item.Length, image ? new ApiFocalPoint(item.FocalX, item.FocalY) : null, [], properties);
    }
}
