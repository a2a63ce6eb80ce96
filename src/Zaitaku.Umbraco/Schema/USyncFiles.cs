using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace Zaitaku.Web.Schema;

/// <summary>A uSync file that cannot be used: the start stops with this message, naming the file and the line.</summary>
public sealed class USyncException(string message) : Exception(message);

public sealed record USyncDataType(string File, Guid Key, string Alias, string Name, string EditorAlias, string? EditorUiAlias, string? ConfigJson);

public sealed record USyncLanguage(string File, string IsoCode, string Name, bool IsDefault, bool IsMandatory);

public sealed record USyncTemplate(string File, Guid Key, string Alias, string Name, string? Parent);

public sealed record USyncTab(Guid Key, string Alias, string Caption, string Type, int SortOrder);

public sealed record USyncProperty(
    Guid Key, string Alias, string Name, Guid DataTypeKey, string EditorAlias, bool Mandatory, string? MandatoryMessage,
    string? ValidationRegex, string? ValidationRegexMessage, string? Description, string? TabAlias, int SortOrder, bool LabelOnTop);

public enum USyncTypeKind { Document, Media }

public sealed record USyncContentType(
    string File, USyncTypeKind Kind, Guid Key, string Alias, string Name, string Icon, string? Description,
    bool AllowAtRoot, bool IsElement, string? DefaultTemplate, IReadOnlyList<(Guid Key, string Alias)> AllowedTemplates,
    IReadOnlyList<(Guid? Key, string Alias)> AllowedChildren, IReadOnlyList<USyncTab> Tabs, IReadOnlyList<USyncProperty> Properties);

/// <summary>
/// The site's schema as uSync keeps it (uSync/v17: DataTypes, ContentTypes, MediaTypes, Templates, in uSync's own XML),
/// read and checked against itself. The real uSync reads the same files once it can be installed here; until then
/// <see cref="SchemaImport"/> applies them through Umbraco's services.
/// </summary>
public sealed class USyncFiles
{
    public required IReadOnlyList<USyncLanguage> Languages { get; init; }
    public required IReadOnlyList<USyncDataType> DataTypes { get; init; }
    public required IReadOnlyList<USyncTemplate> Templates { get; init; }
    public required IReadOnlyList<USyncContentType> ContentTypes { get; init; }
    public required IReadOnlyList<USyncContentType> MediaTypes { get; init; }
    /// <summary>A hash of every file read: the schema migration runs again when it changes.</summary>
    public required string Hash { get; init; }

    public USyncContentType? DocumentType(string alias) =>
        ContentTypes.FirstOrDefault(t => string.Equals(t.Alias, alias, StringComparison.OrdinalIgnoreCase));

    public USyncDataType? DataType(Guid key) => DataTypes.FirstOrDefault(d => d.Key == key);

    public static USyncFiles Load(string folder)
    {
        if (!Directory.Exists(folder)) throw new USyncException($"uSync フォルダー {folder} が見つかりません。");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var files = new USyncFiles
        {
            Languages = ReadAll(folder, "Languages", ReadLanguage, hash, required: false),
            DataTypes = ReadAll(folder, "DataTypes", ReadDataType, hash, required: true),
            Templates = ReadAll(folder, "Templates", ReadTemplate, hash, required: false),
            ContentTypes = ReadAll(folder, "ContentTypes", (e, f) => ReadContentType(e, f, USyncTypeKind.Document), hash, required: true),
            MediaTypes = ReadAll(folder, "MediaTypes", (e, f) => ReadContentType(e, f, USyncTypeKind.Media), hash, required: false),
            Hash = Convert.ToHexString(hash.GetHashAndReset()),
        };
        files.Validate();
        return files;
    }

    private static List<T> ReadAll<T>(string folder, string kind, Func<XElement, string, T> read, IncrementalHash hash, bool required)
    {
        var path = Path.Combine(folder, kind);
        if (!Directory.Exists(path))
            return required ? throw new USyncException($"uSync フォルダー {path} が見つかりません。") : [];
        var result = new List<T>();
        foreach (var file in Directory.EnumerateFiles(path, "*.config").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            hash.AppendData(Encoding.UTF8.GetBytes(kind + "/" + Path.GetFileName(file) + "\n"));
            hash.AppendData(bytes);
            XDocument doc;
            try { doc = XDocument.Load(new MemoryStream(bytes), LoadOptions.SetLineInfo); }
            catch (XmlException e) { throw new USyncException($"{file}: {e.LineNumber}行目: XML として読めません（{e.Message}）"); }
            result.Add(read(doc.Root!, file));
        }
        return result;
    }

