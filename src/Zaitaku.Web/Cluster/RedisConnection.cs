using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Zaitaku.Web.Cluster;

/// <summary>
/// This node's one connection to Redis, when several nodes run (ConnectionStrings:Redis, in
/// StackExchange.Redis's format such as "redis1:6379,password=..."). The messages between nodes
/// (Notifications/RedisNotifications), the shared attempt counts (<see cref="SharedAttempts"/>) and the
/// readiness check (Operations) all use it: StackExchange.Redis means one multiplexer to be shared, and
/// the check then reports the connection the site really depends on.
/// </summary>
public static class RedisConnection
{
    public static ConfigurationOptions? Options(IConfiguration configuration)
    {
        if (configuration.GetConnectionString("Redis") is not { Length: > 0 } value) return null;
        var options = ConfigurationOptions.Parse(value);
        // A node must start, and serve pages, while Redis is down; it connects when Redis returns.
        options.AbortOnConnectFail = false;
        options.ClientName ??= "zaitaku-" + Environment.MachineName;
        return options;
    }

    /// <summary>Registers the connection when Redis is configured; each setup that uses it asks, and the first registers it.</summary>
    /// <returns>Whether Redis is configured.</returns>
    public static bool AddZaitakuRedis(this IServiceCollection services, IConfiguration configuration)
    {
        if (Options(configuration) is not { } options) return false;
        // Connect returns at once when Redis is down (AbortOnConnectFail off) and keeps trying in the background.
        services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
        return true;
    }
}
