using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Zaitaku.Core.Notifications;

namespace Zaitaku.Infrastructure.Notifications;

/// <summary>
/// Tells every registered handler about a notification, in registration order: the handlers of its
/// own type, then of each type it derives from (so a handler of <see cref="ContentNotification"/>
/// hears a publish, an unpublish and a move, and one of <see cref="Notification"/> hears everything).
/// The change is already committed when this runs, so a failing handler is logged and the others
/// still run: the editor's work is saved, and the database check on every node catches up what a
/// handler missed.
/// </summary>
public sealed class NotificationPublisher(IServiceProvider services, ILogger<NotificationPublisher> logger) : INotificationPublisher
{
    public async Task PublishAsync(Notification notification, CancellationToken cancellationToken = default)
    {
        for (var type = notification.GetType(); type is not null && typeof(Notification).IsAssignableFrom(type); type = type.BaseType)
        {
            var handlerType = typeof(INotificationHandler<>).MakeGenericType(type);
            foreach (var handler in services.GetServices(handlerType))
            {
                try
                {
                    await (Task)handlerType.GetMethod(nameof(INotificationHandler<Notification>.HandleAsync))!
                        .Invoke(handler, [notification, cancellationToken])!;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "{Handler} failed on {Notification}", handler!.GetType().Name, notification);
                }
            }
        }
    }
}
