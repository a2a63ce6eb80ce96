using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Zaitaku.Infrastructure.Seed;

/// <summary>A problem in one content-seed file, reported by file and line; the rest of the seed still imports.</summary>
public sealed record SeedProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

public sealed class SeedFormatException(int line, string message) : Exception(message)
{
    public int Line { get; } = line;
}

/// <summary>One Markdown file with YAML front matter: a content node to import.</summary>
public sealed class SeedFile
{
    public required string Path { get; init; }
    public required string Type { get; init; }
    public required string Name { get; init; }
    public int? SortOrder { get; init; }
    public DateOnly? Updated { get; init; }
    /// <summary>Property values as written, with the line each came from.</summary>
    public required IReadOnlyList<(string Alias, string Value, int Line)> Properties { get; init; }
    public required string Body { get; init; }
    public required int BodyLine { get; init; }

    public static SeedFile Parse(string path, string text)
    {
        text = text.Replace("\r\n", "\n");
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
            throw new SeedFormatException(1, "ファイルの先頭にフロントマター（--- で囲んだ YAML）がありません");
        var end = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (end < 0) throw new SeedFormatException(1, "フロントマターを閉じる --- がありません");
        var yaml = text[4..(end + 1)];
        var bodyStart = text.IndexOf('\n', end + 1);
        var body = bodyStart < 0 ? "" : text[(bodyStart + 1)..];
        var bodyLine = text[..Math.Max(0, bodyStart)].Count(c => c == '\n') + 2;

        var stream = new YamlStream();
        try { stream.Load(new StringReader(yaml)); }
        // The YAML starts on the file's second line.
        catch (YamlException e) { throw new SeedFormatException((int)e.Start.Line + 1, $"フロントマターの YAML が読めません: {e.Message}"); }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map)
            throw new SeedFormatException(2, "フロントマターは「キー: 値」の形で書いてください");

        string? type = null, name = null;
        int? sortOrder = null;
        DateOnly? updated = null;
        var properties = new List<(string, string, int)>();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var line = (int)keyNode.Start.Line + 1;
            if (valueNode is not YamlScalarNode scalar)
                throw new SeedFormatException(line, $"「{key}」の値は文字・数・日付のどれかにしてください");
            var value = scalar.Value ?? "";
            switch (key)
            {
                case "type": type = value.Trim(); break;
                case "name": name = value.Trim(); break;
                case "sortOrder":
                    sortOrder = int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s
                        : throw new SeedFormatException(line, $"sortOrder は整数にしてください（「{value}」）");
                    break;
                case "updated":
                    updated = ParseDate(value, line, key);
                    break;
                default: properties.Add((key, value, line)); break;
            }
        }
        if (string.IsNullOrEmpty(type)) throw new SeedFormatException(2, "type（ドキュメントタイプ）がありません");
        if (string.IsNullOrEmpty(name)) throw new SeedFormatException(2, "name（ページ名）がありません");
        return new SeedFile
        {
            Path = path, Type = type, Name = name, SortOrder = sortOrder, Updated = updated,
            Properties = properties, Body = body.Trim(), BodyLine = bodyLine,
        };
    }

    public static DateOnly ParseDate(string value, int line, string key) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : throw new SeedFormatException(line, $"「{key}」は YYYY-MM-DD の日付にしてください（「{value}」）");
}
