using System.IO.Compression;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Operations.Backup;

namespace Zaitaku.Web.Tests.Operations;

/// <summary>
/// The archive itself, on a small data folder made here: what goes in comes back byte for byte, and
/// a damaged, truncated, tampered or foreign archive, or a target that is not empty, is refused
/// with nothing written.
/// </summary>
public sealed class BackupArchiveTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "zaitaku-tests", "backup-" + Guid.NewGuid().ToString("N"));
    private readonly byte[] _pdf = RandomBytes(200_000); // incompressible, like a real PDF's streams

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(16).NextBytes(bytes);
        return bytes;
    }
    private const string Key = "<key id=\"k1\"><encryptedSecret>still encrypted</encryptedSecret></key>";

    private string Source => Path.Combine(_root, "source");
    private BackupSite SourceSite => new(Source, DatabaseProvider.Sqlite, null);
    private static BackupSite Site(string folder) => new(folder, DatabaseProvider.Sqlite, null);
    private static readonly string[] Migrations = ["20261124000000_Initial"];

    public BackupArchiveTests()
    {
        Directory.CreateDirectory(Path.Combine(Source, "media", "items", "abc"));
        Directory.CreateDirectory(Path.Combine(Source, "keys"));
        Directory.CreateDirectory(Path.Combine(Source, "search"));
        File.WriteAllBytes(Path.Combine(Source, "media", "items", "abc", "1.pdf"), _pdf);
        File.WriteAllText(Path.Combine(Source, "keys", "key-1.xml"), Key);
        File.WriteAllText(Path.Combine(Source, "search", "segments_1"), "rebuilt by the site, not backed up");
        using var db = new SqliteConnection($"Data Source={Path.Combine(Source, "zaitaku.db")};Pooling=False");
        db.Open();
        Execute(db, "PRAGMA journal_mode=WAL; CREATE TABLE Page (Name TEXT); INSERT INTO Page VALUES ('在宅医療とは');");
        // Left in the WAL, not yet in the main file: the online backup must still carry it.
        Execute(db, "INSERT INTO Page VALUES ('人生会議');");
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private async Task<string> BackupAsync()
    {
        var file = Path.Combine(_root, "backups", "b.zip");
        await SiteBackup.CreateAsync(SourceSite, file, new BackupManifest { CreatedUtc = DateTime.UtcNow, SchemaMigration = Migrations[0] });
        return file;
    }

    [Fact]
    public async Task What_is_backed_up_is_restored_byte_for_byte_into_an_empty_folder()
    {
        var file = await BackupAsync();
        var target = Path.Combine(_root, "restored");
        Directory.CreateDirectory(Path.Combine(target, "logs")); // the restore command's own log may already be there

        var manifest = await SiteBackup.RestoreAsync(file, Site(target), Migrations);

        Assert.Equal(_pdf, File.ReadAllBytes(Path.Combine(target, "media", "items", "abc", "1.pdf")));
        Assert.Equal(Key, File.ReadAllText(Path.Combine(target, "keys", "key-1.xml")));
        Assert.False(Directory.Exists(Path.Combine(target, "search")), "the search index is rebuilt by the site, not restored");
        using (var db = new SqliteConnection($"Data Source={Path.Combine(target, "zaitaku.db")};Pooling=False"))
        {
            db.Open();
            using var command = db.CreateCommand();
            command.CommandText = "SELECT group_concat(Name, '、') FROM Page";
            Assert.Equal("在宅医療とは、人生会議", command.ExecuteScalar());
        }
        Assert.Equal(["database/zaitaku.db", "media/items/abc/1.pdf", "keys/key-1.xml"], manifest.Files.Select(f => f.Path));
        Assert.All(manifest.Files, f => Assert.Matches("^[0-9a-f]{64}$", f.Sha256));
        Assert.Equal("Sqlite", manifest.DatabaseProvider);
        Assert.Empty(Directory.GetDirectories(target, ".restore-*"));
    }

    [Fact]
    public async Task A_folder_with_a_site_in_it_is_not_overwritten()
    {
        var file = await BackupAsync();
        var problem = await Assert.ThrowsAsync<BackupException>(() => SiteBackup.RestoreAsync(file, SourceSite, Migrations));
        Assert.Contains("復元先が空ではありません", problem.Message);
        Assert.Contains("not empty", problem.Message);
        Assert.Equal(_pdf, File.ReadAllBytes(Path.Combine(Source, "media", "items", "abc", "1.pdf")));
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.95)]
    public async Task A_truncated_archive_is_refused_and_nothing_is_written(double kept)
    {
        var file = await BackupAsync();
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(int)(bytes.Length * kept)]);
        await AssertRefusedAsync(file, "壊れているか、途中で切れています");
    }

    [Fact]
    public async Task A_damaged_byte_in_a_file_is_found()
    {
        var file = await BackupAsync();
        var bytes = File.ReadAllBytes(file);
        // Somewhere inside the PDF's compressed data (the first entry is the database).
        var at = IndexOf(bytes, "media/items/abc/1.pdf"u8.ToArray()) + 2_000;
        bytes[at] ^= 0xFF;
        File.WriteAllBytes(file, bytes);
        await AssertRefusedAsync(file, "壊れているか");
    }

    [Fact]
    public async Task A_file_that_differs_from_its_checksum_is_refused()
    {
        var file = await BackupAsync();
        using (var zip = ZipFile.Open(file, ZipArchiveMode.Update))
        {
            zip.GetEntry("keys/key-1.xml")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("keys/key-1.xml").Open());
            writer.Write("<key id=\"k1\">someone else's key</key>");
        }
        await AssertRefusedAsync(file, "チェックサムが一致しません");
    }

    [Fact]
    public async Task An_entry_that_would_escape_the_data_folder_is_refused()
    {
        var file = await BackupAsync();
        using (var zip = ZipFile.Open(file, ZipArchiveMode.Update))
        {
            var manifestEntry = zip.GetEntry("manifest.json")!;
            BackupManifest manifest;
            using (var s = manifestEntry.Open()) manifest = JsonSerializer.Deserialize<BackupManifest>(s, BackupManifest.Json)!;
            manifestEntry.Delete();
            using (var w = new StreamWriter(zip.CreateEntry("media/../../evil.sh").Open())) w.Write("x");
            manifest.Files.Add(new BackupFile("media/../../evil.sh", 1, "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"));
            using var m = zip.CreateEntry("manifest.json").Open();
            JsonSerializer.Serialize(m, manifest, BackupManifest.Json);
        }
        await AssertRefusedAsync(file, "不正なファイル名");
        Assert.False(File.Exists(Path.Combine(_root, "evil.sh")));
    }

    [Fact]
    public async Task A_backup_from_a_newer_version_of_the_site_is_refused()
    {
        var file = await BackupAsync();
        var newer = await Assert.ThrowsAsync<BackupException>(() => SiteBackup.RestoreAsync(file, Site(Path.Combine(_root, "t1")), ["20200101000000_Old"]));
        Assert.Contains("より新しい版のサイト", newer.Message);
        Assert.False(File.Exists(Path.Combine(_root, "t1", "zaitaku.db")));
    }

    [Fact]
    public async Task Not_a_zip_at_all_is_refused()
    {
        var file = Path.Combine(_root, "notes.zip");
        Directory.CreateDirectory(_root);
        File.WriteAllText(file, "これはバックアップではありません");
        await AssertRefusedAsync(file, "壊れているか");
    }

    [Fact]
    public async Task An_existing_archive_is_never_overwritten_and_no_partial_file_is_left()
    {
        var file = await BackupAsync();
        var before = File.ReadAllBytes(file);
        var problem = await Assert.ThrowsAsync<BackupException>(() => SiteBackup.CreateAsync(SourceSite, file, new BackupManifest()));
        Assert.Contains("すでにあります", problem.Message);
        Assert.Equal(before, File.ReadAllBytes(file));
        Assert.Equal(["b.zip"], Directory.GetFiles(Path.GetDirectoryName(file)!).Select(Path.GetFileName));
    }

    private async Task AssertRefusedAsync(string file, string expected)
    {
        var target = Path.Combine(_root, "target-" + Guid.NewGuid().ToString("N"));
        var problem = await Assert.ThrowsAsync<BackupException>(() => SiteBackup.RestoreAsync(file, Site(target), Migrations));
        Assert.Contains(expected, problem.Message);
        Assert.Contains("nothing was changed", problem.Message);
        Assert.True(!Directory.Exists(target) || Directory.GetFileSystemEntries(target).Length == 0,
            "a refused restore left files behind: " + string.Join(", ", Directory.GetFileSystemEntries(target)));
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        throw new InvalidOperationException("not found");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
