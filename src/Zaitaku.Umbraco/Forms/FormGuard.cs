using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Zaitaku.Web.Forms;

/// <summary>
/// Checks every public form submission: it must come from a page of this site (Fetch Metadata, else the Origin
/// header — the defence of the page feedback form, which sits on cacheable pages and carries no per-visitor
/// antiforgery token), and each address gets a limited number of submissions, refused ones included. The address
/// is only a key in this server's memory; it is never stored.
/// </summary>
public sealed class FormGuard : IDisposable
{
    /// <summary>A field people never see: a program that fills every field fills it.</summary>
    public const string HoneypotField = "website";

    private readonly PartitionedRateLimiter<string> _limiter;

    public FormGuard(IOptions<FormsOptions> options)
    {
        var o = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetSlidingWindowLimiter(address,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = o.SubmissionsPerAddress, Window = o.RateLimitWindow, SegmentsPerWindow = 10, QueueLimit = 0,
            }));
    }

    public static bool IsSameOrigin(HttpRequest request, string? publicUrl)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0) return site is "same-origin" or "none";
        var origin = request.Headers.Origin.ToString();
        // Browsers send Origin with every cross-site POST; a request with neither header is not a browser on another site.
        if (origin.Length == 0) return true;
        return string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase)
            || (publicUrl is { Length: > 0 } && string.Equals(origin, publicUrl.TrimEnd('/'), StringComparison.OrdinalIgnoreCase));
    }

    public static bool IsHoneypotFilled(PostedForm posted) => posted.First(HoneypotField) is { Length: > 0 };

    /// <summary>Takes one submission from the address's allowance; false when it is used up.</summary>
    public bool TryTake(HttpContext context)
    {
        using var lease = _limiter.AttemptAcquire(context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
