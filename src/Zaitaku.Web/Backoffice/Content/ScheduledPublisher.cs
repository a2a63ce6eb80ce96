using Microsoft.EntityFrameworkCore;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>
/// Finds publish-at and unpublish-at times that fell due and has <see cref="ReviewService"/> carry
/// each out (claimed, so with several instances on one database exactly one of them does it). Runs at
/// start (so a schedule that fell due while the site was down is done then) and every half minute.
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
        var reviews = scope.ServiceProvider.GetRequiredService<ReviewService>();
        var now = clock.GetUtcNow().UtcDateTime;
        var done = 0;

        var duePublish = await db.ContentNodes.AsNoTracking().Where(n => n.PublishAtUtc <= now && !n.Trashed)
            .Select(n => new { n.Id, n.PublishAtUtc }).ToListAsync(ct);
        foreach (var due in duePublish)
        {
            if (!await reviews.PublishDueAsync(due.Id, due.PublishAtUtc!.Value, ct)) continue;
            logger.LogInformation("Scheduled publish of node {NodeId}", due.Id);
            done++;
        }

        var dueUnpublish = await db.ContentNodes.AsNoTracking().Where(n => n.UnpublishAtUtc <= now && !n.Trashed)
            .Select(n => new { n.Id, n.UnpublishAtUtc }).ToListAsync(ct);
        foreach (var due in dueUnpublish)
        {
            if (!await reviews.UnpublishDueAsync(due.Id, due.UnpublishAtUtc!.Value, ct)) continue;
            logger.LogInformation("Scheduled unpublish of node {NodeId}", due.Id);
            done++;
        }
        return done;
    }
}
