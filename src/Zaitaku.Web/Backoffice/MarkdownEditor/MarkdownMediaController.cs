using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Media;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;
using Zaitaku.Web.Backoffice.Access;
using Zaitaku.Web.Backoffice.Content;
using Zaitaku.Web.Backoffice.Media;

namespace Zaitaku.Web.Backoffice.MarkdownEditor;

/// <summary>
/// Photos and PDFs put into a Markdown field from the edit form: the files the person may use (their
/// association's folders and 共有), and an upload with its alt text. The upload goes through the
/// media library's own service, so its checks are the library's. The dialog of the editor asks in
/// JSON; without JavaScript the same choices are a page that keeps everything typed in the form.
/// </summary>
[Route("umbraco/markdown-media")]
public sealed class MarkdownMediaController(
    ZaitakuDbContext db, MediaService media, MediaLibrary library, ContentSchema schema, UserManager<EditorUser> users, AuditTrail audit) : BackofficeController
{
    private const int Shown = 60;

    public sealed record Folder(int Id, string Name);

    public sealed record Item(string Key, string Kind, string Name, string Url, string? Thumbnail, string Alt, bool Decorative, string LinkText, string Folder);

    public sealed record Choices(IReadOnlyList<Folder> Folders, IReadOnlyList<Item> Items);

    /// <summary>The form fields of the edit form that the page without JavaScript carries along unchanged.</summary>
    public sealed record PickModel(ContentNode Node, string Field, string FieldLabel, string Kind, string? Query, Choices Choices,
        IReadOnlyList<KeyValuePair<string, string>> Kept, string Body, string? Message, string? NewKey, UploadInput Upload);

    public sealed class UploadInput
    {
        public int Folder { get; set; }
        public string? AltText { get; set; }
        public bool Decorative { get; set; }
    }

    [HttpGet("items")]
    public async Task<IActionResult> Items(string? kind, string? q)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        return Json(await ListAsync(KindOf(kind), q));
    }

    [HttpPost("upload")]
    [RequestSizeLimit(MediaController.RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = MediaController.RequestLimit)]
    [TooLargeUpload]
    public async Task<IActionResult> Upload(UploadInput form, IFormFile? file)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var (item, refusal) = await UploadAsync(user, form, file);
        if (refusal is not null) return refusal;
        if (item is null) return BadRequest(new { errors = Errors() });
        return Json(Describe(item, library));
    }

    /// <summary>Without JavaScript: the edit form was posted here; show the files, keep what was typed.</summary>
    [HttpPost("{id:int}")]
    public async Task<IActionResult> Pick(int id, string? field, [FromForm(Name = "media-kind")] string? kind, [FromForm(Name = "media-q")] string? q)
    {
        var (node, user, refusal) = await EditableAsync(id);
        if (refusal is not null) return refusal;
        return await ShowAsync(node!, user!, field, KindOf(kind), q, null, null, new UploadInput());
    }

    [HttpPost("{id:int}/upload")]
    [RequestSizeLimit(MediaController.RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = MediaController.RequestLimit)]
    [TooLargeUpload]
    public async Task<IActionResult> PickUpload(int id, string? field, [FromForm(Name = "media-kind")] string? kind, UploadInput upload, IFormFile? file)
    {
        var (node, user, refusal) = await EditableAsync(id);
        if (refusal is not null) return refusal;
        var (item, uploadRefusal) = await UploadAsync(user!, upload, file);
        if (uploadRefusal is not null) return uploadRefusal;
        if (item is null) Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowAsync(node!, user!, field, item?.Kind ?? KindOf(kind), null,
            item is null ? null : $"「{item.Name}」を登録しました。下の一覧の先頭にあります。", item?.Key.ToString("N"), upload);
    }

    private async Task<IActionResult> ShowAsync(ContentNode node, EditorUser user, string? field, MediaKind kind, string? q,
        string? message, string? newKey, UploadInput upload)
    {
        var type = schema.GetDocumentType(node.ContentTypeAlias);
        var property = type.Properties.FirstOrDefault(p => string.Equals(p.Alias, field, StringComparison.OrdinalIgnoreCase)
            && p.EditorAlias == PropertyEditors.Markdown);
        if (property is null) return NotFound();
        var kept = Request.Form
            .Where(f => f.Key != "__RequestVerificationToken" && !f.Key.StartsWith("media-", StringComparison.Ordinal)
                && f.Key is not ("Folder" or "AltText" or "Decorative" or "command"))
            .SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")))
            .ToList();
        var bodyKey = $"Values[{property.Alias}]";
        var body = kept.FirstOrDefault(k => k.Key == bodyKey).Value ?? "";
        var choices = await ListAsync(kind, q);
        if (newKey is not null)
            choices = choices with { Items = choices.Items.OrderByDescending(i => i.Key == newKey).ToList() };
        return View("~/Backoffice/MarkdownEditor/MarkdownMediaPick.cshtml", new PickModel(node, property.Alias, property.Name, kind == MediaKind.Image ? "image" : "document",
            q, choices, kept.Where(k => k.Key != bodyKey).ToList(), body, message, newKey, upload));
    }

    private async Task<(ContentNode? Node, EditorUser? User, IActionResult? Refusal)> EditableAsync(int id)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return (null, null, Challenge());
        var node = await db.ContentNodes.AsNoTracking().Include(n => n.DraftVersion).SingleOrDefaultAsync(n => n.Id == id && !n.Trashed);
        if (node?.DraftVersion is null) return (null, null, NotFound());
        if (!await MayAsync(ContentResource.Of(node), Access.BackofficeOperations.Edit)) return (null, null, Forbid());
        return (node, user, null);
    }

    /// <summary>The same checks and messages as the media library's upload form.</summary>
    private async Task<(MediaItem? Item, IActionResult? Refusal)> UploadAsync(EditorUser user, UploadInput form, IFormFile? file)
    {
        var folder = await db.MediaItems.SingleOrDefaultAsync(m => m.Id == form.Folder && m.Kind == MediaKind.Folder && !m.Trashed);
        if (folder is null)
        {
            ModelState.AddModelError("Folder", "登録先のフォルダーを選んでください。");
            return (null, null);
        }
        if (!await MayAsync(folder, Access.BackofficeOperations.Use)) return (null, Forbid());
        if (file is null || file.Length == 0 && string.IsNullOrEmpty(file.FileName))
            ModelState.AddModelError("file", "登録するファイルを選んでください。");
        if (form.AltText is { Length: > 500 }) ModelState.AddModelError(nameof(form.AltText), "代替テキストは500文字以内にしてください。");
        if (!ModelState.IsValid) return (null, null);
        var name = Path.GetFileNameWithoutExtension(file!.FileName).Trim();
        if (name.Length > 255) name = name[..255];
        try
        {
            await using var stream = file.OpenReadStream();
            var item = await media.UploadAsync(folder.Id, stream, file.FileName, name.Length > 0 ? name : "ファイル",
                form.AltText, form.Decorative, User.Identity!.Name);
            await audit.RecordAsync("media.upload", $"{item.Id} {item.Name}", $"{item.MediaType} {item.Length}バイト");
            return (item, null);
        }
        catch (MediaRefusedException e)
        {
            ModelState.AddModelError(e.Field, e.Message);
            if (e.Field == "file") await audit.RecordAsync("media.refused", file.FileName, e.Message);
            return (null, null);
        }
    }

    private Dictionary<string, string> Errors() => ModelState
        .Where(e => e.Value!.Errors.Count > 0)
        .ToDictionary(e => e.Key, e => string.Join(" ", e.Value!.Errors.Select(x => x.ErrorMessage)));

    private async Task<Choices> ListAsync(MediaKind kind, string? q)
    {
        var visible = await AllowedAsync(library.All.Where(m => !m.Trashed && !library.IsInRecycleBin(m)), Access.BackofficeOperations.Use);
        var folders = visible.Where(m => m.Kind == MediaKind.Folder)
            .Select(f => new Folder(f.Id, FolderPath(f)))
            .OrderBy(f => f.Name.StartsWith("共有", StringComparison.Ordinal) ? 1 : 0).ThenBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        var words = (q ?? "").Trim();
        var items = visible.Where(m => m.Kind == kind)
            .Where(m => words.Length == 0 || m.Name.Contains(words, StringComparison.OrdinalIgnoreCase)
                || (m.AltText ?? "").Contains(words, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(m => m.UpdatedUtc).Take(Shown)
            .Select(m => Describe(m, library))
            .ToList();
        return new Choices(folders, items);
    }

    private string FolderPath(MediaItem folder)
    {
        var names = new List<string>();
        for (var current = folder; current is not null && names.Count < 16; current = current.ParentId is { } p ? library.Find(p) : null)
            names.Insert(0, current.Name);
        return string.Join(" / ", names);
    }

    public static Item Describe(MediaItem item, MediaLibrary library)
    {
        var folder = library.TopFolder(item)?.Name ?? "";
        return item.Kind == MediaKind.Image
            ? new Item(item.Key.ToString("N"), "image", item.Name, MediaLibrary.Url(item), MediaLibrary.Url(item, 320),
                item.Decorative ? "" : item.AltText ?? "", item.Decorative, item.Name, folder)
            // 「わたしノート（PDF：1.2MB）」, as the site names a download
            : new Item(item.Key.ToString("N"), "document", item.Name, MediaLibrary.Url(item), null, "", false,
                $"{item.Name}（{MediaText.FormatLabel(MediaText.TypeLabel(item), item.Length, null)}）", folder);
    }

    /// <summary>The Markdown that puts the item in the text.</summary>
    public static string MarkdownFor(Item item) => item.Kind == "image"
        ? $"![{Escape(item.Alt)}]({item.Url})"
        : $"[{Escape(item.LinkText)}]({item.Url})";

    private static string Escape(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"[\[\]\\*_`]", @"\$0");

    private static MediaKind KindOf(string? kind) => kind == "document" ? MediaKind.Document : MediaKind.Image;
}
