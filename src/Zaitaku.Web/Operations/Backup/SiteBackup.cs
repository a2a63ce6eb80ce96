using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Operations.Backup;

/// <summary>Where a site keeps what a backup must hold: the data folder and the database it names.</summary>
public sealed record BackupSite(string DataFolder, DatabaseProvider Provider, string? ConnectionString)
{
    /// <summary>The SQLite file, as <see cref="ZaitakuDbContextFactory"/> chooses it.</summary>
    public string SqlitePath => string.IsNullOrWhiteSpace(ConnectionString)
        ? Path.Combine(DataFolder, "zaitaku.db")
        : Path.GetFullPath(new SqliteConnectionStringBuilder(ConnectionString).DataSource);
}

/// <summary>
/// One zip archive per backup: a consistent copy of the database (SQLite's online backup API, or
/// pg_dump's custom format), the media files, the Data Protection keys exactly as stored (still
/// encrypted when a certificate protects them), and <see cref="BackupManifest"/>. Zip rather than
/// tar.gz: each entry is written as it is read, with a CRC of its own, and a truncated file has no
/// central directory, so damage is found before anything is restored.
/// </summary>
public static class SiteBackup
{
    public const string DatabaseFolder = "database", SqliteEntry = "database/zaitaku.db", PostgreSqlEntry = "database/zaitaku.pgdump";
    /// <summary>The data-folder subfolders copied as files. search/ and media-cache/ are rebuilt by the site; logs/ stay with the machine.</summary>
    public static readonly string[] FileFolders = ["media", "keys"];
    /// <summary>What may already be in a data folder that a restore is allowed to fill: the log the restore command itself writes.</summary>
    private static readonly string[] IgnoredInTarget = ["logs"];

