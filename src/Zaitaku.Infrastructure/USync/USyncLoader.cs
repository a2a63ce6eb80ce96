using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Zaitaku.Core.ContentTypes;

namespace Zaitaku.Infrastructure.USync;

/// <summary>A uSync file that cannot be used; start-up stops with this message.</summary>
public sealed class USyncException(string message) : Exception(message);

/// <summary>
/// Reads document types and data types from a uSync v17 folder (ContentTypes/*.config,
/// DataTypes/*.config), in uSync's XML layout, and checks them against each other.
/// </summary>
public static class USyncLoader
{
    public static ContentSchema Load(string folder)
    {
        if (!Directory.Exists(folder))
            throw new USyncException($"uSync フォルダー {folder} が見つかりません。");

        var dataTypes = ReadAll(Path.Combine(folder, "DataTypes"), ReadDataType);
        var documentTypes = ReadAll(Path.Combine(folder, "ContentTypes"), ReadDocumentType);
        Validate(documentTypes, dataTypes);
        return new ContentSchema(documentTypes.Select(d => d.Item), dataTypes.Select(d => d.Item));
    }

    private sealed record Loaded<T>(string File, T Item);

    private static List<Loaded<T>> ReadAll<T>(string folder, Func<XElement, string, T> read)
    {
        if (!Directory.Exists(folder)) throw new USyncException($"uSync フォルダー {folder} が見つかりません。");
        var result = new List<Loaded<T>>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.config").Order(StringComparer.Ordinal))
        {
            XDocument doc;
            try { doc = XDocument.Load(file, LoadOptions.SetLineInfo); }
            catch (XmlException e) { throw new USyncException($"{file}: {e.LineNumber}行目: XML として読めません（{e.Message}）"); }
            result.Add(new Loaded<T>(file, read(doc.Root!, file)));
        }
        return result;
    }

    private static DataType ReadDataType(XElement root, string file)
    {
        Expect(root, "DataType", file);
        var info = Required(root, "Info", file);
        return new DataType(
            KeyAttribute(root, file),
            RequiredAttribute(root, "Alias", file),
            RequiredText(info, "Name", file),
            RequiredText(info, "EditorAlias", file),
            root.Element("Config")?.Value is { Length: > 0 } config ? CheckJson(config, root.Element("Config")!, file) : null);
    }

    private static DocumentType ReadDocumentType(XElement root, string file)
    {
        Expect(root, "ContentType", file);
        var info = Required(root, "Info", file);
        var tabs = (root.Element("Tabs")?.Elements("Tab") ?? [])
            .Select(t => new PropertyTab(RequiredText(t, "Alias", file), RequiredText(t, "Caption", file), IntOrZero(t, "SortOrder", file)))
            .ToList();
        var properties = (root.Element("GenericProperties")?.Elements("GenericProperty") ?? [])
            // Umbraco's own URL segment property (the Umbraco site reads it); this engine keeps the segment itself.
            .Where(p => p.Element("Alias")?.Value != "umbracoUrlName")
            .Select(p => ReadProperty(p, file))
            .OrderBy(p => p.SortOrder)
            .ToList();
        return new DocumentType(
            KeyAttribute(root, file),
            RequiredAttribute(root, "Alias", file),
            RequiredText(info, "Name", file),
            info.Element("Icon")?.Value ?? "icon-document",
            info.Element("Description")?.Value,
            Bool(info, "AllowAtRoot", file),
            info.Element("DefaultTemplate")?.Value is { Length: > 0 } t ? t : null,
            (root.Element("Structure")?.Elements("ContentType") ?? []).Select(e => e.Value.Trim()).ToList(),
            properties,
            tabs);
    }

