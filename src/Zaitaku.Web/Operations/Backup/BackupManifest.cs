using System.Text.Json;
using System.Text.Json.Serialization;

namespace Zaitaku.Web.Operations.Backup;

/// <summary>
/// manifest.json inside a backup archive: what made it, from which database, and every other file
/// in the archive with its size and SHA-256, so a restore can prove the copy whole before it touches anything.
/// </summary>
public sealed class BackupManifest
{
    public const string EntryName = "manifest.json";
    public const string CurrentFormat = "zaitaku-backup/1";

    public string Format { get; set; } = CurrentFormat;
    public DateTime CreatedUtc { get; set; }
    /// <summary>The site's version (the assembly's informational version) that wrote the archive.</summary>
    public string ApplicationVersion { get; set; } = "";
    public string RuntimeVersion { get; set; } = "";
    public string DatabaseProvider { get; set; } = "";
    /// <summary>sqlite_version() or PostgreSQL's server_version.</summary>
    public string DatabaseVersion { get; set; } = "";
    /// <summary>The last EF Core migration applied to the copied database: a site older than this cannot read it.</summary>
    public string? SchemaMigration { get; set; }
    public List<BackupFile> Files { get; set; } = [];

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <param name="Path">The entry's name in the archive, with forward slashes (database/zaitaku.db, media/…, keys/…).</param>
public sealed record BackupFile(string Path, long Size, string Sha256);

/// <summary>A backup or restore that cannot be done; the message says why, in Japanese and English, for the operator.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
