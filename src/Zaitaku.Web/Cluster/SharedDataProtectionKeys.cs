using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Zaitaku.Web.Cluster;

/// <summary>
/// The Data Protection keys in the site's database, so every node signs in, checks antiforgery
/// tokens, opens preview links and decrypts form entries with the same keys, and a database backup
/// holds them. The table is the one Microsoft.AspNetCore.DataProtection.EntityFrameworkCore reads;
/// it is kept outside the site's migrations (its own small context) and made on first use. The keys
/// are stored as the key ring writes them: encrypted with the key certificate when one is configured.
/// </summary>
public sealed class DataProtectionKeysDbContext(DbContextOptions<DataProtectionKeysDbContext> options)
    : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}

/// <summary>
/// The EF Core key repository, with the table made on first use, and the keys a single node kept in
/// {DataFolder}/keys copied in once (a site moving to several nodes keeps its sign-ins and can still
/// decrypt the form entries it already holds).
/// </summary>
public sealed class DatabaseKeyRepository(IServiceProvider services, ILoggerFactory loggers, string folderKeys) : IXmlRepository
{
    private readonly EntityFrameworkCoreXmlRepository<DataProtectionKeysDbContext> _inner = new(services, loggers);
    private readonly ILogger _logger = loggers.CreateLogger<DatabaseKeyRepository>();
    private readonly object _gate = new();
    private bool _ready;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        EnsureReady();
        return _inner.GetAllElements();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        EnsureReady();
        _inner.StoreElement(element, friendlyName);
    }

    private void EnsureReady()
    {
        if (_ready) return;
        lock (_gate)
        {
            if (_ready) return;
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<DataProtectionKeysDbContext>();
            var sql = db.Database.IsNpgsql()
                ? """CREATE TABLE IF NOT EXISTS "DataProtectionKeys" ("Id" serial PRIMARY KEY, "FriendlyName" text NULL, "Xml" text NULL)"""
                : """CREATE TABLE IF NOT EXISTS "DataProtectionKeys" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "FriendlyName" TEXT NULL, "Xml" TEXT NULL)""";
            // Two nodes starting together may race to make it; the loser finds it made.
            try { db.Database.ExecuteSqlRaw(sql); }
            catch (Exception e) when (e is Npgsql.PostgresException { SqlState: "23505" or "42P07" }) { }
            if (!db.DataProtectionKeys.Any() && Directory.Exists(folderKeys))
            {
                var files = new FileSystemXmlRepository(new DirectoryInfo(folderKeys), loggers).GetAllElements();
                foreach (var key in files) _inner.StoreElement(key, "key-" + (string?)key.Attribute("id"));
                if (files.Count > 0) _logger.LogWarning("Copied {Count} Data Protection keys from {Folder} into the database", files.Count, folderKeys);
            }
            _ready = true;
        }
    }
}
