using Zaitaku.Core.Notifications;
using Zaitaku.Infrastructure.Notifications;
using Zaitaku.Web.Cluster;

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

        if (services.AddZaitakuRedis(configuration))
        {
            services.AddSingleton<RedisNotifications>();
            services.AddSingleton<INotificationHandler<Notification>>(sp => sp.GetRequiredService<RedisNotifications>());
        }
        return services;
    }
}
