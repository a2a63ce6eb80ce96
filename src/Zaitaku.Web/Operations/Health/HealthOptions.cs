namespace Zaitaku.Web.Operations.Health;

/// <summary>The "Zaitaku:Health" section: thresholds of /health/ready.</summary>
public sealed class HealthOptions
{
    /// <summary>Below this the data folder's disk is Unhealthy: uploads and the database would soon fail.</summary>
    public long MinimumFreeMegabytes { get; set; } = 256;
    /// <summary>Below this it is Degraded (still ready), so monitoring warns in time.</summary>
    public long WarningFreeMegabytes { get; set; } = 2048;
    /// <summary>An undelivered mail older than this makes the outbox Degraded (the sender retries for an hour before that).</summary>
    public TimeSpan MailOutboxWarningAge { get; set; } = TimeSpan.FromHours(2);
    /// <summary>The search index may be this far behind the published content before it counts as Degraded.</summary>
    public TimeSpan SearchIndexWarningLag { get; set; } = TimeSpan.FromMinutes(1);
}
