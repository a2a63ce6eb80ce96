using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Site.Search;

namespace Zaitaku.Web.Operations.Metrics;

/// <summary>
/// The site's own instruments, in the meter "Zaitaku.Web" (requests come from ASP.NET Core's meters).
/// Counters move as things happen; the gauges read the database or this instance's state when
/// Prometheus scrapes, so a scrape every 15 s costs two small queries.
/// </summary>
public sealed class SiteMetrics
{
    public const string MeterName = "Zaitaku.Web";

    private readonly Counter<long> _outputCache;
    private readonly Counter<long> _formSubmissions;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _clock;
    private PublishedSnapshot? _indexBehindSnapshot;
    private DateTime _indexBehindSinceUtc;

    public SiteMetrics(IMeterFactory meters, IServiceProvider services, TimeProvider clock)
    {
        _services = services;
        _clock = clock;
        var meter = meters.Create(MeterName);
        _outputCache = meter.CreateCounter<long>("zaitaku.output_cache.lookups", "{lookup}",
            "Public pages asked of the output cache, by result (hit: answered from memory; miss: rendered)");
        _formSubmissions = meter.CreateCounter<long>("zaitaku.forms.submissions", "{submission}",
            "Form submissions, by result (accepted, refused)");
        meter.CreateObservableGauge("zaitaku.mail.outbox.depth", OutboxDepth, "{mail}", "Mails waiting in the outbox (not yet delivered)");
        meter.CreateObservableGauge("zaitaku.mail.outbox.oldest_age", OutboxOldestAge, "s", "Age of the oldest undelivered mail");
        meter.CreateObservableGauge("zaitaku.publish.lag", PublishLag, "s",
            "How long the newest publish in the database has not been shown by this instance (0 when it is)");
        meter.CreateObservableGauge("zaitaku.search.index.lag", IndexLag, "s",
            "How long the search index has been behind this instance's published content (0 when in step)");
        meter.CreateObservableGauge("zaitaku.search.index.documents", () => _services.GetRequiredService<Zaitaku.Infrastructure.Search.SearchIndex>() is { IsReady: true } i ? i.Count() : 0,
            "{document}", "Documents in the search index");
    }

    public void OutputCacheHit() => _outputCache.Add(1, new KeyValuePair<string, object?>("result", "hit"));
    public void OutputCacheMiss() => _outputCache.Add(1, new KeyValuePair<string, object?>("result", "miss"));
    public void FormSubmitted(bool accepted) => _formSubmissions.Add(1, new KeyValuePair<string, object?>("result", accepted ? "accepted" : "refused"));

    private ZaitakuDbContext Db() => _services.GetRequiredService<IDbContextFactory<ZaitakuDbContext>>().CreateDbContext();

    private long OutboxDepth()
    {
        using var db = Db();
        return db.OutgoingMails.LongCount(m => m.SentUtc == null);
    }

    private double OutboxOldestAge()
    {
        using var db = Db();
        var oldest = db.OutgoingMails.Where(m => m.SentUtc == null).Min(m => (DateTime?)m.CreatedUtc);
        return oldest is { } created ? Math.Max(0, (_clock.GetUtcNow().UtcDateTime - created).TotalSeconds) : 0;
    }

    private double PublishLag()
    {
        using var db = Db();
        // The newest publish: is its version what this instance's published cache shows?
        var newest = db.ContentNodes.Where(n => n.PublishedVersionId != null && !n.Trashed && n.PublishedUtc != null)
            .OrderByDescending(n => n.PublishedUtc)
            .Select(n => new { n.Id, n.PublishedUtc, n.PublishedVersion!.UpdatedUtc })
            .FirstOrDefault();
        if (newest is null) return 0;
        var shown = _services.GetRequiredService<IPublishedCache>().Current.GetById(newest.Id);
        if (shown is not null && shown.UpdatedUtc == newest.UpdatedUtc) return 0;
        return Math.Max(0, (_clock.GetUtcNow().UtcDateTime - newest.PublishedUtc!.Value).TotalSeconds);
    }

    private double IndexLag()
    {
        var current = _services.GetRequiredService<IPublishedCache>().Current;
        var indexer = _services.GetRequiredService<SearchIndexer>();
        if (ReferenceEquals(indexer.IndexedSnapshot, current)) return 0;
        // Measured from the first scrape that saw the index behind this snapshot.
        var now = _clock.GetUtcNow().UtcDateTime;
        if (!ReferenceEquals(Interlocked.Exchange(ref _indexBehindSnapshot, current), current)) _indexBehindSinceUtc = now;
        return (now - _indexBehindSinceUtc).TotalSeconds;
    }
}
