using Zaitaku.Web.Hosting;
using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NPoco;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Migrations;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Events;

using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Infrastructure.Migrations;
using Umbraco.Cms.Infrastructure.Migrations.Upgrade;
using Umbraco.Cms.Infrastructure.Persistence.DatabaseAnnotations;
using Umbraco.Cms.Infrastructure.Scoping;
using Zaitaku.Core.Dates;

namespace Zaitaku.Web.Media;

/// <summary>
/// One row per file per month (Japan time): how often it was downloaded. In Umbraco's database, in a small table of
/// ours created by a migration plan as Umbraco creates its own tables, so it is backed up, restored and moved with
/// the site, and works on SQLite and SQL Server alike. Nothing about the reader is kept.
/// </summary>
[TableName(TableName)]
[PrimaryKey(["mediaKey", "month"], AutoIncrement = false)]
[ExplicitColumns]
public sealed class DownloadCountDto
{
    public const string TableName = "zaitakuDownloadCount";

    [Column("mediaKey")]
    [PrimaryKeyColumn(AutoIncrement = false, Name = "PK_zaitakuDownloadCount", OnColumns = "mediaKey, month")]
    public Guid MediaKey { get; set; }

    /// <summary>yyyy-MM in Japan time.</summary>
    [Column("month")]
    [Length(7)]
    public string Month { get; set; } = "";

    [Column("count")]
    public long Count { get; set; }
}

public sealed class DownloadCountsMigrationPlan : MigrationPlan
{
    public DownloadCountsMigrationPlan() : base("Zaitaku.Media")
    {
        From(string.Empty).To<CreateDownloadCountTable>("download-counts-1");
    }
}

public sealed class CreateDownloadCountTable(IMigrationContext context) : AsyncMigrationBase(context)
{
    protected override Task MigrateAsync()
    {
        if (!TableExists(DownloadCountDto.TableName)) Create.Table<DownloadCountDto>().Do();
        return Task.CompletedTask;
    }
}

/// <summary>Creates the table on the first start (only the server that publishes; the others share the database).</summary>
public sealed class DownloadCountsOnStart(
    IRuntimeState runtimeState,
    Umbraco.Cms.Core.Sync.IServerRoleAccessor serverRole,
    IMigrationPlanExecutor executor,
    Umbraco.Cms.Core.Scoping.ICoreScopeProvider scopeProvider,
    IKeyValueService keyValueService) : INotificationAsyncHandler<UmbracoApplicationStartingNotification>
{
    public async Task HandleAsync(UmbracoApplicationStartingNotification notification, CancellationToken cancellationToken)
    {
        if (runtimeState.Level != RuntimeLevel.Run || serverRole.CurrentServerRole == Umbraco.Cms.Core.Sync.ServerRole.Subscriber) return;
        var result = await new Upgrader(new DownloadCountsMigrationPlan()).ExecuteAsync(executor, scopeProvider, keyValueService);
        if (!result.Successful) throw new InvalidOperationException("The download count table could not be created.", result.Exception);
    }
}

/// <summary>
/// Counts downloads in memory and adds them to <see cref="DownloadCountDto"/> every half minute and at shutdown (the
/// old engine's DownloadCounter): a PDF read by many residents costs no database write per request. A batch the
/// database refused waits in memory for the next round.
/// </summary>
public sealed class DownloadCounter(IScopeProvider scopeProvider, SiteClock clock, ILogger<DownloadCounter> logger) : BackgroundService
{
    private ConcurrentDictionary<(Guid Key, string Month), long> _pending = new();

    public void Count(Guid mediaKey)
    {
        var month = JapaneseDates.ToJapanTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM");
        _pending.AddOrUpdate((mediaKey, month), 1, (_, n) => n + 1);
    }

    /// <summary>Downloads of a file, by month (those still in memory included).</summary>
    public async Task<IReadOnlyDictionary<string, long>> ForAsync(Guid mediaKey)
    {
        await FlushAsync();
        using var scope = scopeProvider.CreateScope(autoComplete: true);
        var rows = await scope.Database.FetchAsync<DownloadCountDto>(
            $"SELECT * FROM {DownloadCountDto.TableName} WHERE mediaKey = @0", mediaKey);
        return rows.ToDictionary(r => r.Month, r => r.Count);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await FlushAsync(); }
                catch (Exception e) { logger.LogWarning(e, "Download counts not written; they wait for the next round"); }
            }
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try { await FlushAsync(); }
        catch (Exception e) { logger.LogWarning(e, "Download counts lost at shutdown"); }
    }

    private readonly SemaphoreSlim _flushing = new(1, 1);

    public async Task FlushAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(Guid, string), long>());
            if (batch.IsEmpty) return;
            try
            {
                using var scope = scopeProvider.CreateScope();
                foreach (var ((key, month), count) in batch)
                {
                    var updated = await scope.Database.ExecuteAsync(
                        $"UPDATE {DownloadCountDto.TableName} SET count = count + @0 WHERE mediaKey = @1 AND month = @2", count, key, month);
                    if (updated == 0) await scope.Database.InsertAsync(new DownloadCountDto { MediaKey = key, Month = month, Count = count });
                }
                scope.Complete();
            }
            catch
            {
                foreach (var (slot, count) in batch) _pending.AddOrUpdate(slot, count, (_, n) => n + count);
                throw;
            }
        }
        finally
        {
            _flushing.Release();
        }
    }
}
