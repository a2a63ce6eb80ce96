using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Zaitaku.Web.Forms;

/// <summary>
/// Checks every public form submission before it is read: it must come from a page of this site
/// (Fetch Metadata, else the Origin header — the defence for the cached page feedback form, which
/// cannot carry a per-visitor antiforgery token), and each address gets a limited number of
/// submissions. The address is only a key in memory; it is never stored. With Redis configured the
/// count is shared by every node (<see cref="Cluster.SharedAttempts"/>, which keeps only a hash).
/// </summary>
public sealed class FormGuard : IDisposable
{
    public const string HoneypotField = "website";
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly FormOptions _options;
    private readonly Cluster.SharedAttempts? _shared;

    public FormGuard(IOptions<FormOptions> options, Cluster.SharedAttempts? shared = null)
    {
        var o = _options = options.Value;
        _shared = shared;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetSlidingWindowLimiter(address,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = o.SubmissionsPerAddress, Window = o.RateLimitWindow, SegmentsPerWindow = 10, QueueLimit = 0,
            }));
    }

    public static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is "same-origin" or "none";
        var origin = request.Headers.Origin.ToString();
        // Browsers send Origin with every cross-site POST; a request without either header is not from a browser on another site.
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A bot fills every field it sees; people never see this one.</summary>
    public static bool IsHoneypotFilled(IFormCollection form) => !string.IsNullOrEmpty(form[HoneypotField].ToString());

    /// <summary>Takes one submission from the address's allowance; false when it is used up.</summary>
    public bool TryTake(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (_shared?.TryTake("form", address, _options.SubmissionsPerAddress, _options.RateLimitWindow, DateTimeOffset.UtcNow) is { } taken)
            return taken;
        using var lease = _limiter.AttemptAcquire(address);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
