namespace Zaitaku.Core.ContentTypes;

/// <summary>A data type: a property editor plus its configuration, as Umbraco defines it.</summary>
public sealed record DataType(Guid Key, string Alias, string Name, string EditorAlias, string? ConfigJson)
{
    /// <summary>
    /// A media picker's "filter" as "Image" or "File", or null for any media. Umbraco 18 keeps the allowed media
    /// types' keys there (its built-in Image type, or File and Article for documents).
    /// </summary>
    public string? MediaFilter()
    {
        if (ConfigJson is null) return null;
        using var doc = System.Text.Json.JsonDocument.Parse(ConfigJson);
        if (!doc.RootElement.TryGetProperty("filter", out var filter) || filter.ValueKind != System.Text.Json.JsonValueKind.String) return null;
        var value = filter.GetString();
        return value switch
        {
            null or "" => null,
            "Image" or "File" => value,
            _ when value.Contains(UmbracoImageTypeKey, StringComparison.OrdinalIgnoreCase) => "Image",
            _ => "File",
        };
    }

    private const string UmbracoImageTypeKey = "cc07b313-0843-4aa8-bbda-871c8da728c8";

    /// <summary>The choices of a dropdown data type ("items" in its config, as Umbraco's flexible dropdown keeps them).</summary>
    public IReadOnlyList<string> DropDownItems()
    {
        if (ConfigJson is null) return [];
        using var doc = System.Text.Json.JsonDocument.Parse(ConfigJson);
        return doc.RootElement.TryGetProperty("items", out var items) && items.ValueKind == System.Text.Json.JsonValueKind.Array
            ? items.EnumerateArray().Select(i => i.GetString() ?? "").Where(i => i.Length > 0).ToList()
            : [];
    }
}

public sealed record PropertyTab(string Alias, string Caption, int SortOrder);

/// <summary>One property of a document type (Umbraco's "GenericProperty").</summary>
public sealed record PropertyType(
    Guid Key,
    string Alias,
    string Name,
    string EditorAlias,
    Guid DataTypeKey,
    bool Mandatory,
    string? ValidationRegex,
    string? Description,
    string? TabAlias,
    int SortOrder);

/// <summary>A document type: what a content node holds and where it may sit in the tree.</summary>
public sealed record DocumentType(
    Guid Key,
    string Alias,
    string Name,
    string Icon,
    string? Description,
    bool AllowAtRoot,
    string? DefaultTemplate,
    IReadOnlyList<string> AllowedChildTypes,
    IReadOnlyList<PropertyType> Properties,
    IReadOnlyList<PropertyTab> Tabs)
{
    /// <summary>Umbraco routes only nodes whose type has a template; the rest are data.</summary>
    public bool IsRoutable => !string.IsNullOrEmpty(DefaultTemplate);

    public PropertyType? GetProperty(string alias) =>
        Properties.FirstOrDefault(p => string.Equals(p.Alias, alias, StringComparison.OrdinalIgnoreCase));
}

/// <summary>The schema as loaded from uSync: every document type and data type, by alias.</summary>
public sealed class ContentSchema
{
    private readonly Dictionary<string, DocumentType> _documentTypes;
    private readonly Dictionary<Guid, DataType> _dataTypes;

    public ContentSchema(IEnumerable<DocumentType> documentTypes, IEnumerable<DataType> dataTypes)
    {
        _documentTypes = documentTypes.ToDictionary(d => d.Alias, StringComparer.OrdinalIgnoreCase);
        _dataTypes = dataTypes.ToDictionary(d => d.Key);
    }

    public IReadOnlyCollection<DocumentType> DocumentTypes => _documentTypes.Values;
    public IReadOnlyCollection<DataType> DataTypes => _dataTypes.Values;

    public DocumentType? FindDocumentType(string alias) => _documentTypes.GetValueOrDefault(alias);

    public DocumentType GetDocumentType(string alias) =>
        FindDocumentType(alias) ?? throw new KeyNotFoundException($"ドキュメントタイプ「{alias}」は定義されていません。");

    public DataType? FindDataType(Guid key) => _dataTypes.GetValueOrDefault(key);
}
