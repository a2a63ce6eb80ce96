using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Infrastructure.Media;

/// <summary>
/// The media library: folders, checked uploads, replacing a file, the recycle bin. Files live under
/// {DataFolder}/media/items/{key}/{revision}.{ext}: the path comes from ids only, never from what
/// the uploader named the file.
/// </summary>
public sealed class MediaService(ZaitakuDbContext db, MediaFileCheck check, MediaLibrary library, TimeProvider clock)
{
    public async Task<MediaItem> CreateFolderAsync(int? parentId, string name, Guid? associationKey, bool shared, string? createdBy,
        Guid? key = null, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var folder = new MediaItem
        {
            Key = key ?? Guid.NewGuid(), ParentId = parentId, Kind = MediaKind.Folder, Name = name,
            AssociationKey = parentId is null ? associationKey : null, Shared = parentId is null && shared,
            CreatedUtc = now, UpdatedUtc = now, CreatedBy = createdBy,
        };
        db.MediaItems.Add(folder);
        await db.SaveChangesAsync(ct);
        await library.RefreshAsync(ct, pagesShowIt: false); // a new folder changes nothing a page shows
        return folder;
    }

    /// <summary>Checks the upload, stores it and records it. A refused file leaves nothing behind.</summary>
    /// <exception cref="MediaRefusedException">With the reason, for the editor.</exception>
    public async Task<MediaItem> UploadAsync(int folderId, Stream content, string uploadedFileName, string name,
        string? altText, bool decorative, string? createdBy, Guid? key = null, CancellationToken ct = default)
    {
        var item = new MediaItem { Key = key ?? Guid.NewGuid(), ParentId = folderId, Name = name, CreatedBy = createdBy };
        await StoreAsync(item, content, uploadedFileName, ct, accept: checkedFile =>
        {
            // A reader who cannot see the image must not miss what it says.
            if (checkedFile.Kind == MediaKind.Image && !decorative && string.IsNullOrWhiteSpace(altText))
                throw new MediaRefusedException("画像には、見えない人に内容を伝える代替テキストを入力してください。飾りだけの画像なら「装飾のための画像」にチェックを入れてください（ファイルはもう一度選んでください）。", "AltText");
        });
        if (item.Kind == MediaKind.Image)
        {
            item.AltText = decorative ? null : altText?.Trim();
            item.Decorative = decorative;
        }
        item.CreatedUtc = item.UpdatedUtc;
        db.MediaItems.Add(item);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            library.DeleteFiles(item.Key);
            throw;
        }
        await library.RefreshAsync(ct, pagesShowIt: false); // no page shows a file before it is picked
        return item;
    }

    /// <summary>
    /// Puts a new file in place of the old one under the same key, so every page that picked it shows
    /// the new file; the old address leads to the new one. An image stays an image, a PDF a PDF.
    /// </summary>
    public async Task ReplaceAsync(MediaItem item, Stream content, string uploadedFileName, CancellationToken ct = default)
    {
        var previous = (item.Kind, item.Revision);
        item.Revision++;
        try
        {
            await StoreAsync(item, content, uploadedFileName, ct, accept: checkedFile =>
            {
                if (checkedFile.Kind != previous.Kind)
                    throw new MediaRefusedException(previous.Kind == MediaKind.Image
                        ? "画像は画像で置き換えてください（PDF には置き換えられません）。"
                        : "PDF は PDF で置き換えてください（画像には置き換えられません）。");
            });
        }
        catch
        {
            item.Revision = previous.Revision;
            throw;
        }
        await db.SaveChangesAsync(ct);
        library.DeleteOlderRevisions(item.Key, item.Revision);
        await library.RefreshAsync(ct);
    }

    public async Task TrashAsync(MediaItem item, CancellationToken ct = default)
    {
        item.Trashed = true;
        await db.SaveChangesAsync(ct);
        await library.RefreshAsync(ct);
    }

    public async Task RestoreAsync(MediaItem item, CancellationToken ct = default)
    {
        item.Trashed = false;
        await db.SaveChangesAsync(ct);
        await library.RefreshAsync(ct);
    }

    /// <summary>Deletes an item from the recycle bin for good, with everything in it and its files.</summary>
    public async Task DeletePermanentlyAsync(MediaItem item, CancellationToken ct = default)
    {
        var branch = new List<MediaItem> { item };
        for (var i = 0; i < branch.Count; i++)
        {
            var parentId = branch[i].Id;
            branch.AddRange(await db.MediaItems.Where(m => m.ParentId == parentId).ToListAsync(ct));
        }
        // Children first: the parent link does not cascade.
        foreach (var node in Enumerable.Reverse(branch))
        {
            db.MediaItems.Remove(node);
            await db.SaveChangesAsync(ct);
            library.DeleteFiles(node.Key);
        }
        await library.RefreshAsync(ct);
    }

    /// <param name="accept">A last rule on the checked file before it is kept; throws to refuse.</param>
    private async Task StoreAsync(MediaItem item, Stream content, string uploadedFileName, CancellationToken ct, Action<CheckedFile> accept)
    {
        var upload = library.TempPath();
        var reencoded = library.TempPath();
        try
        {
            await using (var file = File.Create(upload)) await content.CopyToAsync(file, ct);
            var checkedFile = check.Check(upload, reencoded);
            accept(checkedFile);
            item.Kind = checkedFile.Kind;
            item.MediaType = checkedFile.MediaType;
            item.Length = checkedFile.Length;
            item.Width = checkedFile.Width;
            item.Height = checkedFile.Height;
            item.PageCount = checkedFile.PageCount;
            item.FileName = SafeFileName(uploadedFileName, item.Extension);
            item.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
            library.Place(checkedFile.Path, item.Key, item.Revision, item.Extension);
        }
        finally
        {
            File.Delete(upload);
            File.Delete(reencoded);
            // Re-encoding a photo takes a burst of memory (about 85 MB for 12 megapixels); give it back
            // now, since uploads are rare and the site otherwise keeps it until the GC sees a need.
            if (item.Kind == MediaKind.Image && item.Width is { } w && item.Height is { } h && (long)w * h >= 4_000_000)
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
    }

    /// <summary>
    /// The name offered when the file is saved: the uploaded name without any folder part, control
    /// characters or invisible formatting characters (a right-to-left override turns
    /// "資料" + U+202E + "fdp.exe" into what looks like 資料exe.pdf), and with the extension of what the file really is.
    /// </summary>
    public static string SafeFileName(string uploaded, string extension)
    {
        var name = Path.GetFileNameWithoutExtension(uploaded.Replace('\\', '/').Split('/').Last());
        name = new string(name.Where(c => !IsInvisible(c) && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (name.Length == 0) name = "file";
        if (name.Length > 120) name = name[..120];
        return $"{name}.{extension}";
    }

    /// <summary>The text without the characters <see cref="SafeFileName"/> leaves out of a name for the same reason.</summary>
    public static string WithoutInvisible(string text) => new(text.Where(c => !IsInvisible(c)).ToArray());

    /// <summary>C0 and C1 controls and Unicode format characters (Cf): bidi embeddings, overrides and isolates, marks, zero-width ones.</summary>
    private static bool IsInvisible(char c) =>
        char.IsControl(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;
}
