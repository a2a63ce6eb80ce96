using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Search;
using Zaitaku.Web.Site.Search;

namespace Zaitaku.Web.Operations.Health;

/// <summary>The search index is open and readable; Degraded while it is well behind the published content.</summary>
public sealed class SearchIndexCheck(SearchIndex index, SearchIndexer indexer, IPublishedCache cache, IOptions<HealthOptions> options, TimeProvider clock) : IHealthCheck
{
    private PublishedSnapshot? _behind;
    private DateTime _behindSince;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!index.IsReady)
            return Task.FromResult(HealthCheckResult.Unhealthy("検索インデックスを準備中か、読み取れません / the search index is being built or cannot be read"));
        var current = cache.Current;
        if (ReferenceEquals(indexer.IndexedSnapshot, current)) return Task.FromResult(HealthCheckResult.Healthy($"{index.Count()} documents"));
        var now = clock.GetUtcNow().UtcDateTime;
        if (!ReferenceEquals(Interlocked.Exchange(ref _behind, current), current)) _behindSince = now;
        return Task.FromResult(now - _behindSince > options.Value.SearchIndexWarningLag
            ? HealthCheckResult.Degraded($"検索インデックスが {(now - _behindSince).TotalSeconds:F0} 秒遅れています / the index is behind")
            : HealthCheckResult.Healthy("catching up"));
    }
}

/// <summary>Free space on the disk of the data folder (database, media, logs).</summary>
public sealed class DataFolderSpaceCheck(IOptions<ZaitakuOptions> zaitaku, IOptions<HealthOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var folder = zaitaku.Value.ResolvedDataFolder;
        var free = new DriveInfo(folder).AvailableFreeSpace / (1024 * 1024);
        var o = options.Value;
        var data = new Dictionary<string, object> { ["freeMegabytes"] = free };
        var text = $"{free:N0} MB free";
        return Task.FromResult(free < o.MinimumFreeMegabytes ? HealthCheckResult.Unhealthy($"データフォルダの空き容量が足りません / {text}", data: data)
            : free < o.WarningFreeMegabytes ? HealthCheckResult.Degraded($"データフォルダの空き容量が少なくなっています / {text}", data: data)
            : HealthCheckResult.Healthy(text, data));
    }
}

/// <summary>Mail waiting too long in the outbox means the SMTP server has been unreachable for a while.</summary>
public sealed class MailOutboxCheck(IDbContextFactory<ZaitakuDbContext> dbFactory, IOptions<HealthOptions> options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var waiting = db.OutgoingMails.Where(m => m.SentUtc == null);
        var count = await waiting.CountAsync(cancellationToken);
        var oldest = await waiting.MinAsync(m => (DateTime?)m.CreatedUtc, cancellationToken);
        var age = oldest is { } created ? clock.GetUtcNow().UtcDateTime - created : TimeSpan.Zero;
        var data = new Dictionary<string, object> { ["waiting"] = count, ["oldestAgeSeconds"] = (long)age.TotalSeconds };
        return age > options.Value.MailOutboxWarningAge
            ? HealthCheckResult.Degraded($"送信待ちのメールが {age.TotalHours:F1} 時間届けられていません / {count} mails waiting, oldest {age.TotalMinutes:F0} min", data: data)
            : HealthCheckResult.Healthy($"{count} waiting", data);
    }
}
