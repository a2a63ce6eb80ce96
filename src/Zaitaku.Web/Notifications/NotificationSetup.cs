using StackExchange.Redis;
using Zaitaku.Core.Notifications;
using Zaitaku.Infrastructure.Notifications;

namespace Zaitaku.Web.Notifications;

/// <summary>
/// The one path for "something changed": services raise a notification through
/// <see cref="INotificationPublisher"/>; cache eviction, search indexing (see SearchSetup) and the
/// messages to other nodes are handlers. With ConnectionStrings:Redis set, nodes tell each other
/// through Redis pub/sub; the database check runs on every node either way.
/// </summary>
public static class NotificationSetup
{
    public static IServiceCollection AddZaitakuNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<INotificationPublisher, NotificationPublisher>();
        services.AddSingleton<OutputCacheEviction>();
        services.AddSingleton<INotificationHandler<ContentNotification>>(sp => sp.GetRequiredService<OutputCacheEviction>());
        services.AddSingleton<INotificationHandler<MediaChangedNotification>>(sp => sp.GetRequiredService<OutputCacheEviction>());
        services.AddSingleton<INotificationHandler<FormChangedNotification>>(sp => sp.GetRequiredService<OutputCacheEviction>());
        services.AddSingleton<INotificationHandler<ChangesFoundElsewhereNotification>>(sp => sp.GetRequiredService<OutputCacheEviction>());
        services.AddSingleton<ChangesFromOtherNodes>();
        // DatabaseChangeCheck and RedisNotifications start from Hosting/BackgroundJobs, in its order.
        services.AddSingleton<DatabaseChangeCheck>();

        if (RedisConnection.Options(configuration) is { } options)
        {
            // Connect returns at once when Redis is down (AbortOnConnectFail off) and keeps trying in the background.
            services.AddSingleton<IConnectionMultiplexer>(_ => ConnectionMultiplexer.Connect(options));
            services.AddSingleton<RedisNotifications>();
            services.AddSingleton<INotificationHandler<Notification>>(sp => sp.GetRequiredService<RedisNotifications>());
        }
        return services;
    }
}

/// <summary>ConnectionStrings:Redis, in StackExchange.Redis's format (such as "redis1:6379,password=..."), or none.</summary>
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
}