    public static async Task<BackupManifest> CreateAsync(BackupSite site, string archivePath, BackupManifest header, CancellationToken ct = default)
    {
        archivePath = Path.GetFullPath(archivePath);
        if (File.Exists(archivePath))
            throw new BackupException($"{archivePath} はすでにあります。別の名前を指定してください。 / {archivePath} already exists; choose another name.");
        Directory.CreateDirectory(Path.GetDirectoryName(archivePath)!);
        // Written beside the target under a temporary name and renamed at the end: a backup cut short
        // never leaves a file that looks like a finished one.
        var partial = archivePath + "." + Guid.NewGuid().ToString("N") + ".partial";
        var scratch = Directory.CreateTempSubdirectory("zaitaku-backup-");
        try
        {
            var manifest = header;
            manifest.Format = BackupManifest.CurrentFormat;
            manifest.DatabaseProvider = site.Provider.ToString();
            manifest.Files.Clear();
            string databaseFile, databaseEntry;
            if (site.Provider == DatabaseProvider.PostgreSql)
            {
                databaseFile = Path.Combine(scratch.FullName, "zaitaku.pgdump");
                databaseEntry = PostgreSqlEntry;
                manifest.DatabaseVersion = await PostgreSqlVersionAsync(site.ConnectionString!, ct);
                await RunPostgreSqlToolAsync("pg_dump", site.ConnectionString!, ["--format=custom", "--no-owner", "--no-privileges", "--file", databaseFile], ct);
            }
            else
            {
                databaseFile = Path.Combine(scratch.FullName, "zaitaku.db");
                databaseEntry = SqliteEntry;
                manifest.DatabaseVersion = CopySqlite(site.SqlitePath, databaseFile);
            }

            await using (var stream = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
            {
                manifest.Files.Add(await AddFileAsync(zip, databaseEntry, databaseFile, CompressionLevel.Optimal, ct));
                foreach (var folder in FileFolders)
                {
                    var root = Path.Combine(site.DataFolder, folder);
                    if (!Directory.Exists(root)) continue;
                    foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    {
                        var relative = Path.GetRelativePath(site.DataFolder, file).Replace('\\', '/');
                        if (IsWorkInProgress(relative)) continue;
                        // Photos and PDFs are compressed already; Fastest still shrinks the key XML and text.
                        try { manifest.Files.Add(await AddFileAsync(zip, relative, file, CompressionLevel.Fastest, ct)); }
                        catch (FileNotFoundException) { } // deleted by the running site since the listing
                        catch (DirectoryNotFoundException) { }
                    }
                }
                var entry = zip.CreateEntry(BackupManifest.EntryName, CompressionLevel.Optimal);
                await using var manifestStream = entry.Open();
                await JsonSerializer.SerializeAsync(manifestStream, manifest, BackupManifest.Json, ct);
            }
            File.Move(partial, archivePath);
            return manifest;
        }
        finally
        {
            try { File.Delete(partial); } catch (IOException) { }
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Restores <paramref name="archivePath"/> into an empty site. Everything is extracted to a
    /// folder inside the target data folder and checked against the manifest first; only a whole,
    /// matching archive is moved into place (or, for PostgreSQL, loaded in one transaction).
    /// </summary>
    /// <param name="knownMigrations">The migrations this version of the site knows; an archive from a newer schema is refused.</param>
    public static async Task<BackupManifest> RestoreAsync(string archivePath, BackupSite site, IReadOnlyCollection<string> knownMigrations, CancellationToken ct = default)
    {
        archivePath = Path.GetFullPath(archivePath);
        if (!File.Exists(archivePath))
            throw new BackupException($"{archivePath} が見つかりません。 / {archivePath} was not found.");
        await EnsureEmptyAsync(site, ct);
        Directory.CreateDirectory(site.DataFolder);
        var staging = Path.Combine(site.DataFolder, ".restore-" + Guid.NewGuid().ToString("N"));
        try
        {
            var manifest = await ExtractVerifiedAsync(archivePath, staging, ct);
            if (!string.Equals(manifest.DatabaseProvider, site.Provider.ToString(), StringComparison.OrdinalIgnoreCase))
                throw new BackupException($"このバックアップは {manifest.DatabaseProvider} のものです。復元先の設定は {site.Provider} です。Zaitaku__Database__Provider を合わせてください。 / " +
                    $"The archive holds a {manifest.DatabaseProvider} database but the site is configured for {site.Provider}.");
            if (manifest.SchemaMigration is { } migration && !knownMigrations.Contains(migration))
                throw new BackupException($"このバックアップは、より新しい版のサイトで作られています（{migration}）。同じ版以降のサイトで復元してください。 / " +
                    $"The archive was made by a newer version of the site (schema {migration}); restore it with that version or later.");

            if (site.Provider == DatabaseProvider.PostgreSql)
                await RunPostgreSqlToolAsync("pg_restore", site.ConnectionString!,
                    ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", Path.Combine(staging, PostgreSqlEntry)], ct, database: true);
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(site.SqlitePath)!);
                File.Move(Path.Combine(staging, SqliteEntry), site.SqlitePath);
            }
            foreach (var folder in FileFolders)
            {
                var from = Path.Combine(staging, folder);
                if (Directory.Exists(from)) Directory.Move(from, Path.Combine(site.DataFolder, folder));
            }
            return manifest;
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Reads and checks the whole archive without restoring it (also what restore does first).</summary>
    public static async Task<BackupManifest> VerifyAsync(string archivePath, CancellationToken ct = default)
    {
        if (!File.Exists(archivePath))
            throw new BackupException($"{Path.GetFullPath(archivePath)} が見つかりません。 / {Path.GetFullPath(archivePath)} was not found.");
        var scratch = Directory.CreateTempSubdirectory("zaitaku-verify-");
        try { return await ExtractVerifiedAsync(Path.GetFullPath(archivePath), Path.Combine(scratch.FullName, "x"), ct); }
        finally { scratch.Delete(recursive: true); }
    }

    private static async Task<BackupManifest> ExtractVerifiedAsync(string archivePath, string staging, CancellationToken ct)
    {
        var damaged = $"バックアップファイル {archivePath} が壊れているか、途中で切れています。何も書き換えていません。 / " +
                      $"The backup archive {archivePath} is damaged or truncated; nothing was changed.";
        try
        {
            await using var stream = File.OpenRead(archivePath);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var manifestEntry = zip.GetEntry(BackupManifest.EntryName)
                ?? throw new BackupException($"{damaged}（manifest.json がありません / no manifest.json）");
            BackupManifest manifest;
            await using (var manifestStream = manifestEntry.Open())
            {
                try { manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(manifestStream, BackupManifest.Json, ct) ?? new BackupManifest { Format = "" }; }
                catch (JsonException e) { throw new BackupException($"{damaged}（manifest.json を読めません / unreadable manifest.json）", e); }
            }
            if (manifest.Format != BackupManifest.CurrentFormat)
                throw new BackupException($"このファイルは Zaitaku.Web のバックアップ（{BackupManifest.CurrentFormat}）ではありません。 / Not a Zaitaku.Web backup ({manifest.Format}).");

            var expected = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            Directory.CreateDirectory(staging);
            var stagingRoot = Path.GetFullPath(staging) + Path.DirectorySeparatorChar;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName == BackupManifest.EntryName) continue;
                if (!expected.TryGetValue(entry.FullName, out var file) || !seen.Add(entry.FullName))
                    throw new BackupException($"{damaged}（目録にないファイル / a file not in the manifest: {entry.FullName}）");
                var target = Path.GetFullPath(Path.Combine(staging, entry.FullName));
                // A name such as ../../etc/passwd must not reach outside the staging folder.
                if (!target.StartsWith(stagingRoot, StringComparison.Ordinal) || !IsAllowedEntry(entry.FullName))
                    throw new BackupException($"{damaged}（不正なファイル名 / an unsafe entry name: {entry.FullName}）");
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                var (size, sha) = await CopyHashedAsync(entry.Open(), File.Create(target), ct);
                if (size != file.Size || !string.Equals(sha, file.Sha256, StringComparison.OrdinalIgnoreCase))
                    throw new BackupException($"{damaged}（チェックサムが一致しません / checksum mismatch: {entry.FullName}）");
            }
            if (manifest.Files.FirstOrDefault(f => !seen.Contains(f.Path)) is { } missing)
                throw new BackupException($"{damaged}（ファイルが足りません / missing: {missing.Path}）");
            if (!seen.Contains(SqliteEntry) && !seen.Contains(PostgreSqlEntry))
                throw new BackupException($"{damaged}（データベースがありません / no database in the archive）");
            return manifest;
        }
        catch (InvalidDataException e) { throw new BackupException($"{damaged}（{e.Message}）", e); }
        catch (EndOfStreamException e) { throw new BackupException($"{damaged}（{e.Message}）", e); }
    }

    private static bool IsAllowedEntry(string name) =>
        name is SqliteEntry or PostgreSqlEntry || FileFolders.Any(f => name.StartsWith(f + "/", StringComparison.Ordinal));

    /// <summary>Files the running site is still writing: media uploads in media/tmp and *.tmp files renamed into place when done.</summary>
    private static bool IsWorkInProgress(string relative) =>
        relative.StartsWith("media/tmp/", StringComparison.Ordinal) || relative.EndsWith(".tmp", StringComparison.OrdinalIgnoreCase);

    private static async Task EnsureEmptyAsync(BackupSite site, CancellationToken ct)
    {
        var found = new List<string>();
        if (Directory.Exists(site.DataFolder))
            found.AddRange(Directory.EnumerateFileSystemEntries(site.DataFolder)
                .Select(Path.GetFileName).Where(n => !IgnoredInTarget.Contains(n)).Select(n => n!));
        if (site.Provider == DatabaseProvider.Sqlite && File.Exists(site.SqlitePath) && new FileInfo(site.SqlitePath).Length > 0)
            found.Add(site.SqlitePath);
        if (site.Provider == DatabaseProvider.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(site.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')", connection);
            if (Convert.ToInt64(await command.ExecuteScalarAsync(ct)) > 0) found.Add($"データベース {connection.Database} の表 / tables in database {connection.Database}");
        }
        if (found.Count > 0)
            throw new BackupException($"復元先が空ではありません（{string.Join("、", found.Distinct())}）。上書きしないよう、復元を中止しました。空のデータフォルダと空のデータベースを指定してください。 / " +
                $"The target is not empty ({string.Join(", ", found.Distinct())}); restore refused so that nothing is overwritten.");
    }

    private static async Task<BackupFile> AddFileAsync(ZipArchive zip, string entryName, string path, CompressionLevel level, CancellationToken ct)
    {
        var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, useAsync: true);
        var entry = zip.CreateEntry(entryName, level);
        entry.LastWriteTime = File.GetLastWriteTimeUtc(path);
        var (size, sha) = await CopyHashedAsync(source, entry.Open(), ct);
        return new BackupFile(entryName, size, sha);
    }

    /// <summary>Copies and hashes in one pass, so the checksum is of exactly the bytes written. Disposes both streams.</summary>
    private static async Task<(long Size, string Sha256)> CopyHashedAsync(Stream from, Stream to, CancellationToken ct)
    {
        await using (from)
        await using (to)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[1 << 16];
            long size = 0;
            int read;
            while ((read = await from.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await to.WriteAsync(buffer.AsMemory(0, read), ct);
                size += read;
            }
            return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
    }

    /// <summary>SQLite's online backup API: a consistent copy while the site keeps writing.</summary>
    private static string CopySqlite(string databasePath, string copyPath)
    {
        if (!File.Exists(databasePath))
            throw new BackupException($"データベース {databasePath} が見つかりません。Zaitaku__DataFolder を確かめてください。 / Database {databasePath} not found; check Zaitaku__DataFolder.");
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString());
        using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copyPath, Pooling = false }.ToString());
        source.Open();
        copy.Open();
        source.BackupDatabase(copy);
        using var command = copy.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        return (string)command.ExecuteScalar()!;
    }

    private static async Task<string> PostgreSqlVersionAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection.PostgreSqlVersion.ToString();
    }

    /// <summary>Runs pg_dump or pg_restore with the site's connection: the password goes in the environment, never on the command line.</summary>
    private static async Task RunPostgreSqlToolAsync(string tool, string connectionString, string[] arguments, CancellationToken ct, bool database = false)
    {
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (cs.Host is { } host) start.Environment["PGHOST"] = host;
        start.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (cs.Username is { } user) start.Environment["PGUSER"] = user;
        if (cs.Password is { } password) start.Environment["PGPASSWORD"] = password;
        if (cs.Database is { } name) start.Environment["PGDATABASE"] = name;
        if (database) start.ArgumentList.Add("--dbname=" + (cs.Database ?? ""));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"{tool} を起動できません。PostgreSQL のクライアント（Debian: postgresql-client）を入れてください。 / Cannot start {tool}; install the PostgreSQL client tools.", e);
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(ct);
            var output = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
                throw new BackupException($"{tool} が失敗しました（終了コード {process.ExitCode}）。 / {tool} failed ({process.ExitCode}): {(await error).Trim()} {(await output).Trim()}");
        }
    }
}
