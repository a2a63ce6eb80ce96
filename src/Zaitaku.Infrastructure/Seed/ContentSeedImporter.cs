using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Zaitaku.Core.Content;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Infrastructure.Seed;

public sealed record SeedReport(int Imported, IReadOnlyList<SeedProblem> Problems);

/// <summary>
/// Imports content-seed/ (Markdown files with front matter) into an empty content tree and
/// publishes it. A folder is a node described by its _index.md; top-level folders are roots
/// (except media/, the files that media pickers name, and tools/, the sources some of them are made from).
/// A file with a problem is reported by file and line and left out; the rest is imported.
/// </summary>
public sealed class ContentSeedImporter(
    ZaitakuDbContext db, ContentService contentService, ContentSchema schema, MediaService media, MediaFolders mediaFolders,
    ILogger<ContentSeedImporter> logger)
{
    /// <summary>Files named by media pickers, imported into the media library before the nodes that use them.</summary>
    private readonly Dictionary<string, (string? Udi, string? Problem)> _files = new(StringComparer.Ordinal);

    private const string SeedUser = "content-seed";

    private sealed class SeedNode
    {
        public required SeedFile File { get; init; }
        public required string Segment { get; init; }
        public required string Root { get; init; }
        /// <summary>Path from the root, like "/associations/ishikai"; "/" for the root itself.</summary>
        public required string PathFromRoot { get; init; }
        public required DocumentType Type { get; init; }
        public Guid Key { get; } = Guid.NewGuid();
        public List<SeedNode> Children { get; } = [];
        public int SortOrder { get; set; }
    }

    public async Task<bool> IsNeededAsync(CancellationToken ct) => !await db.ContentNodes.AnyAsync(ct);

    /// <summary>Folders of content-seed/ that are not content roots: files for media pickers, their sources, and the seeded forms.</summary>
    private static readonly HashSet<string> NotRoots = new(StringComparer.Ordinal) { "media", "tools", "forms" };

    public async Task<SeedReport> ImportAsync(string seedFolder, CancellationToken ct = default)
    {
        var problems = new List<SeedProblem>();
        var roots = new List<SeedNode>();
        var rootDirs = Directory.Exists(seedFolder)
            ? Directory.GetDirectories(seedFolder).Order(StringComparer.Ordinal).ToList() : [];
        foreach (var dir in rootDirs)
        {
            if (NotRoots.Contains(Path.GetFileName(dir))) continue;
            if (ReadFolder(dir, Path.GetFileName(dir), "/", seedFolder, problems, parentType: null) is { } root) roots.Add(root);
        }
        Order(roots);

        var byPath = new Dictionary<string, SeedNode>(StringComparer.Ordinal);
        foreach (var root in roots) Index(root, byPath);
        var firstRoot = roots.FirstOrDefault()?.Root;

        foreach (var root in roots) await ImportFilesAsync(root, seedFolder, ct);

        var created = new List<ContentNode>();
        var publishable = new List<ContentNode>();
        foreach (var root in roots)
            await CreateAsync(root, null, byPath, firstRoot, seedFolder, problems, created, publishable, ct);
        await contentService.PublishManyAsync(publishable, ct);

        foreach (var p in problems) logger.LogWarning("content-seed: {Problem}", p.ToString());
        logger.LogInformation("content-seed: {Count} nodes imported, {Problems} problems", created.Count, problems.Count);
        return new SeedReport(created.Count, problems);
    }

    private SeedNode? ReadFolder(string dir, string root, string pathFromRoot, string seedFolder, List<SeedProblem> problems, DocumentType? parentType)
    {
        var indexFile = Path.Combine(dir, "_index.md");
        if (!File.Exists(indexFile))
        {
            problems.Add(new SeedProblem(Relative(seedFolder, dir), 0, "フォルダーに _index.md がないため、その中は取り込みません"));
            return null;
        }
        var node = ReadNode(indexFile, Path.GetFileName(dir), root, pathFromRoot, seedFolder, problems, parentType);
        if (node is null) return null;

        foreach (var file in Directory.GetFiles(dir, "*.md").Where(f => Path.GetFileName(f) != "_index.md").Order(StringComparer.Ordinal))
        {
            var segment = Path.GetFileNameWithoutExtension(file);
            if (ReadNode(file, segment, root, Combine(pathFromRoot, segment), seedFolder, problems, node.Type) is { } child)
                node.Children.Add(child);
        }
        foreach (var sub in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
        {
            var segment = Path.GetFileName(sub);
            if (ReadFolder(sub, root, Combine(pathFromRoot, segment), seedFolder, problems, node.Type) is { } child)
                node.Children.Add(child);
        }
        Order(node.Children);
        return node;
    }

    private SeedNode? ReadNode(string file, string segment, string root, string pathFromRoot, string seedFolder,
        List<SeedProblem> problems, DocumentType? parentType)
    {
        var relative = Relative(seedFolder, file);
        SeedFile parsed;
        try { parsed = SeedFile.Parse(relative, File.ReadAllText(file)); }
        catch (SeedFormatException e) { problems.Add(new SeedProblem(relative, e.Line, e.Message)); return null; }

        if (!UrlSegments.IsValid(segment))
        {
            problems.Add(new SeedProblem(relative, 1, $"ファイル名「{segment}」は URL に使えません（半角英小文字・数字・ハイフン）"));
            return null;
        }
        var type = schema.FindDocumentType(parsed.Type);
        if (type is null)
        {
            problems.Add(new SeedProblem(relative, 2, $"ドキュメントタイプ「{parsed.Type}」は uSync にありません"));
            return null;
        }
        if (parentType is null && !type.AllowAtRoot)
        {
            problems.Add(new SeedProblem(relative, 2, $"「{type.Name}」はルートに置けません"));
            return null;
        }
        if (parentType is not null && !parentType.AllowedChildTypes.Contains(type.Alias, StringComparer.OrdinalIgnoreCase))
        {
            problems.Add(new SeedProblem(relative, 2, $"「{parentType.Name}」の下に「{type.Name}」は置けません"));
            return null;
        }
        return new SeedNode { File = parsed, Segment = segment, Root = root, PathFromRoot = pathFromRoot, Type = type };
    }

    private async Task CreateAsync(SeedNode seed, int? parentId, Dictionary<string, SeedNode> byPath, string? firstRoot,
        string seedFolder, List<SeedProblem> problems, List<ContentNode> created,
        List<ContentNode> publishable, CancellationToken ct)
    {
        var (values, valid) = ConvertValues(seed, byPath, firstRoot, seedFolder, problems);
        var updatedUtc = seed.File.Updated is { } d ? Core.Dates.JapaneseDates.JapanMidnightToUtc(d) : (DateTime?)null;
        var node = await contentService.CreateAsync(parentId, seed.Type.Alias, seed.File.Name, seed.Segment, values,
            seed.SortOrder, SeedUser, updatedUtc, seed.Key, ct);
        created.Add(node);
        // Like Umbraco, a node that fails validation is kept as a draft and not published.
        if (valid) publishable.Add(node);
        foreach (var child in seed.Children)
            await CreateAsync(child, node.Id, byPath, firstRoot, seedFolder, problems, created, publishable, ct);
    }

    private (Dictionary<string, string> Values, bool Valid) ConvertValues(SeedNode seed, Dictionary<string, SeedNode> byPath,
        string? firstRoot, string seedFolder, List<SeedProblem> problems)
    {
        var file = seed.File;
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var valid = true;
        void Problem(int line, string message) { problems.Add(new SeedProblem(file.Path, line, message)); valid = false; }

        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // present, even if its value was refused
        var raw = file.Properties.ToList();
        if (file.Body.Length > 0) raw.Add(("body", file.Body, file.BodyLine));
        foreach (var (alias, value, line) in raw)
        {
            var property = seed.Type.GetProperty(alias);
            if (property is null) { Problem(line, $"「{seed.Type.Name}」に「{alias}」というプロパティはありません"); continue; }
            written.Add(property.Alias);
            if (property.Mandatory && string.IsNullOrWhiteSpace(value))
            {
                Problem(line, $"必須の「{property.Name}」（{property.Alias}）が空です");
                continue;
            }
            try
            {
                values[property.Alias] = ConvertValue(property, value, line, byPath, firstRoot);
            }
            catch (SeedFormatException e) { Problem(e.Line, e.Message); continue; }
            if (property.ValidationRegex is { } pattern && !Regex.IsMatch(values[property.Alias], pattern))
                Problem(line, $"「{property.Name}」の値が決められた形式に合いません");
        }
        foreach (var p in seed.Type.Properties.Where(p => p.Mandatory && !written.Contains(p.Alias)))
            Problem(2, $"必須の「{p.Name}」（{p.Alias}）がありません");
        return (values, valid);
    }

    private string ConvertValue(PropertyType property, string value, int line, Dictionary<string, SeedNode> byPath,
        string? firstRoot)
    {
        switch (property.EditorAlias)
        {
            case PropertyEditors.DateTime:
                return SeedFile.ParseDate(value, line, property.Alias).ToString("yyyy-MM-dd");
            case PropertyEditors.TrueFalse:
                return bool.TryParse(value, out var b) ? (b ? "true" : "false")
                    : throw new SeedFormatException(line, $"「{property.Alias}」は true か false にしてください");
            case PropertyEditors.Integer:
                return int.TryParse(value, out var i) ? i.ToString()
                    : throw new SeedFormatException(line, $"「{property.Alias}」は整数にしてください");
            case PropertyEditors.DropDown:
                var items = DropDownItems(property);
                return items.Count == 0 || items.Contains(value.Trim()) ? value.Trim()
                    : throw new SeedFormatException(line, $"「{property.Alias}」は {string.Join("／", items)} のどれかにしてください（「{value}」）");
            case PropertyEditors.ContentPicker:
                var (root, path) = value.Contains(':') ? (value[..value.IndexOf(':')], value[(value.IndexOf(':') + 1)..]) : (firstRoot, value);
                var key = $"{root}:{Normalize(path)}";
                return byPath.TryGetValue(key, out var target) ? PropertyValues.DocumentUdi(target.Key)
                    : throw new SeedFormatException(line, $"「{property.Alias}」の参照先「{value}」が content-seed にありません");
            case PropertyEditors.MediaPicker:
                return _files.TryGetValue(value.Trim(), out var file) && file.Udi is { } udi ? udi
                    : throw new SeedFormatException(line, file.Problem ?? $"ファイル「{value.Trim()}」が content-seed/media にありません");
            default:
                return value;
        }
    }

    /// <summary>
    /// Puts each file a media picker names (content-seed/media/&lt;name&gt;) into the media library's 共有
    /// folder through the same checks as an editor's upload, named after the node that uses it. A file
    /// that is missing or refused becomes a problem of the node that names it.
    /// </summary>
    private async Task ImportFilesAsync(SeedNode seed, string seedFolder, CancellationToken ct)
    {
        foreach (var (alias, value, _) in seed.File.Properties)
        {
            if (seed.Type.GetProperty(alias)?.EditorAlias != PropertyEditors.MediaPicker) continue;
            var fileName = value.Trim();
            if (_files.ContainsKey(fileName)) continue;
            if (fileName != Path.GetFileName(fileName) || !UrlSegments.IsValid(Path.GetFileNameWithoutExtension(fileName)))
            {
                _files[fileName] = (null, $"ファイル名「{fileName}」は使えません（半角英小文字・数字・ハイフンと拡張子）");
                continue;
            }
            var source = Path.Combine(seedFolder, "media", fileName);
            if (!File.Exists(source)) { _files[fileName] = (null, null); continue; }
            try
            {
                var folder = await mediaFolders.SharedFolderAsync(ct);
                await using var stream = File.OpenRead(source);
                // Saved under the page's Japanese name, as a resident would expect the download to be called.
                var item = await media.UploadAsync(folder.Id, stream, seed.File.Name + Path.GetExtension(fileName), seed.File.Name,
                    altText: seed.File.Name, decorative: false, createdBy: SeedUser, ct: ct);
                _files[fileName] = (item.Udi, null);
            }
            catch (MediaRefusedException e)
            {
                _files[fileName] = (null, $"ファイル「{fileName}」は登録できません：{e.Message}");
            }
        }
        foreach (var child in seed.Children) await ImportFilesAsync(child, seedFolder, ct);
    }

    private List<string> DropDownItems(PropertyType property) =>
        schema.FindDataType(property.DataTypeKey)?.DropDownItems().ToList() ?? [];

    private static void Order(List<SeedNode> nodes)
    {
        var ordered = nodes.OrderBy(n => n.File.SortOrder ?? int.MaxValue).ThenBy(n => n.Segment, StringComparer.Ordinal).ToList();
        nodes.Clear();
        nodes.AddRange(ordered);
        for (var i = 0; i < nodes.Count; i++) nodes[i].SortOrder = i;
    }

    private static void Index(SeedNode node, Dictionary<string, SeedNode> byPath)
    {
        byPath[$"{node.Root}:{node.PathFromRoot}"] = node;
        foreach (var c in node.Children) Index(c, byPath);
    }

    private static string Combine(string parent, string segment) => parent == "/" ? "/" + segment : parent + "/" + segment;

    private static string Normalize(string path) => "/" + path.Trim().Trim('/');

    private static string Relative(string seedFolder, string path) =>
        Path.Combine("content-seed", Path.GetRelativePath(seedFolder, path)).Replace('\\', '/');
}
