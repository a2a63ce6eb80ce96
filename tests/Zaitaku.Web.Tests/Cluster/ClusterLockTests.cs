using Microsoft.Extensions.Logging.Abstractions;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Tests.Cluster;

/// <summary>A background round (the mail outbox, reminders, retention) runs on one node at a time on PostgreSQL.</summary>
public sealed class ClusterLockTests
{
    private static ClusterLock NodeLock() => new(
        new ZaitakuDbContextFactory(DatabaseProvider.PostgreSql, ClusterFixture.ServerConnectionString(), Path.GetTempPath()),
        NullLogger<ClusterLock>.Instance);

    [Fact]
    public async Task While_one_node_runs_a_round_another_skips_it_and_takes_the_next_once_it_is_done()
    {
        var job = "test-" + Guid.NewGuid().ToString("N");
        var (node1, node2) = (NodeLock(), NodeLock());
        var inside = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var first = node1.RunAloneAsync(job, async _ =>
        {
            inside.SetResult();
            await finish.Task;
        });
        await inside.Task;

        var ranOnNode2 = false;
        var second = await node2.RunAloneAsync(job, _ => { ranOnNode2 = true; return Task.CompletedTask; });

        Assert.False(second);
        Assert.False(ranOnNode2);
        // Another job is not held back by this one.
        Assert.True(await node2.RunAloneAsync(job + "-other", _ => Task.CompletedTask));
        finish.SetResult();
        Assert.True(await first);
        Assert.True(await node2.RunAloneAsync(job, _ => { ranOnNode2 = true; return Task.CompletedTask; }));
        Assert.True(ranOnNode2);
    }

    [Fact]
    public async Task A_round_that_fails_releases_the_lock()
    {
        var job = "test-" + Guid.NewGuid().ToString("N");
        await Assert.ThrowsAsync<InvalidOperationException>(() => NodeLock().RunAloneAsync(job, _ => throw new InvalidOperationException("SMTP away")));
        Assert.True(await NodeLock().RunAloneAsync(job, _ => Task.CompletedTask));
    }
}
