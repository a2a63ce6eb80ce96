using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Dates;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Media;

/// <summary>
/// Counts downloads per file per month (Japan time) in memory and adds them to the database every
/// half minute and at shutdown. Nothing about the person is kept: no address, no agent, no time.
/// </summary>
public sealed class DownloadCounter(IDbContextFactory<ZaitakuDbContext> dbFactory, TimeProvider clock, ILogger<DownloadCounter> logger)
    : PeriodicWork(logger)
{
    private ConcurrentDictionary<(Guid Key, string Month), long> _pending = new();

    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);
    protected override bool RunAtStart => false;

    public void Count(Guid mediaKey)
    {
        var month = JapaneseDates.ToJapanTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM");
        _pending.AddOrUpdate((mediaKey, month), 1, (_, n) => n + 1);
    }

    protected override Task RunOnceAsync(CancellationToken ct) => FlushAsync(ct);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(CancellationToken.None);
    }

    public async Task FlushAsync(CancellationToken ct = default)
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(Guid, string), long>());
        if (batch.IsEmpty) return;
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            foreach (var ((key, month), count) in batch)
            {
                var row = await db.DownloadCounts.SingleOrDefaultAsync(c => c.MediaKey == key && c.Month == month, ct);
                if (row is null) db.DownloadCounts.Add(new Zaitaku.Core.Media.DownloadCount { MediaKey = key, Month = month, Count = count });
                else row.Count += count;
            }
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // One SaveChanges wrote all of the batch or none of it: with the database away, the counts
            // wait in memory for the next round instead of being lost.
            foreach (var (slot, count) in batch) _pending.AddOrUpdate(slot, count, (_, n) => n + count);
            throw;
        }
    }
}