    private static PropertyType ReadProperty(XElement p, string file)
    {
        var alias = RequiredText(p, "Alias", file);
        var editor = RequiredText(p, "Type", file);
        if (!PropertyEditors.All.Contains(editor))
            throw Error(file, p.Element("Type")!, $"プロパティ「{alias}」のエディター「{editor}」は使えません（使えるもの: {string.Join(", ", PropertyEditors.All)}）");
        var regex = p.Element("Validation")?.Value is { Length: > 0 } r ? r : null;
        if (regex is not null)
        {
            try { _ = new Regex(regex); }
            catch (ArgumentException) { throw Error(file, p.Element("Validation")!, $"プロパティ「{alias}」の Validation が正規表現として正しくありません"); }
        }
        var definition = RequiredText(p, "Definition", file);
        if (!Guid.TryParse(definition, out var dataTypeKey))
            throw Error(file, p.Element("Definition")!, $"プロパティ「{alias}」の Definition が GUID ではありません");
        return new PropertyType(
            Guid.TryParse(p.Element("Key")?.Value, out var key) ? key : Guid.Empty,
            alias,
            RequiredText(p, "Name", file),
            editor,
            dataTypeKey,
            Bool(p, "Mandatory", file),
            regex,
            p.Element("Description")?.Value is { Length: > 0 } d ? d : null,
            p.Element("Tab")?.Attribute("Alias")?.Value,
            IntOrZero(p, "SortOrder", file));
    }

    private static void Validate(List<Loaded<DocumentType>> documentTypes, List<Loaded<DataType>> dataTypes)
    {
        var dataTypeByKey = new Dictionary<Guid, DataType>();
        foreach (var (file, dt) in dataTypes)
        {
            if (!dataTypeByKey.TryAdd(dt.Key, dt)) throw new USyncException($"{file}: データタイプの Key {dt.Key} が重複しています");
            if (!PropertyEditors.All.Contains(dt.EditorAlias))
                throw new USyncException($"{file}: データタイプ「{dt.Alias}」のエディター「{dt.EditorAlias}」は使えません");
        }
        var aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (file, type) in documentTypes)
        {
            if (!aliases.Add(type.Alias)) throw new USyncException($"{file}: ドキュメントタイプのエイリアス「{type.Alias}」が重複しています");
        }
        foreach (var (file, type) in documentTypes)
        {
            foreach (var child in type.AllowedChildTypes.Where(c => !aliases.Contains(c)))
                throw new USyncException($"{file}: Structure に定義されていないドキュメントタイプ「{child}」があります");
            var propertyAliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var p in type.Properties)
            {
                if (!propertyAliases.Add(p.Alias)) throw new USyncException($"{file}: プロパティ「{p.Alias}」が重複しています");
                if (!dataTypeByKey.TryGetValue(p.DataTypeKey, out var dt))
                    throw new USyncException($"{file}: プロパティ「{p.Alias}」の Definition {p.DataTypeKey} に当たるデータタイプがありません");
                if (dt.EditorAlias != p.EditorAlias)
                    throw new USyncException($"{file}: プロパティ「{p.Alias}」の Type {p.EditorAlias} がデータタイプ「{dt.Alias}」のエディター {dt.EditorAlias} と違います");
                if (p.TabAlias is not null && type.Tabs.All(t => !string.Equals(t.Alias, p.TabAlias, StringComparison.OrdinalIgnoreCase)))
                    throw new USyncException($"{file}: プロパティ「{p.Alias}」のタブ「{p.TabAlias}」が Tabs にありません");
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
        parent.Element(name) is not { } e ? false
        : bool.TryParse(e.Value.Trim(), out var b) ? b
        : throw Error(file, e, $"<{name}> は true か false のはずですが「{e.Value}」です");

    private static int IntOrZero(XElement parent, string name, string file) =>
        parent.Element(name) is not { } e ? 0
        : int.TryParse(e.Value.Trim(), out var i) ? i
        : throw Error(file, e, $"<{name}> は整数のはずですが「{e.Value}」です");

    private static USyncException Error(string file, XElement at, string problem) =>
        new($"{file}: {((IXmlLineInfo)at).LineNumber}行目: {problem}");
}
