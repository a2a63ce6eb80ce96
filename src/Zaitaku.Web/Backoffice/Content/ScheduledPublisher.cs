using Microsoft.EntityFrameworkCore;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Audit;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>
/// Carries out publish-at and unpublish-at. Runs at start (so a schedule that fell due while the
/// site was down is done then) and every half minute. Each due schedule is claimed with a
/// conditional update before it is carried out, so with several instances on one database exactly
/// one of them does it.
/// </summary>
public sealed class ScheduledPublisher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ScheduledPublisher> logger)
    : PeriodicWork(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(30);

    protected override Task RunOnceAsync(CancellationToken ct) => RunDueAsync(ct);

    /// <returns>How many schedules this instance carried out.</returns>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDbContext>();
        var content = scope.ServiceProvider.GetRequiredService<ContentService>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var now = clock.GetUtcNow().UtcDateTime;
        var done = 0;

        var duePublish = await db.ContentNodes.AsNoTracking().Where(n => n.PublishAtUtc <= now && !n.Trashed)
            .Select(n => new { n.Id, n.PublishAtUtc }).ToListAsync(ct);
        foreach (var due in duePublish)
        {
            Func<CancellationToken, Task> refreshCache;
            // The claim, the publish, the review and the audit line are one transaction: a crash or a
            // lost database anywhere in between leaves the schedule due, to be carried out once later.
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                var claimed = await db.ContentNodes.Where(n => n.Id == due.Id && n.PublishAtUtc == due.PublishAtUtc)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.PublishAtUtc, (DateTime?)null), ct);
                if (claimed == 0) continue; // another instance took it
                var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleAsync(n => n.Id == due.Id, ct);
                refreshCache = await content.SavePublishedAsync(node, ct);
                await db.ReviewRequests.Where(r => r.NodeId == node.Id && (r.State == ReviewState.Pending || r.State == ReviewState.Scheduled))
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReviewState.Approved).SetProperty(r => r.ReviewedUtc, now), ct);
                await audit.RecordAsync("content.scheduled-publish", $"{node.Id} {node.DraftVersion!.Name}", userName: "予約", ct: ct);
                await transaction.CommitAsync(ct);
            }
            await refreshCache(ct);
            logger.LogInformation("Scheduled publish of node {NodeId}", due.Id);
            done++;
        }

        var dueUnpublish = await db.ContentNodes.AsNoTracking().Where(n => n.UnpublishAtUtc <= now && !n.Trashed)
            .Select(n => new { n.Id, n.UnpublishAtUtc }).ToListAsync(ct);
        foreach (var due in dueUnpublish)
        {
            Func<CancellationToken, Task> refreshCache;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                var claimed = await db.ContentNodes.Where(n => n.Id == due.Id && n.UnpublishAtUtc == due.UnpublishAtUtc)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.UnpublishAtUtc, (DateTime?)null), ct);
                if (claimed == 0) continue;
                var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleAsync(n => n.Id == due.Id, ct);
                refreshCache = await content.SaveUnpublishedAsync(node, ct);
                await audit.RecordAsync("content.scheduled-unpublish", $"{node.Id} {node.DraftVersion!.Name}", userName: "予約", ct: ct);
                await transaction.CommitAsync(ct);
            }
            await refreshCache(ct);
            logger.LogInformation("Scheduled unpublish of node {NodeId}", due.Id);
            done++;
        }
        return done;
    }
}
