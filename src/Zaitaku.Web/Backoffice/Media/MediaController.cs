using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Content;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Media;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;
using Zaitaku.Web.Backoffice.Content;

namespace Zaitaku.Web.Backoffice.Media;

/// <summary>
/// The media library: folders, uploads (checked before anything is kept), alt text, focal point,
/// replacing a file, where each file is used, and the recycle bin.
/// </summary>
[Route("umbraco/media")]
public sealed class MediaController(
    ZaitakuDbContext db, MediaService media, MediaLibrary library, UserManager<EditorUser> users, AuditTrail audit, TimeProvider clock, ILogger<MediaController> logger) : BackofficeController
{
    /// <summary>The largest request the upload forms accept; the checks give the finer limits per type.</summary>
    public const long RequestLimit = 64L * 1024 * 1024;

    public sealed record Usage(int NodeId, string Name, bool Published);

    public sealed class UploadForm
    {
        public int Folder { get; set; }
        public string? Name { get; set; }
        public string? AltText { get; set; }
        public bool Decorative { get; set; }
    }

    public sealed record FolderModel(MediaItem? Folder, IReadOnlyList<MediaItem> Trail, IReadOnlyList<MediaItem> Folders,
        IReadOnlyList<MediaItem> Files, bool CanUpload, bool CanAddFolder, UploadForm Upload);

    public sealed class EditForm
    {
        public string? Name { get; set; }
        public string? AltText { get; set; }
        public bool Decorative { get; set; }
        public string? FocalX { get; set; }
        public string? FocalY { get; set; }
    }

    public sealed record EditModel(MediaItem Item, IReadOnlyList<MediaItem> Trail, EditForm Form, IReadOnlyList<Usage> Usages, bool CanManage);

    [HttpGet("")]
    public async Task<IActionResult> MediaLibrary(int? folder) => await ShowFolderAsync(folder, new UploadForm { Folder = folder ?? 0 });

    [HttpPost("upload")]
    [RequestSizeLimit(RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    [TooLargeUpload]
    public async Task<IActionResult> Upload(UploadForm form, IFormFile? file)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var folder = await db.MediaItems.SingleOrDefaultAsync(m => m.Id == form.Folder && m.Kind == MediaKind.Folder && !m.Trashed);
        if (folder is null) return NotFound();
        if (!await MayAsync(folder, Access.BackofficeOperations.Use)) return Forbid();
        if (file is null || file.Length == 0 && string.IsNullOrEmpty(file.FileName))
            ModelState.AddModelError("file", "登録するファイルを選んでください。");
        if (form.AltText is { Length: > 500 }) ModelState.AddModelError(nameof(form.AltText), "代替テキストは500文字以内にしてください。");
        var name = string.IsNullOrWhiteSpace(form.Name) ? Path.GetFileNameWithoutExtension(file?.FileName ?? "").Trim() : form.Name.Trim();
        if (name.Length > 255) ModelState.AddModelError(nameof(form.Name), "名前は255文字以内にしてください。");
        if (ModelState.IsValid)
        {
            try
            {
                await using var stream = file!.OpenReadStream();
                var item = await media.UploadAsync(folder.Id, stream, file.FileName, name.Length > 0 ? name : "ファイル",
                    form.AltText, form.Decorative, User.Identity!.Name);
                await audit.RecordAsync("media.upload", $"{item.Id} {item.Name}", $"{item.MediaType} {item.Length}バイト");
                TempData["Message"] = $"「{item.Name}」を登録しました。";
                return Redirect($"/umbraco/media/{item.Id}");
            }
            catch (MediaRefusedException e)
            {
                ModelState.AddModelError(e.Field, e.Message);
                if (e.Field == "file") await audit.RecordAsync("media.refused", file!.FileName, e.Message);
            }
            catch (Exception e) when (StorageFaults.Classify(e) == StorageFault.DiskFull)
            {
                // The upload's temporary files are already gone (MediaService); the text fields stay on the form.
                logger.LogError(e, "Upload of {FileName} failed: the disk is full", file!.FileName);
                ModelState.AddModelError("file", "サーバーの保存領域がいっぱいのため、ファイルを登録できませんでした。途中まで書き込まれたものは残っていません。事務局（システムの担当者）に連絡し、空きができてから、もう一度ファイルを選んで登録してください。");
                return await ShowFolderAsync(folder.Id, form, statusCode: StatusCodes.Status507InsufficientStorage);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ShowFolderAsync(folder.Id, form, statusCode: 400);
    }

    [HttpPost("folders")]
    [Authorize(Policy = BackofficeSetup.PublishersPolicy)]
    public async Task<IActionResult> AddFolder(int? parent, string? name)
    {
        if (parent is { } parentId && !await db.MediaItems.AnyAsync(m => m.Id == parentId && m.Kind == MediaKind.Folder && !m.Trashed))
            return NotFound();
        // Top-level folders decide who may use what; they follow the associations and are made at start.
        if (parent is null) return BadRequest();
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 255)
        {
            ModelState.AddModelError("folderName", string.IsNullOrEmpty(name) ? "フォルダーの名前を入力してください。" : "フォルダーの名前は255文字以内にしてください。");
            return await ShowFolderAsync(parent, new UploadForm { Folder = parent.Value }, statusCode: 400);
        }
        var folder = await media.CreateFolderAsync(parent, name, null, shared: false, User.Identity!.Name);
        await audit.RecordAsync("media.folder", $"{folder.Id} {name}");
        TempData["Message"] = $"フォルダー「{name}」を作りました。";
        return Redirect($"/umbraco/media?folder={folder.Id}");
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> MediaEdit(int id)
    {
        var (item, refusal) = await AllowedAsync(id, manage: false);
        if (item is null) return refusal!;
        if (item.Kind == MediaKind.Folder) return Redirect($"/umbraco/media?folder={item.Id}");
        return View(await BuildEditAsync(item, FormFor(item)));
    }

    [HttpPost("{id:int}")]
    public async Task<IActionResult> MediaEdit(int id, EditForm form)
    {
        var (item, refusal) = await AllowedAsync(id, manage: true);
        if (item is null) return refusal!;
        var name = form.Name?.Trim() ?? "";
        if (name.Length == 0) ModelState.AddModelError(nameof(form.Name), "名前を入力してください。");
        else if (name.Length > 255) ModelState.AddModelError(nameof(form.Name), "名前は255文字以内にしてください。");
        double focalX = item.FocalX, focalY = item.FocalY;
        if (item.Kind == MediaKind.Image)
        {
            if (!form.Decorative && string.IsNullOrWhiteSpace(form.AltText))
                ModelState.AddModelError(nameof(form.AltText), "代替テキストを入力するか、「装飾のための画像」にチェックを入れてください。");
            if (form.AltText is { Length: > 500 }) ModelState.AddModelError(nameof(form.AltText), "代替テキストは500文字以内にしてください。");
            if (!TryPercent(form.FocalX, out focalX)) ModelState.AddModelError(nameof(form.FocalX), "左右の位置は0から100までの数字で入力してください。");
            if (!TryPercent(form.FocalY, out focalY)) ModelState.AddModelError(nameof(form.FocalY), "上下の位置は0から100までの数字で入力してください。");
        }
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(await BuildEditAsync(item, form));
        }
        item.Name = name;
        if (item.Kind == MediaKind.Image)
        {
            item.Decorative = form.Decorative;
            item.AltText = form.Decorative ? null : form.AltText!.Trim();
            item.FocalX = focalX;
            item.FocalY = focalY;
        }
        item.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
        await library.RefreshAsync();
        await audit.RecordAsync("media.save", $"{item.Id} {item.Name}");
        TempData["Message"] = $"「{item.Name}」を保存しました。";
        return Redirect($"/umbraco/media/{item.Id}");
    }

    [HttpPost("{id:int}/replace")]
    [RequestSizeLimit(RequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestLimit)]
    [TooLargeUpload]
    public async Task<IActionResult> Replace(int id, IFormFile? file)
    {
        var (item, refusal) = await AllowedAsync(id, manage: true);
        if (item is null) return refusal!;
        if (file is null) ModelState.AddModelError("replacement", "置き換えるファイルを選んでください。");
        else
        {
            try
            {
                await using var stream = file.OpenReadStream();
                await media.ReplaceAsync(item, stream, file.FileName);
                await audit.RecordAsync("media.replace", $"{item.Id} {item.Name}", $"第{item.Revision}版");
                TempData["Message"] = $"「{item.Name}」のファイルを置き換えました。このファイルを使っているページは、新しいファイルを表示します。";
                return Redirect($"/umbraco/media/{item.Id}");
            }
            catch (MediaRefusedException e)
            {
                ModelState.AddModelError("replacement", e.Message);
                await audit.RecordAsync("media.refused", file.FileName, e.Message);
            }
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(MediaEdit), await BuildEditAsync(item, FormFor(item)));
    }

    [HttpGet("{id:int}/delete")]
    public async Task<IActionResult> MediaDelete(int id)
    {
        var (item, refusal) = await AllowedAsync(id, manage: true);
        if (item is null) return refusal!;
        if (item.ParentId is null) return BadRequest();
        return View(await BuildEditAsync(item, new EditForm()));
    }

    [HttpPost("{id:int}/delete")]
    [ActionName("MediaDelete")]
    public async Task<IActionResult> MediaDeleteConfirmed(int id)
    {
        var (item, refusal) = await AllowedAsync(id, manage: true);
        if (item is null) return refusal!;
        // The top-level folders belong to the associations and the shared space: they stay.
        if (item.ParentId is null) return BadRequest();
        var usages = await UsagesAsync(item);
        await media.TrashAsync(item);
        await audit.RecordAsync("media.trash", $"{item.Id} {item.Name}", usages.Count > 0 ? $"使用中のページ：{string.Join("、", usages.Select(u => u.Name))}" : null);
        TempData["Message"] = usages.Count > 0
            ? $"「{item.Name}」をごみ箱へ移しました。使っていたページ（{string.Join("、", usages.Select(u => u.Name))}）には表示されなくなります。ごみ箱から元に戻せます。"
            : $"「{item.Name}」をごみ箱へ移しました。ごみ箱から元に戻せます。";
        return Redirect($"/umbraco/media{(item.ParentId is { } p ? $"?folder={p}" : "")}");
    }

    [HttpGet("recycle-bin")]
    public async Task<IActionResult> MediaRecycleBin()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        var items = await db.MediaItems.AsNoTracking().Where(m => m.Trashed).OrderBy(m => m.Name).ToListAsync();
        return View(await AllowedAsync(items, Access.BackofficeOperations.Edit));
    }

    [HttpPost("{id:int}/restore")]
    public async Task<IActionResult> Restore(int id)
    {
        var (item, refusal) = await AllowedAsync(id, manage: true, trashed: true);
        if (item is null) return refusal!;
        await media.RestoreAsync(item);
        await audit.RecordAsync("media.restore", $"{item.Id} {item.Name}");
        TempData["Message"] = $"「{item.Name}」を元に戻しました。";
        return Redirect("/umbraco/media/recycle-bin");
    }

    [HttpPost("{id:int}/destroy")]
    [Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
    public async Task<IActionResult> Destroy(int id)
    {
        var item = await db.MediaItems.SingleOrDefaultAsync(m => m.Id == id && m.Trashed);
        if (item is null) return NotFound();
        await media.DeletePermanentlyAsync(item);
        await audit.RecordAsync("media.destroy", $"{item.Id} {item.Name}");
        TempData["Message"] = $"「{item.Name}」を完全に削除しました。";
        return Redirect("/umbraco/media/recycle-bin");
    }

    private async Task<IActionResult> ShowFolderAsync(int? folderId, UploadForm upload, int statusCode = 200)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        MediaItem? folder = null;
        if (folderId is { } id)
        {
            folder = await db.MediaItems.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.Kind == MediaKind.Folder);
            if (folder is null || library.Find(folder.Key) is not { } known || library.IsInRecycleBin(known)) return NotFound();
            if (!await MayAsync(folder, Access.BackofficeOperations.Use)) return Forbid();
        }
        var children = await db.MediaItems.AsNoTracking().Where(m => m.ParentId == folderId && !m.Trashed).OrderBy(m => m.Name).ToListAsync();
        if (folder is null) children = await AllowedAsync(children, Access.BackofficeOperations.Use);
        Response.StatusCode = statusCode;
        return View("MediaLibrary", new FolderModel(folder, folder is null ? [] : Trail(folder),
            children.Where(c => c.Kind == MediaKind.Folder).ToList(), children.Where(c => c.Kind != MediaKind.Folder).ToList(),
            folder is not null, folder is not null && await CanPublishAsync(), upload));
    }

    private async Task<(MediaItem? Item, IActionResult? Refusal)> AllowedAsync(int id, bool manage, bool trashed = false)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return (null, Challenge());
        var item = await db.MediaItems.SingleOrDefaultAsync(m => m.Id == id && m.Trashed == trashed);
        if (item is null || !trashed && library.Find(item.Key) is { } known && library.IsInRecycleBin(known)) return (null, NotFound());
        var allowed = await MayAsync(item, manage ? Access.BackofficeOperations.Edit : Access.BackofficeOperations.Use);
        return allowed ? (item, null) : (null, Forbid());
    }

    private async Task<EditModel> BuildEditAsync(MediaItem item, EditForm form)
    {
        return new EditModel(item, Trail(item), form, await UsagesAsync(item), await MayAsync(item, Access.BackofficeOperations.Edit));
    }

    /// <summary>The folders from the top down to the item's own.</summary>
    private List<MediaItem> Trail(MediaItem item)
    {
        var trail = new List<MediaItem>();
        for (var current = item.ParentId is { } p ? library.Find(p) : null; current is not null && trail.Count < 64;
             current = current.ParentId is { } q ? library.Find(q) : null)
            trail.Insert(0, current);
        if (item.Kind == MediaKind.Folder) trail.Add(item);
        return trail;
    }

    /// <summary>The pages whose current draft or published version names the file (a picker or a link in the text).</summary>
    private async Task<List<Usage>> UsagesAsync(MediaItem item)
    {
        var key = item.Key.ToString("N");
        var rows = await db.ContentNodes.AsNoTracking()
            .Where(n => !n.Trashed && db.ContentVersions.Any(v => (v.Id == n.DraftVersionId || v.Id == n.PublishedVersionId) && v.ValuesJson.Contains(key)))
            .Select(n => new { n.Id, n.DraftVersion!.Name, Published = n.PublishedVersionId != null })
            .ToListAsync();
        return rows.Select(r => new Usage(r.Id, r.Name, r.Published)).ToList();
    }

    /// <summary>The edit form filled in from the stored item.</summary>
    private static EditForm FormFor(MediaItem item) => new()
    {
        Name = item.Name, AltText = item.AltText, Decorative = item.Decorative,
        FocalX = Percent(item.FocalX), FocalY = Percent(item.FocalY),
    };

    private static string Percent(double fraction) => Math.Round(fraction * 100).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static bool TryPercent(string? text, out double fraction)
    {
        fraction = 0.5;
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var percent)
            || percent is < 0 or > 100 || double.IsNaN(percent)) return false;
        fraction = percent / 100;
        return true;
    }
}

/// <summary>
/// An upload larger than the server takes gets a page that says so, not an error page. The form is
/// read here, in an authorization filter, because the antiforgery check (an authorization filter
/// at order 1000) reads it too and would turn the size error into a bare 400; the request and form
/// limit filters (order 900) have run by now.
/// </summary>
public sealed class TooLargeUploadAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => 950;

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (!request.HasFormContentType) return;
        try
        {
            await request.ReadFormAsync(context.HttpContext.RequestAborted);
        }
        // Kestrel's request limit (413), or the form reader's multipart limit (InvalidDataException).
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } or InvalidDataException)
        {
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status413PayloadTooLarge,
                ContentType = "text/html; charset=utf-8",
                Content = "<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"utf-8\"><title>ファイルが大きすぎます</title></head><body><main><h1>ファイルが大きすぎます</h1>"
                    + $"<p>一度に送れるのは{MediaController.RequestLimit / 1024 / 1024}MBまでです。画像は20MB、PDF は50MBまで登録できます。小さくしてから、もう一度お試しください。</p>"
                    + "<p><a href=\"/umbraco/media\">メディアに戻る</a></p></main></body></html>",
            };
        }
    }
}
