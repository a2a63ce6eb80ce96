using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Zaitaku.Web.Notifications;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Cluster;

/// <summary>
/// A node configured for Redis starts while Redis is down (after a power cut the database server and the
/// nodes may come back before it): it serves pages, and once Redis answers it subscribes to the other
/// nodes' changes by itself, without a restart. Before, it did not start at all.
/// </summary>
public sealed class RedisAtStartTests
{
    [ClusterFact] // skipped, saying why, where redis-server is not installed
    public async Task A_node_starts_without_Redis_and_subscribes_once_Redis_is_back()
    {
        var port = SiteProcess.FreePort();
        using var site = new SiteFactory().WithSetting("ConnectionStrings:Redis", $"127.0.0.1:{port},connectTimeout=1000");
        var reader = site.CreatePlainClient();
        Assert.Contains("食事と栄養", await reader.GetStringAsync("/columns/2025-02-15/"));

        using var redis = Process.Start(new ProcessStartInfo("redis-server", ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            { RedirectStandardOutput = true, UseShellExecute = false })!;
        try
        {
            redis.BeginOutputReadLine();
            using var observer = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},abortConnect=false");
            var server = observer.GetServer("127.0.0.1", port);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            long subscribers = 0;
            while (DateTime.UtcNow < deadline && (subscribers = await SubscribersAsync(server)) == 0) await Task.Delay(200);
            Assert.Equal(1, subscribers);
            Assert.Contains("食事と栄養", await reader.GetStringAsync("/columns/2025-02-15/"));
        }
        finally
        {
            redis.Kill();
            await redis.WaitForExitAsync();
        }
    }

    private static async Task<long> SubscribersAsync(IServer server)
    {
        try { return await server.SubscriptionSubscriberCountAsync(RedisNotifications.Channel); }
        catch (RedisException) { return 0; } // still starting
    }
}
