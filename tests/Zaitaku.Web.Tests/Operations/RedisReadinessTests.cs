using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Zaitaku.Web.Cluster;
using Zaitaku.Web.Notifications;
using Zaitaku.Web.Operations;

namespace Zaitaku.Web.Tests.Operations;

/// <summary>
/// With Redis configured (several nodes), the load balancer's readiness check asks Redis on the node's
/// one connection, the one its messages to the other nodes and the shared attempt counts use: when that
/// connection cannot reach Redis, the node is reported not ready.
/// </summary>
public sealed class RedisReadinessTests
{
    /// <summary>A connection that counts what is asked of it and answers as one whose Redis is down.</summary>
    public class DownConnection : DispatchProxy
    {
        public int Asked;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Interlocked.Increment(ref Asked);
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is down (test)");
        }
    }

    [Fact]
    public async Task The_readiness_check_asks_the_nodes_one_connection_and_reports_Redis_down()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = "redis.invalid:6379",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddZaitakuNotifications(configuration);
        services.AddZaitakuCluster(configuration);
        services.AddZaitakuOperations(configuration);
        // One registration for the three that use it, whichever setup asked first.
        Assert.Single(services, d => d.ServiceType == typeof(IConnectionMultiplexer));
        Assert.Contains(services, d => d.ServiceType == typeof(SharedAttempts));
        var connection = DispatchProxy.Create<IConnectionMultiplexer, DownConnection>();
        services.Replace(ServiceDescriptor.Singleton(connection));

        await using var provider = services.BuildServiceProvider();
        var report = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == "redis");

        Assert.Equal(HealthStatus.Unhealthy, report.Entries["redis"].Status);
        Assert.True(((DownConnection)(object)connection).Asked > 0, "the check did not use the node's connection");
    }
}
