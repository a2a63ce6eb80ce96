using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Infrastructure.Media;

/// <summary>
/// Finds stored files that no media item names and moves them out of the library, into
/// {media}/orphaned/. An upload (or a replacement) moves its checked file into place first and saves
/// the row after it, so a row never names a missing file; a process that dies between the two leaves
/// a file nobody can reach. So does one that dies after deleting an item's row but before its files,
/// or after a replacement but before the older revision was deleted.
/// </summary>
/// <remarks>
/// The media folder may be shared by several nodes, each placing files of its own. A file is taken
/// only when all of these hold: its path has the shape uploads are given
/// (items/{32 hex digits}/{revision}.{extension}); no row names it; and it was last written more than
/// <see cref="MinimumAge"/> before the rows were read. An upload saves its row seconds after placing
/// its file, so a file that old without a row was left behind, never one another node is finishing.
/// Files are moved, not deleted: if the database was restored from an older backup, they are what
/// an administrator needs to put items back.
/// </remarks>
public static partial class OrphanedMediaFiles
{
    public static readonly TimeSpan MinimumAge = TimeSpan.FromMinutes(10);

    public const string QuarantineFolderName = "orphaned";

    [GeneratedRegex("^[0-9]+\\.[a-z0-9]{1,8}$")]
    private static partial Regex UploadFileName();

    /// <param name="mediaFolder">The folder holding items/ (MediaOptions.Folder, or {DataFolder}/media).</param>
    /// <returns>The files moved, relative to items/.</returns>
    public static async Task<IReadOnlyList<string>> QuarantineAsync(ZaitakuDbContext db, string mediaFolder, CancellationToken ct = default)
    {
        var items = Path.Combine(mediaFolder, "items");
        if (!Directory.Exists(items)) return [];
        // File times are the wall clock's (on a shared folder, the file server's), so this is too.
        var cutoff = DateTime.UtcNow - MinimumAge;
        var named = (await db.MediaItems.AsNoTracking().Where(m => m.Kind != MediaKind.Folder).ToListAsync(ct))
            .Select(m => $"{m.Key:N}/{m.Revision}.{m.Extension}")
            .ToHashSet(StringComparer.Ordinal);

        var moved = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories(items))
        {
            var key = Path.GetFileName(folder);
            if (!Guid.TryParseExact(key, "N", out _) || key != key.ToLowerInvariant()) continue;
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                var relative = $"{key}/{Path.GetFileName(file)}";
                if (!UploadFileName().IsMatch(Path.GetFileName(file)) || named.Contains(relative)) continue;
                if (File.GetLastWriteTimeUtc(file) >= cutoff) continue;
                var target = Path.Combine(mediaFolder, QuarantineFolderName, key, Path.GetFileName(file));
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Move(file, target, overwrite: true);
                    moved.Add(relative);
                }
                // Another node took it first, or deleted it (an older revision after a replacement).
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
            // A folder left empty belongs to no row: an upload always makes a folder of a new key. Only an
            // old one, though: an upload makes its folder a moment before it moves its file in, so a fresh
            // empty folder is one that an upload (here or on another node) is about to fill.
            try
            {
                if (Directory.GetLastWriteTimeUtc(folder) < cutoff && !Directory.EnumerateFileSystemEntries(folder).Any())
                    Directory.Delete(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
        return moved;
    }
}