    private static USyncLanguage ReadLanguage(XElement root, string file)
    {
        Expect(root, "Language", file);
        return new USyncLanguage(file, RequiredText(root, "IsoCode", file), RequiredText(root, "Name", file),
            Bool(root, "IsDefault", file), Bool(root, "IsMandatory", file));
    }

    private static USyncDataType ReadDataType(XElement root, string file)
    {
        Expect(root, "DataType", file);
        var info = Required(root, "Info", file);
        var config = root.Element("Config") is { } c && c.Value.Trim().Length > 0 ? CheckJson(c.Value, c, file) : null;
        return new USyncDataType(file, KeyAttribute(root, file), RequiredAttribute(root, "Alias", file),
            RequiredText(info, "Name", file), RequiredText(info, "EditorAlias", file),
            info.Element("EditorUIAlias")?.Value.Trim() is { Length: > 0 } ui ? ui : null, config);
    }

    private static USyncTemplate ReadTemplate(XElement root, string file)
    {
        Expect(root, "Template", file);
        return new USyncTemplate(file, KeyAttribute(root, file), RequiredAttribute(root, "Alias", file),
            RequiredText(root, "Name", file), root.Element("Parent")?.Value.Trim() is { Length: > 0 } p ? p : null);
    }

    private static USyncContentType ReadContentType(XElement root, string file, USyncTypeKind kind)
    {
        Expect(root, kind == USyncTypeKind.Document ? "ContentType" : "MediaType", file);
        var info = Required(root, "Info", file);
        var tabs = (root.Element("Tabs")?.Elements("Tab") ?? [])
            .Select(t => new USyncTab(
                Guid.TryParse(t.Element("Key")?.Value, out var k) ? k : Guid.Empty,
                RequiredText(t, "Alias", file), RequiredText(t, "Caption", file),
                t.Element("Type")?.Value.Trim() is { Length: > 0 } type ? type : "Group", IntOrZero(t, "SortOrder", file)))
            .ToList();
        var properties = (root.Element("GenericProperties")?.Elements("GenericProperty") ?? [])
            .Select(p => ReadProperty(p, file))
            .OrderBy(p => p.SortOrder)
            .ToList();
        var templates = (info.Element("AllowedTemplates")?.Elements("Template") ?? [])
            .Select(t => (Guid.TryParse(t.Attribute("Key")?.Value, out var k) ? k : throw Error(file, t, "Template の Key 属性が GUID ではありません"), t.Value.Trim()))
            .ToList();
        var children = (root.Element("Structure")?.Elements() ?? [])
            .Select(e => (Guid.TryParse(e.Attribute("Key")?.Value, out var k) ? k : (Guid?)null, e.Value.Trim()))
            .ToList();
        return new USyncContentType(file, kind, KeyAttribute(root, file), RequiredAttribute(root, "Alias", file),
            RequiredText(info, "Name", file), info.Element("Icon")?.Value.Trim() is { Length: > 0 } icon ? icon : "icon-document",
            info.Element("Description")?.Value.Trim() is { Length: > 0 } d ? d : null,
            Bool(info, "AllowAtRoot", file), Bool(info, "IsElement", file),
            info.Element("DefaultTemplate")?.Value.Trim() is { Length: > 0 } dt ? dt : null,
            templates, children, tabs, properties);
    }

    private static USyncProperty ReadProperty(XElement p, string file)
    {
        var alias = RequiredText(p, "Alias", file);
        var regex = p.Element("Validation")?.Value.Trim() is { Length: > 0 } r ? r : null;
        if (regex is not null)
        {
            try { _ = new Regex(regex); }
            catch (ArgumentException) { throw Error(file, p.Element("Validation")!, $"プロパティ「{alias}」の Validation が正規表現として正しくありません"); }
        }
        if (!Guid.TryParse(RequiredText(p, "Definition", file), out var dataTypeKey))
            throw Error(file, p.Element("Definition")!, $"プロパティ「{alias}」の Definition が GUID ではありません");
        if (!Guid.TryParse(p.Element("Key")?.Value, out var key))
            throw Error(file, p, $"プロパティ「{alias}」の Key が GUID ではありません（Umbraco ではキーを後から変えられないため、決めておきます）");
        return new USyncProperty(key, alias, RequiredText(p, "Name", file), dataTypeKey, RequiredText(p, "Type", file),
            Bool(p, "Mandatory", file), p.Element("MandatoryMessage")?.Value.Trim() is { Length: > 0 } mm ? mm : null,
            regex, p.Element("ValidationRegExpMessage")?.Value.Trim() is { Length: > 0 } rm ? rm : null,
            p.Element("Description")?.Value.Trim() is { Length: > 0 } d ? d : null,
            p.Element("Tab")?.Attribute("Alias")?.Value, IntOrZero(p, "SortOrder", file), Bool(p, "LabelOnTop", file));
    }

