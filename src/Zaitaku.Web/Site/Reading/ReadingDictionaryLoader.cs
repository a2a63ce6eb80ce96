using Zaitaku.Core.Notifications;
using Zaitaku.Core.Reading;
using Zaitaku.Infrastructure.Reading;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Reading;

/// <summary>
/// Reads the saved dictionary at start, and every minute: the safety net for a change made on another
/// node whose message was lost (Redis carries it at once otherwise, see ChangesFromOtherNodes).
/// </summary>
public sealed class ReadingDictionaryLoader(Readings readings, INotificationPublisher notifications, ILogger<ReadingDictionaryLoader> logger)
    : PeriodicWork(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);
    protected override bool RunAtStart => true;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        // Found here, not made here: the other nodes need no message about it.
        if (await readings.LoadAsync(ct))
            await notifications.PublishAsync(new SettingChangedNotification(ReadingDictionary.SettingKey) { FromOtherNode = true }, ct);
    }
}
