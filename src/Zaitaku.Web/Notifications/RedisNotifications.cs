using System.Text.Json;
using StackExchange.Redis;
using Zaitaku.Core.Notifications;

namespace Zaitaku.Web.Notifications;

/// <summary>
/// Carries notifications between nodes over Redis pub/sub when ConnectionStrings:Redis is set: every
/// change raised here is sent to the other nodes, and every change raised there is applied here within
/// milliseconds. Sending never waits for Redis (fire and forget): a save must not hang on an outage.
/// A message lost to an outage is caught by <see cref="DatabaseChangeCheck"/>, which also runs at once
/// when the connection comes back.
/// </summary>
public sealed class RedisNotifications(IConnectionMultiplexer redis, ChangesFromOtherNodes apply, DatabaseChangeCheck check,
    ILogger<RedisNotifications> logger) : INotificationHandler<Notification>, IHostedService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("zaitaku:notifications");
    /// <summary>Tells this process's own messages from the others' (Redis sends a message to every subscriber, the sender too).</summary>
    private readonly string _node = Guid.NewGuid().ToString("N");
    private ChannelMessageQueue? _queue;
    private readonly CancellationTokenSource _stopping = new();
    private Task _subscribing = Task.CompletedTask;

    private sealed record Message(string Node, Notification Notification);

    public Task HandleAsync(Notification notification, CancellationToken cancellationToken)
    {
        if (notification.FromOtherNode) return Task.CompletedTask;
        try
        {
            var json = JsonSerializer.Serialize(new Message(_node, notification));
            redis.GetSubscriber().Publish(Channel, json, CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or ObjectDisposedException)
        {
            logger.LogWarning(e, "Could not send {Notification} to the other nodes; their database check will find it", notification);
        }
        return Task.CompletedTask;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        redis.ConnectionFailed += OnConnectionFailed;
        // The subscription is remade by the client after a reconnection; one queue keeps messages in order.
        if (redis.IsConnected && await TrySubscribeAsync()) return;
        // Redis down while this node starts: the node must start all the same (pages from memory, saves
        // to the database, the database check for other nodes' changes), and subscribe once Redis is back.
        logger.LogWarning("Redis is not reachable at start; changes from other nodes arrive through the database check until it is");
        _subscribing = Task.Run(() => SubscribeWhenBackAsync(_stopping.Token));
    }

    private async Task<bool> TrySubscribeAsync()
    {
        try
        {
            var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
            queue.OnMessage(ReceiveAsync);
            _queue = queue;
            return true;
        }
        catch (RedisException) { return false; }
    }

    private async Task SubscribeWhenBackAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(2), ct); }
            catch (OperationCanceledException) { return; }
            if (!await TrySubscribeAsync()) continue;
            logger.LogInformation("Subscribed to the other nodes' changes now that Redis is reachable; checking the database for changes made meanwhile");
            try { await check.CheckAsync(ct); }
            catch (Exception e) when (e is not OperationCanceledException) { logger.LogWarning(e, "The database check after subscribing failed"); }
            return;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        redis.ConnectionFailed -= OnConnectionFailed;
        await _stopping.CancelAsync();
        await _subscribing;
        if (_queue is not null)
        {
            try { await _queue.UnsubscribeAsync(); }
            catch (RedisException) { } // Redis away as the node stops: nothing to undo there
        }
    }

    private async Task ReceiveAsync(ChannelMessage received)
    {
        try
        {
            var message = JsonSerializer.Deserialize<Message>(received.Message.ToString());
            if (message is null || message.Node == _node) return;
            await apply.ApplyAsync(message.Notification, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "A change message from another node could not be applied; the database check will catch up");
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) =>
        logger.LogWarning("Redis connection lost ({Failure}); changes from other nodes arrive through the database check until it returns", e.FailureType);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        logger.LogInformation("Redis connection restored; checking the database for changes made meanwhile");
        // Messages sent while the connection was down are gone: look at the database now, not in up to 5 seconds.
        _ = Task.Run(async () =>
        {
            try { await check.CheckAsync(); }
            catch (Exception ex) { logger.LogWarning(ex, "The database check after a Redis reconnection failed"); }
        });
    }
}
