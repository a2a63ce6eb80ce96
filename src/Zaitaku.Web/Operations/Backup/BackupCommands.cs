using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Operations.Backup;

/// <summary>
/// <c>dotnet Zaitaku.Web.dll backup &lt;file&gt;</c>, <c>restore &lt;file&gt;</c> and <c>verify-backup &lt;file&gt;</c>,
/// with the same configuration as the site (data folder, provider, connection string). Backup runs
/// beside a running site; restore needs an empty data folder and database, and the site stopped.
/// </summary>
public static class BackupCommands
{
    public const string Backup = "backup", Restore = "restore", Verify = "verify-backup";

    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is Backup or Restore or Verify;

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        // Disposing the application flushes the log (console and files) before the process ends.
        await using (app) return await RunCommandAsync(app, args);
    }

    private static async Task<int> RunCommandAsync(WebApplication app, string[] args)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Zaitaku.Backup");
        if (args.Length < 2 || args[1].StartsWith("--", StringComparison.Ordinal))
        {
            logger.LogError("ファイル名を指定してください。例: dotnet Zaitaku.Web.dll {Command} /var/backups/zaitaku/zaitaku-20261130.zip / Give the archive's file name.", args[0]);
            return 2;
        }
        var file = args[1];
        var site = SiteOf(app.Services);
        var watch = Stopwatch.StartNew();
        try
        {
            switch (args[0])
            {
                case Backup:
                    var manifest = await SiteBackup.CreateAsync(site, file, await HeaderAsync(app.Services));
                    logger.LogInformation("バックアップを作成しました: {File}（{Files} ファイル、{Bytes:N0} バイト、{Elapsed} ms） / Backup written",
                        Path.GetFullPath(file), manifest.Files.Count, new FileInfo(file).Length, watch.ElapsedMilliseconds);
                    return 0;
                case Restore:
                    var migrations = CreateDbContext(app.Services).Database.GetMigrations().ToList();
                    var restored = await SiteBackup.RestoreAsync(file, site, migrations);
                    logger.LogInformation("復元しました: {File}（{Created:u} 作成、{Files} ファイル、{Elapsed} ms）。検索インデックスはサイトの起動時に作り直されます。 / Restored; the search index is rebuilt when the site starts.",
                        Path.GetFullPath(file), restored.CreatedUtc, restored.Files.Count, watch.ElapsedMilliseconds);
                    return 0;
                default:
                    var verified = await SiteBackup.VerifyAsync(file);
                    logger.LogInformation("バックアップは完全です: {File}（{Created:u} 作成、{Files} ファイル） / The archive is whole", Path.GetFullPath(file), verified.CreatedUtc, verified.Files.Count);
                    return 0;
            }
        }
        catch (BackupException e)
        {
            logger.LogError("{Problem:l}", e.Message);
            return 1;
        }
    }

    public static BackupSite SiteOf(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ZaitakuOptions>>().Value;
        var configuration = services.GetRequiredService<IConfiguration>();
        return new BackupSite(options.ResolvedDataFolder, options.Database.Provider, configuration.GetConnectionString("Zaitaku"));
    }

    /// <summary>The versions recorded in the manifest: the site, the runtime, the schema of the database being copied.</summary>
    public static async Task<BackupManifest> HeaderAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var db = CreateDbContext(services);
        return new BackupManifest
        {
            CreatedUtc = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            ApplicationVersion = typeof(BackupCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            RuntimeVersion = Environment.Version.ToString(),
            SchemaMigration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault(),
        };
    }

    private static ZaitakuDbContext CreateDbContext(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<ZaitakuDbContext>>().CreateDbContext();
}
