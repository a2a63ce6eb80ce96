using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Zaitaku.Core.Notifications;
using Zaitaku.Infrastructure.Notifications;

namespace Zaitaku.Infrastructure.Tests.Notifications;

/// <summary>The one path for "something changed": who hears what, and what travels between nodes.</summary>
public sealed class NotificationTests
{
    private sealed class Recorder<T> : INotificationHandler<T> where T : Notification
    {
        public List<T> Heard { get; } = [];
        public Task HandleAsync(T notification, CancellationToken cancellationToken)
        {
            Heard.Add(notification);
            return Task.CompletedTask;
        }
    }

    private sealed class Failing : INotificationHandler<ContentNotification>
    {
        public Task HandleAsync(ContentNotification notification, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the output cache is away");
    }

    [Fact]
    public async Task A_handler_hears_its_own_kind_and_every_kind_derived_from_it_and_a_failing_one_stops_no_other()
    {
        var content = new Recorder<ContentNotification>();
        var everything = new Recorder<Notification>();
        var media = new Recorder<MediaChangedNotification>();
        var services = new ServiceCollection()
            .AddSingleton<INotificationHandler<ContentNotification>>(new Failing())
            .AddSingleton<INotificationHandler<ContentNotification>>(content)
            .AddSingleton<INotificationHandler<Notification>>(everything)
            .AddSingleton<INotificationHandler<MediaChangedNotification>>(media)
            .BuildServiceProvider();
        var publisher = new NotificationPublisher(services, NullLogger<NotificationPublisher>.Instance);

        await publisher.PublishAsync(new ContentPublishedNotification(7, [3, 1], 3));
        await publisher.PublishAsync(new ContentMovedNotification(7, [4, 1], 3));
        await publisher.PublishAsync(new SettingChangedNotification("Search.Synonyms"));

        Assert.Equal([typeof(ContentPublishedNotification), typeof(ContentMovedNotification)], content.Heard.Select(n => n.GetType()));
        Assert.Equal(3, everything.Heard.Count);
        Assert.Empty(media.Heard);
    }

    [Fact]
    public void Every_notification_crosses_to_another_node_as_it_was_raised_and_arrives_marked_as_from_elsewhere()
    {
        Notification[] raised =
        [
            new ContentPublishedNotification(7, [3, 1], 3), new ContentUnpublishedNotification(8, [1], 2),
            new ContentMovedNotification(9, [], 1), new ContentDeletedNotification(10), new ContentTreeChangedNotification("redirect retired"),
            new MediaChangedNotification(true), new FormChangedNotification(false), new SettingChangedNotification("Search.Synonyms"),
        ];
        foreach (var notification in raised)
        {
            var json = JsonSerializer.Serialize(notification);
            var arrived = JsonSerializer.Deserialize<Notification>(json)!;
            Assert.Equal(notification.GetType(), arrived.GetType());
            Assert.Equal(JsonSerializer.Serialize(notification), JsonSerializer.Serialize(arrived));
            Assert.False(arrived.FromOtherNode); // the receiving side marks it when it applies it
            Assert.True((arrived with { FromOtherNode = true }).FromOtherNode);
            Assert.DoesNotContain("FromOtherNode", json);
        }
    }
}
