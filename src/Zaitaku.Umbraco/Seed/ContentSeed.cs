using Zaitaku.Web.Hosting;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.IO;
using Umbraco.Cms.Core.Models;
using File = System.IO.File;
using Umbraco.Cms.Core.PropertyEditors;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Strings;
using Zaitaku.Core.Content;
using Zaitaku.Infrastructure.Seed;
using Zaitaku.Web.Schema;

namespace Zaitaku.Web.Seed;

public sealed record SeedReport(int Imported, IReadOnlyList<SeedProblem> Problems);

/// <summary>
/// Imports content-seed/ (Markdown files with front matter) into an empty Umbraco content tree through the content
/// and media services, and publishes it. A folder is a node described by its _index.md; top-level folders are roots
/// (except media/, the files that media pickers name, tools/, their sources, and forms/). Every node's key is made
/// from its place in the seed, so Atom ids, iCal UIDs and Delivery API ids are the same on every install. A file
/// with a problem is reported by file and line and kept as an unpublished draft, or left out when it cannot be a node.
/// </summary>
public sealed partial class ContentSeed(
    USyncFiles schema,
    IContentService contentService,
    IMediaService mediaService,
    MediaFileManager mediaFileManager,
    MediaUrlGeneratorCollection mediaUrlGenerators,
    IShortStringHelper shortStringHelper,
    IContentTypeBaseServiceProvider contentTypeBaseServiceProvider,
    SiteClock clock,
    ILogger<ContentSeed> logger)
{
    /// <summary>Umbraco's own property that sets a page's URL segment: the seed's file and folder names.</summary>
    public const string UrlNameAlias = "umbracoUrlName";

    private static readonly HashSet<string> NotRoots = new(StringComparer.Ordinal) { "media", "tools", "forms" };

    private sealed class SeedNode
    {
        public required SeedFile File { get; init; }
        public required string Segment { get; init; }
        public required string Root { get; init; }
        /// <summary>Path from the root, like "/associations/ishikai"; "/" for the root itself.</summary>
        public required string PathFromRoot { get; init; }
        public required USyncContentType Type { get; init; }
        public List<SeedNode> Children { get; } = [];
        public int SortOrder { get; set; }
        /// <summary>Made from the node's place in the seed: the same on every install.</summary>
        public Guid Key => KeyFor($"{Root}:{PathFromRoot}");
    }

    /// <summary>A key made from a name (an MD5-based GUID, as Umbraco makes its package keys).</summary>
    public static Guid KeyFor(string seedPath) => $"zaitaku:content-seed:{seedPath}".ToGuid();

    public bool IsNeeded() => !contentService.GetRootContent().Any();

    public SeedReport Import(string seedFolder)
    {
        var problems = new List<SeedProblem>();
        var roots = new List<SeedNode>();
        var rootDirs = Directory.Exists(seedFolder) ? Directory.GetDirectories(seedFolder).Order(StringComparer.Ordinal).ToList() : [];
        foreach (var dir in rootDirs)
        {
            if (NotRoots.Contains(Path.GetFileName(dir))) continue;
            if (ReadFolder(dir, Path.GetFileName(dir), "/", seedFolder, problems, parentType: null) is { } root) roots.Add(root);
        }
        Order(roots);
        var byPath = new Dictionary<string, SeedNode>(StringComparer.Ordinal);
        foreach (var root in roots) Index(root, byPath);
        var firstRoot = roots.FirstOrDefault()?.Root;

        var files = new Dictionary<string, (IMedia? Media, string? Problem)>(StringComparer.Ordinal);
        foreach (var root in roots) ImportFiles(root, seedFolder, files);

        var created = new List<(IContent Content, bool Valid, DateTime Updated)>();
        foreach (var root in roots) Create(root, Constants.System.Root, byPath, firstRoot, files, problems, created);

        // Parents were created first, so each is published before its children.
        foreach (var (content, valid, updated) in created.Where(c => c.Valid))
        {
            // Umbraco stamps the published version with the time of publishing unless UpdateDate was changed on purpose
            // since the last save: written again (the save kept this same value, which alone is not a change) and saved
            // in the same step as the publish, the seed's date is the page's last-updated date.
            content.UpdateDate = updated.AddTicks(1);
            content.UpdateDate = updated;
            var result = contentService.SaveAndPublish(content, []);
            if (!result.Success) problems.Add(new SeedProblem(content.Name ?? "", 0, $"公開できませんでした（{result.Result}）"));
        }

        foreach (var p in problems) logger.LogWarning("content-seed: {Problem}", p.ToString());
        logger.LogInformation("content-seed: {Count} nodes imported, {Problems} problems", created.Count, problems.Count);
        return new SeedReport(created.Count, problems);
    }

    private SeedNode? ReadFolder(string dir, string root, string pathFromRoot, string seedFolder, List<SeedProblem> problems, USyncContentType? parentType)
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
        List<SeedProblem> problems, USyncContentType? parentType)
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
        var type = schema.DocumentType(parsed.Type);
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
        if (parentType is not null && !parentType.AllowedChildren.Any(c => string.Equals(c.Alias, type.Alias, StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add(new SeedProblem(relative, 2, $"「{parentType.Name}」の下に「{type.Name}」は置けません"));
            return null;
        }
        return new SeedNode { File = parsed, Segment = segment, Root = root, PathFromRoot = pathFromRoot, Type = type };
    }

    private void Create(SeedNode seed, int parentId, Dictionary<string, SeedNode> byPath, string? firstRoot,
        Dictionary<string, (IMedia? Media, string? Problem)> files, List<SeedProblem> problems,
        List<(IContent, bool, DateTime)> created)
    {
        var content = contentService.Create(seed.File.Name, parentId, seed.Type.Alias);
        content.Key = seed.Key; // keys cannot change after the first save
        content.SortOrder = seed.SortOrder;
        var valid = SetValues(content, seed, byPath, firstRoot, files, problems);
        if (seed.Type.Properties.Any(p => p.Alias == UrlNameAlias) && seed.PathFromRoot != "/")
            content.SetValue(UrlNameAlias, seed.Segment);
        var now = clock.GetUtcNow().UtcDateTime;
        var updated = seed.File.Updated is { } d ? Core.Dates.JapaneseDates.JapanMidnightToUtc(d) : now;
        content.CreateDate = updated;
        content.UpdateDate = updated;
        var saved = contentService.Save(content);
        if (!saved.Success)
        {
            problems.Add(new SeedProblem(seed.File.Path, 1, $"保存できませんでした（{saved.Result}）"));
            return;
        }
        // Like Umbraco's own editor, a node that fails validation is kept as a draft and not published.
        created.Add((content, valid, updated));
        foreach (var child in seed.Children) Create(child, content.Id, byPath, firstRoot, files, problems, created);
    }

    private bool SetValues(IContent content, SeedNode seed, Dictionary<string, SeedNode> byPath, string? firstRoot,
        Dictionary<string, (IMedia? Media, string? Problem)> files, List<SeedProblem> problems)
    {
        var file = seed.File;
        var valid = true;
        void Problem(int line, string message) { problems.Add(new SeedProblem(file.Path, line, message)); valid = false; }

        var written = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var raw = file.Properties.ToList();
        if (file.Body.Length > 0) raw.Add(("body", file.Body, file.BodyLine));
        foreach (var (alias, value, line) in raw)
        {
            var property = seed.Type.Properties.FirstOrDefault(p => string.Equals(p.Alias, alias, StringComparison.OrdinalIgnoreCase));
            if (property is null) { Problem(line, $"「{seed.Type.Name}」に「{alias}」というプロパティはありません"); continue; }
            written.Add(property.Alias);
            if (property.Mandatory && string.IsNullOrWhiteSpace(value)) { Problem(line, $"必須の「{property.Name}」（{property.Alias}）が空です"); continue; }
            object? stored;
            try { stored = Convert(property, value, line, byPath, firstRoot, files); }
            catch (SeedFormatException e) { Problem(e.Line, e.Message); continue; }
            if (property.ValidationRegex is { } pattern && !Regex.IsMatch(value, pattern))
                Problem(line, $"「{property.Name}」の値が決められた形式に合いません");
            content.SetValue(property.Alias, stored);
        }
        foreach (var p in seed.Type.Properties.Where(p => p.Mandatory && !written.Contains(p.Alias)))
            Problem(2, $"必須の「{p.Name}」（{p.Alias}）がありません");
        return valid;
    }

    /// <summary>A seed value in the form Umbraco's property editor stores.</summary>
    private object? Convert(USyncProperty property, string value, int line, Dictionary<string, SeedNode> byPath, string? firstRoot,
        Dictionary<string, (IMedia? Media, string? Problem)> files)
    {
        switch (property.EditorAlias)
        {
            case Constants.PropertyEditors.Aliases.DateTime:
                var date = SeedFile.ParseDate(value, line, property.Alias);
                return date.ToDateTime(TimeOnly.MinValue);
            case Constants.PropertyEditors.Aliases.Boolean:
                return bool.TryParse(value, out var b) ? b
                    : throw new SeedFormatException(line, $"「{property.Alias}」は true か false にしてください");
            case Constants.PropertyEditors.Aliases.Integer:
                return int.TryParse(value, out var i) ? i
                    : throw new SeedFormatException(line, $"「{property.Alias}」は整数にしてください");
            case Constants.PropertyEditors.Aliases.DropDownListFlexible:
                var items = DropDownItems(property);
                var choice = value.Trim();
                return items.Count == 0 || items.Contains(choice) ? JsonSerializer.Serialize(new[] { choice })
                    : throw new SeedFormatException(line, $"「{property.Alias}」は {string.Join("／", items)} のどれかにしてください（「{value}」）");
            case Constants.PropertyEditors.Aliases.ContentPicker:
                var (root, path) = value.Contains(':') ? (value[..value.IndexOf(':')], value[(value.IndexOf(':') + 1)..]) : (firstRoot, value);
                return byPath.TryGetValue($"{root}:{Normalize(path)}", out var target)
                    ? Udi.Create(Constants.UdiEntityType.Document, target.Key).ToString()
                    : throw new SeedFormatException(line, $"「{property.Alias}」の参照先「{value}」が content-seed にありません");
            case Constants.PropertyEditors.Aliases.MediaPicker3:
                return files.TryGetValue(value.Trim(), out var picked) && picked.Media is { } media
                    ? JsonSerializer.Serialize(new[] { new { key = KeyFor("picked:" + media.Key), mediaKey = media.Key } })
                    : throw new SeedFormatException(line, picked.Problem ?? $"ファイル「{value.Trim()}」が content-seed/media にありません");
            default:
                return value;
        }
    }

    /// <summary>
    /// Puts each file a media picker names (content-seed/media/&lt;name&gt;) into the media library's 共有 folder,
    /// through the same checks as an editor's upload (the media saving handlers), named after the page that uses it.
    /// </summary>
    private void ImportFiles(SeedNode seed, string seedFolder, Dictionary<string, (IMedia? Media, string? Problem)> files)
    {
        foreach (var (alias, value, _) in seed.File.Properties)
        {
            if (seed.Type.Properties.FirstOrDefault(p => p.Alias == alias)?.EditorAlias != Constants.PropertyEditors.Aliases.MediaPicker3) continue;
            var fileName = value.Trim();
            if (files.ContainsKey(fileName)) continue;
            if (fileName != Path.GetFileName(fileName) || !UrlSegments.IsValid(Path.GetFileNameWithoutExtension(fileName)))
            {
                files[fileName] = (null, $"ファイル名「{fileName}」は使えません（半角英小文字・数字・ハイフンと拡張子）");
                continue;
            }
            var source = Path.Combine(seedFolder, "media", fileName);
            if (!File.Exists(source)) { files[fileName] = (null, null); continue; }
            var media = mediaService.CreateMedia(seed.File.Name, SharedFolder().Id, MediaTypeFor(fileName));
            media.Key = KeyFor("media/" + fileName);
            using (var stream = File.OpenRead(source))
                media.SetValue(mediaFileManager, mediaUrlGenerators, shortStringHelper, contentTypeBaseServiceProvider,
                    Constants.Conventions.Media.File, fileName, stream);
            if (media.HasProperty(AltTextAlias)) media.SetValue(AltTextAlias, seed.File.Name);
            var result = mediaService.Save(media);
            files[fileName] = result.Success ? (media, null)
                : (null, $"ファイル「{fileName}」は登録できません：{string.Join(" ", result.Result?.EventMessages?.GetAll().Select(m => m.Message) ?? [])}");
        }
        foreach (var child in seed.Children) ImportFiles(child, seedFolder, files);
    }

    /// <summary>The alternative text of an image in the media library (our uSync media types add it).</summary>
    public const string AltTextAlias = "altText";

    private IMedia? _sharedFolder;

    /// <summary>The media library's 共有 (shared) folder: files every association may pick.</summary>
    private IMedia SharedFolder()
    {
        if (_sharedFolder is not null) return _sharedFolder;
        var key = KeyFor("media/");
        _sharedFolder = mediaService.GetById(key);
        if (_sharedFolder is null)
        {
            _sharedFolder = mediaService.CreateMedia("共有", Constants.System.Root, Constants.Conventions.MediaTypes.Folder);
            _sharedFolder.Key = key;
            mediaService.Save(_sharedFolder);
        }
        return _sharedFolder;
    }

    private static string MediaTypeFor(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" or ".png" or ".webp" or ".gif" => Constants.Conventions.MediaTypes.Image,
        ".pdf" or ".docx" or ".doc" => Constants.Conventions.MediaTypes.ArticleAlias,
        _ => Constants.Conventions.MediaTypes.File,
    };

    private List<string> DropDownItems(USyncProperty property)
    {
        if (schema.DataType(property.DataTypeKey)?.ConfigJson is not { } json) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array
            ? items.EnumerateArray().Select(i => i.GetString() ?? "").Where(i => i.Length > 0).ToList()
            : [];
    }

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
