namespace Zaitaku.Web.Operations.Metrics;

/// <summary>
/// The "Zaitaku:Metrics" section. Metrics are served for Prometheus on their own port, never on the
/// site's: bound to <see cref="Address"/> (127.0.0.1 unless changed), so the public cannot read them
/// even without a firewall. Off while <see cref="Port"/> is 0.
/// </summary>
public sealed class MetricsOptions
{
    public int Port { get; set; }
    /// <summary>The address to listen on: 127.0.0.1 for a Prometheus on the same machine; a private interface's address for one elsewhere.</summary>
    public string Address { get; set; } = "127.0.0.1";
    public string Path { get; set; } = "/metrics";
}
