using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Resilience;

/// <summary>
/// The disk under the data folder fills (a small tmpfs mounted as the data folder, then filled up):
/// an upload and a save fail with a Japanese message and leave nothing half-written, the log that can
/// no longer be written does not take the site down, and all works again once there is room.
/// Mounting needs root, as CI runs; elsewhere the test says why it did nothing.
/// </summary>
public sealed partial class DiskFullTests
{
    [GeneratedRegex("<a href=\"/umbraco/content/(\\d+)\">([^<]+)</a>")]
    private static partial Regex TreeLink();

    [GeneratedRegex("<a href=\"/umbraco/media\\?folder=(\\d+)\">([^<]+)</a>")]
    private static partial Regex FolderLink();

    private static bool Run(string command, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(command, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    /// <summary>Writes a file until the disk says it is full.</summary>
    private static void FillUp(string path)
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        try
        {
            while (true) file.Write(block);
        }
        catch (IOException) { }
        // Whatever fits in less than a block goes too.
        try { for (var i = 0; i < block.Length; i++) file.WriteByte(0); } catch (IOException) { }
    }

    [RootFact]
    public async Task A_full_disk_refuses_uploads_and_saves_in_Japanese_leaves_nothing_half_written_and_the_site_stays_up()
    {
        using var factory = new SiteFactory();
        Directory.CreateDirectory(factory.DataFolder);
        Assert.True(Run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", factory.DataFolder), "mount failed");
        var filler = Path.Combine(factory.DataFolder, "filler");
        try
        {
            var admin = new BackofficeClient(factory);
            await admin.InstallAsync("admin@example.jp", "kanrisha no nagai pasuwado");
            await admin.LoginAsync("admin@example.jp", "kanrisha no nagai pasuwado");
            var folder = FolderLink().Matches(await admin.Http.GetStringAsync("/umbraco/media")).First(m => m.Groups[2].Value == "共有").Groups[1].Value;
            var tree = await admin.Http.GetStringAsync("/umbraco/content");
            var editUrl = "/umbraco/content/" + TreeLink().Matches(tree).Single(m => m.Groups[2].Value == "医師に伝えるポイント").Groups[1].Value;
            var edit = await admin.ReadFormAsync(editUrl);
            edit.RemoveAll(f => f.Key == "Values[body]");
            edit.Add(KeyValuePair.Create("Values[body]", "ディスクがいっぱいの時に書いた本文です。" + new string('あ', 20_000)));
            edit.Add(KeyValuePair.Create("command", "save"));
            var photo = MediaSamples.Jpeg(1600, 1200);
            var before = StoredMedia(factory);

            // The write-ahead log keeps its size after a checkpoint and is written over from its start, so a
            // save may fit into it without the disk growing: empty it first, as a quiet site's log would be.
            await factory.WithDatabaseAsync(db => Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions
                .ExecuteSqlRawAsync(db.Database, "PRAGMA wal_checkpoint(TRUNCATE);"));
            FillUp(filler);

            var upload = await admin.UploadAsync("/umbraco", "/umbraco/media/upload", ("file", "写真.jpg", photo, "image/jpeg"),
                ("Folder", folder), ("AltText", "満杯の時の写真"));
            var uploadHtml = await upload.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.InsufficientStorage, upload.StatusCode);
            Assert.Contains("保存領域がいっぱい", uploadHtml);
            Assert.Contains("満杯の時の写真", uploadHtml); // the alt text typed is still in the form
            Assert.Equal(before, StoredMedia(factory)); // nothing half-written, in the library or its temporary folder

            var save = await admin.Http.PostAsync(editUrl, new FormUrlEncodedContent(edit));
            var saveHtml = await save.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.InsufficientStorage, save.StatusCode);
            Assert.Contains("保存領域がいっぱい", saveHtml);
            Assert.Contains("ディスクがいっぱいの時に書いた本文です。", saveHtml);

            // Every request also logs a line to a file that cannot grow: pages are still served.
            var reader = factory.CreatePlainClient();
            for (var i = 0; i < 20; i++)
                Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(i % 2 == 0 ? "/" : "/columns/2025-01-10/")).StatusCode);

            File.Delete(filler);
            Assert.Equal(HttpStatusCode.Redirect, (await admin.Http.PostAsync(editUrl, new FormUrlEncodedContent(edit))).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await admin.UploadAsync("/umbraco", "/umbraco/media/upload",
                ("file", "写真.jpg", photo, "image/jpeg"), ("Folder", folder), ("AltText", "空きができてからの写真"))).StatusCode);
        }
        finally
        {
            factory.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            // Lazily, in case something in this process still holds a file there.
            Run("umount", "-l", factory.DataFolder);
            try { Directory.Delete(factory.DataFolder, recursive: true); } catch (IOException) { }
        }
    }

    private static string[] StoredMedia(SiteFactory factory)
    {
        var media = Path.Combine(factory.DataFolder, "media");
        return Directory.Exists(media)
            ? Directory.GetFiles(media, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).Order().ToArray()
            : [];
    }
}

/// <summary>A test that mounts file systems: skipped, with the reason, when not run as root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (Environment.UserName != "root") Skip = "tmpfs のマウントには root 権限が必要です（CI は root で実行します）。";
    }
}
