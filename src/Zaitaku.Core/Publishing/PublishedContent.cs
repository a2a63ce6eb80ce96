using System.Globalization;
using Zaitaku.Core.Content;
using Zaitaku.Core.ContentTypes;

namespace Zaitaku.Core.Publishing;

/// <summary>
/// A published node as the public site reads it: immutable, in memory, linked to its parent and
/// children. Built only by <see cref="PublishedSnapshot"/>.
/// </summary>
public sealed class PublishedContent
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly List<PublishedContent> _children = [];

    internal PublishedContent(int id, Guid key, int? parentId, int sortOrder, DocumentType contentType,
        string name, string urlSegment, DateTime updatedUtc, IReadOnlyDictionary<string, string> values)
    {
        Id = id;
        Key = key;
        ParentId = parentId;
        SortOrder = sortOrder;
        ContentType = contentType;
        Name = name;
        UrlSegment = urlSegment;
        UpdatedUtc = updatedUtc;
        _values = values;
    }

    public int Id { get; }
    public Guid Key { get; }
    public int? ParentId { get; }
    public int SortOrder { get; }
    public DocumentType ContentType { get; }
    public string Name { get; }
    public string UrlSegment { get; }
    public DateTime UpdatedUtc { get; }
    /// <summary>When the node was created (Umbraco's createDate); the update date when not known.</summary>
    public DateTime CreatedUtc { get; internal init; }
    /// <summary>When the node was last published; the update date when not known.</summary>
    public DateTime PublishedUtc { get; internal init; }
    public PublishedContent? Parent { get; internal set; }
    public int Level { get; internal set; }
    /// <summary>The URL, ending in a slash; null for nodes that are not pages (settings, downloads).</summary>
    public string? Url { get; internal set; }
    public IReadOnlyList<PublishedContent> Children => _children;
    internal List<PublishedContent> ChildList => _children;

    public IEnumerable<PublishedContent> Ancestors()
    {
        for (var p = Parent; p is not null; p = p.Parent) yield return p;
    }

    public bool Is(string alias) => string.Equals(ContentType.Alias, alias, StringComparison.OrdinalIgnoreCase);

    public string? Value(string alias) =>
        _values.TryGetValue(alias, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    public bool HasValue(string alias) => Value(alias) is not null;

    public bool ValueAsBool(string alias) =>
        Value(alias) is { } v && (v == "1" || v.Equals("true", StringComparison.OrdinalIgnoreCase));

    public DateOnly? ValueAsDate(string alias) =>
        Value(alias) is { } v && DateOnly.TryParseExact(v.Length >= 10 ? v[..10] : v, "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>Content-picker keys stored on this node (Umbraco UDIs).</summary>
    public Guid? ValueAsDocumentKey(string alias) => PropertyValues.ParseDocumentUdi(Value(alias));

    public IReadOnlyDictionary<string, string> Values => _values;
}
