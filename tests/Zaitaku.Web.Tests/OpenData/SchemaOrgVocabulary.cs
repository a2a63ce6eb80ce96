using System.IO.Compression;
using System.Text.Json;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>
/// schema.org's own vocabulary file (release 30.0): every @type used must be a schema.org class,
/// every property must be a schema.org property whose domain includes the type (or one of its
/// superclasses), and a nested typed value must be of a type the property's range allows.
/// </summary>
public sealed class SchemaOrgVocabulary
{
    private readonly Dictionary<string, List<string>> _superClasses = new();
    private readonly Dictionary<string, (HashSet<string> Domain, HashSet<string> Range)> _properties = new();

    public static SchemaOrgVocabulary Instance { get; } = Load();

    private static SchemaOrgVocabulary Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "OpenData", "schemaorg-current-https.jsonld.gz");
        using var file = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var document = JsonDocument.Parse(file);
        var vocabulary = new SchemaOrgVocabulary();
        foreach (var node in document.RootElement.GetProperty("@graph").EnumerateArray())
        {
            var id = Strip(node.GetProperty("@id").GetString()!);
            var types = Ids(node, "@type");
            if (types.Contains("rdfs:Class"))
                vocabulary._superClasses[id] = Ids(node, "rdfs:subClassOf").Select(Strip).ToList();
            if (types.Contains("rdf:Property"))
                vocabulary._properties[id] = (Ids(node, "schema:domainIncludes").Select(Strip).ToHashSet(), Ids(node, "schema:rangeIncludes").Select(Strip).ToHashSet());
        }
        return vocabulary;
    }

    private static string Strip(string id) => id.StartsWith("schema:", StringComparison.Ordinal) ? id["schema:".Length..] : id;

    private static List<string> Ids(JsonElement node, string name)
    {
        if (!node.TryGetProperty(name, out var value)) return [];
        IEnumerable<JsonElement> items = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];
        return items.Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetProperty("@id").GetString()!).ToList();
    }

    public bool IsClass(string type) => _superClasses.ContainsKey(type);

    /// <summary>The type and all its superclasses.</summary>
    public HashSet<string> Lineage(string type)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([type]);
        while (queue.TryDequeue(out var t))
            if (seen.Add(t) && _superClasses.TryGetValue(t, out var supers))
                foreach (var s in supers) queue.Enqueue(s);
        return seen;
    }

    /// <summary>Every problem in a JSON-LD document that uses the schema.org context; empty when it is valid.</summary>
    public List<string> Check(JsonElement document)
    {
        var problems = new List<string>();
        if (document.GetProperty("@context").GetString() is not ("https://schema.org" or "https://schema.org/"))
            problems.Add("the @context is not https://schema.org");
        CheckNode(document, "$", null, problems);
        return problems;
    }

    private void CheckNode(JsonElement node, string path, HashSet<string>? range, List<string> problems)
    {
        if (!node.TryGetProperty("@type", out var typeElement))
        {
            problems.Add($"{path}: no @type");
            return;
        }
        var type = typeElement.GetString()!;
        if (!IsClass(type))
        {
            problems.Add($"{path}: {type} is not a schema.org type");
            return;
        }
        var lineage = Lineage(type);
        if (range is not null && !range.Overlaps(lineage))
            problems.Add($"{path}: a {type} is not allowed here (expected {string.Join(" or ", range)})");
        foreach (var property in node.EnumerateObject().Where(p => !p.Name.StartsWith('@')))
        {
            if (!_properties.TryGetValue(property.Name, out var definition))
            {
                problems.Add($"{path}.{property.Name}: not a schema.org property");
                continue;
            }
            if (!definition.Domain.Overlaps(lineage))
                problems.Add($"{path}.{property.Name}: not a property of {type}");
            IEnumerable<JsonElement> values = property.Value.ValueKind == JsonValueKind.Array ? property.Value.EnumerateArray() : [property.Value];
            var i = 0;
            foreach (var value in values)
            {
                if (value.ValueKind == JsonValueKind.Object) CheckNode(value, $"{path}.{property.Name}[{i}]", definition.Range, problems);
                i++;
            }
        }
    }
}
