using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Core.Dates;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Operations.Backup;

/// <summary>
/// The scheduled backup: once a day after <see cref="BackupOptions.At"/> (Japan time), an archive in
/// <see cref="BackupOptions.Folder"/>, keeping the newest <see cref="BackupOptions.Keep"/>. With several
/// instances on one database, the day is claimed with a conditional update of one setting row (as
/// the scheduled publisher claims a schedule), so exactly one instance makes it.
/// </summary>
public sealed class DailyBackup(IServiceProvider services, IOptions<BackupOptions> options, TimeProvider clock, ILogger<DailyBackup> logger)
    : PeriodicWork(logger)
{
    public const string ClaimKey = "Backup.LastDailyDate";
    public const string FilePrefix = "zaitaku-";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override Task RunOnceAsync(CancellationToken ct) => RunIfDueAsync(ct);

    /// <returns>The archive written by this instance, or null when nothing was due or another instance took the day.</returns>
    public async Task<string?> RunIfDueAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        if (!o.Enabled) return null;
        if (string.IsNullOrWhiteSpace(o.Folder))
        {
            logger.LogError("毎日のバックアップが有効ですが、保存先（Zaitaku__Backup__Folder）が設定されていません。 / Daily backup is enabled but Zaitaku:Backup:Folder is not set.");
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var japanNow = JapaneseDates.ToJapanTime(now);
        if (TimeOnly.FromDateTime(japanNow) < o.At) return null;
        var today = DateOnly.FromDateTime(japanNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var factory = services.GetRequiredService<IDbContextFactory<ZaitakuDbContext>>();
        string? previous;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            previous = await db.BackofficeSettings.AsNoTracking().Where(s => s.Key == ClaimKey).Select(s => s.Value).SingleOrDefaultAsync(ct);
            if (previous is not null && string.CompareOrdinal(previous, today) >= 0) return null;
            if (!await ClaimAsync(db, previous, today, ct)) return null; // another instance took today's
        }

        var folder = Path.GetFullPath(o.Folder);
        var file = Path.Combine(folder, $"{FilePrefix}{japanNow:yyyyMMdd-HHmmss}.zip");
        try
        {
            var manifest = await SiteBackup.CreateAsync(BackupCommands.SiteOf(services), file, await BackupCommands.HeaderAsync(services, ct), ct);
            logger.LogInformation("Daily backup written to {File} ({Files} files, {Bytes} bytes)", file, manifest.Files.Count, new FileInfo(file).Length);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Give the day back, so the next round (on this instance or another) tries again.
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
            await db.BackofficeSettings.Where(s => s.Key == ClaimKey && s.Value == today)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, previous ?? ""), CancellationToken.None);
            throw;
        }
        Prune(folder, o.Keep);
        return file;
    }

    private static async Task<bool> ClaimAsync(ZaitakuDbContext db, string? previous, string today, CancellationToken ct)
    {
        if (previous is not null)
            return await db.BackofficeSettings.Where(s => s.Key == ClaimKey && s.Value == previous)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, today), ct) == 1;
        db.BackofficeSettings.Add(new BackofficeSetting { Key = ClaimKey, Value = today });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException) { return false; } // the key exists now: another instance inserted it first
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> archives (their names sort by time).</summary>
    public void Prune(string folder, int keep)
    {
        foreach (var old in Directory.EnumerateFiles(folder, FilePrefix + "*.zip").OrderDescending(StringComparer.Ordinal).Skip(Math.Max(1, keep)))
        {
            try
            {
                File.Delete(old);
                logger.LogInformation("Deleted old backup {File}", old);
            }
            catch (IOException e) { logger.LogWarning(e, "Could not delete old backup {File}", old); }
        }
    }
}