    private void Validate()
    {
        if (Languages.Count > 0 && Languages.Count(l => l.IsDefault) != 1)
            throw new USyncException($"{Languages[0].File}: Languages のうち既定（IsDefault）はちょうど一つにしてください");
        var dataTypes = new Dictionary<Guid, USyncDataType>();
        foreach (var dt in DataTypes)
            if (!dataTypes.TryAdd(dt.Key, dt)) throw new USyncException($"{dt.File}: データタイプの Key {dt.Key} が重複しています");
        var templates = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var t in Templates)
            if (!templates.Add(t.Alias)) throw new USyncException($"{t.File}: テンプレートのエイリアス「{t.Alias}」が重複しています");
        foreach (var group in new[] { ContentTypes, MediaTypes })
        {
            var aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var type in group)
                if (!aliases.Add(type.Alias)) throw new USyncException($"{type.File}: タイプのエイリアス「{type.Alias}」が重複しています");
            foreach (var type in group)
            {
                foreach (var (_, child) in type.AllowedChildren.Where(c => !aliases.Contains(c.Alias) && group == ContentTypes))
                    throw new USyncException($"{type.File}: Structure に定義されていないタイプ「{child}」があります");
                if (type.DefaultTemplate is { } dt && !templates.Contains(dt))
                    throw new USyncException($"{type.File}: DefaultTemplate「{dt}」が Templates にありません");
                foreach (var (_, alias) in type.AllowedTemplates.Where(t => !templates.Contains(t.Alias)))
                    throw new USyncException($"{type.File}: AllowedTemplates の「{alias}」が Templates にありません");
                var propertyAliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var p in type.Properties)
                {
                    if (!propertyAliases.Add(p.Alias)) throw new USyncException($"{type.File}: プロパティ「{p.Alias}」が重複しています");
                    // Umbraco's own data types (the media types' file and size labels) are not in our files.
                    if (!dataTypes.TryGetValue(p.DataTypeKey, out var dataType)) continue;
                    if (dataType.EditorAlias != p.EditorAlias)
                        throw new USyncException($"{type.File}: プロパティ「{p.Alias}」の Type {p.EditorAlias} がデータタイプ「{dataType.Alias}」のエディター {dataType.EditorAlias} と違います");
                    if (p.TabAlias is not null && type.Tabs.All(t => !string.Equals(t.Alias, p.TabAlias, StringComparison.OrdinalIgnoreCase)))
                        throw new USyncException($"{type.File}: プロパティ「{p.Alias}」のタブ「{p.TabAlias}」が Tabs にありません");
                }
            }
        }
    }

    private static string CheckJson(string json, XElement at, string file)
    {
        try { using var _ = JsonDocument.Parse(json); return json; }
        catch (JsonException e) { throw Error(file, at, $"Config が JSON として読めません（{e.Message}）"); }
    }

    private static void Expect(XElement root, string name, string file)
    {
        if (root.Name.LocalName != name) throw Error(file, root, $"ルート要素は <{name}> のはずですが <{root.Name.LocalName}> です");
    }

    private static Guid KeyAttribute(XElement e, string file) =>
        Guid.TryParse(RequiredAttribute(e, "Key", file), out var key) ? key : throw Error(file, e, "Key 属性が GUID ではありません");

    private static string RequiredAttribute(XElement e, string name, string file) =>
        e.Attribute(name)?.Value is { Length: > 0 } v ? v : throw Error(file, e, $"<{e.Name.LocalName}> に {name} 属性がありません");

    private static XElement Required(XElement parent, string name, string file) =>
        parent.Element(name) ?? throw Error(file, parent, $"<{parent.Name.LocalName}> に <{name}> がありません");

    private static string RequiredText(XElement parent, string name, string file) =>
        Required(parent, name, file).Value.Trim() is { Length: > 0 } v ? v : throw Error(file, parent.Element(name)!, $"<{name}> が空です");

    private static bool Bool(XElement parent, string name, string file) =>
        parent.Element(name) is not { } e || e.Value.Trim().Length == 0 ? false
        : bool.TryParse(e.Value.Trim(), out var b) ? b
        : throw Error(file, e, $"<{name}> は true か false のはずですが「{e.Value}」です");

    private static int IntOrZero(XElement parent, string name, string file) =>
        parent.Element(name) is not { } e || e.Value.Trim().Length == 0 ? 0
        : int.TryParse(e.Value.Trim(), out var i) ? i
        : throw Error(file, e, $"<{name}> は整数のはずですが「{e.Value}」です");

    private static USyncException Error(string file, XElement at, string problem) =>
        new($"{file}: {((IXmlLineInfo)at).LineNumber}行目: {problem}");
}
