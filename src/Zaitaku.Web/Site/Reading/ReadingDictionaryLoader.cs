using Zaitaku.Infrastructure.Reading;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Reading;

/// <summary>Reads the saved dictionary at start, and every minute, so a change on another instance reaches this one.</summary>
public sealed class ReadingDictionaryLoader(Readings readings, ILogger<ReadingDictionaryLoader> logger) : PeriodicWork(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);
    protected override bool RunAtStart => true;
    protected override Task RunOnceAsync(CancellationToken ct) => readings.LoadAsync(ct);
}
