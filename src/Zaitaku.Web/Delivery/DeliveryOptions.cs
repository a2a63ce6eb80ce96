namespace Zaitaku.Web.Delivery;

/// <summary>Zaitaku:Delivery in configuration.</summary>
public sealed class DeliveryOptions
{
    /// <summary>Origins (scheme://host[:port]) whose browser scripts may call the API; none by default.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Requests one client address may make in <see cref="RateLimitWindow"/>.</summary>
    public int RequestsPerAddress { get; set; } = 600;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an answer is kept in the output cache when nothing is published meanwhile.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(1);
}
