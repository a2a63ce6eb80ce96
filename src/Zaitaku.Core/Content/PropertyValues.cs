using System.Text.Json;

namespace Zaitaku.Core.Content;

/// <summary>Property values of a version, serialised as a flat JSON object of strings.</summary>
public static class PropertyValues
{
    public static string Serialize(IReadOnlyDictionary<string, string> values) =>
        JsonSerializer.Serialize(values.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value));

    public static IReadOnlyDictionary<string, string> Deserialize(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) is { } d
            ? new Dictionary<string, string>(d, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Umbraco's UDI form for a document reference, as a content picker stores it.</summary>
    public static string DocumentUdi(Guid key) => $"umb://document/{key:N}";

    public static Guid? ParseDocumentUdi(string? value)
    {
        const string prefix = "umb://document/";
        if (value is null || !value.StartsWith(prefix, StringComparison.Ordinal)) return null;
        return Guid.TryParseExact(value[prefix.Length..], "N", out var key) ? key : null;
    }
}
