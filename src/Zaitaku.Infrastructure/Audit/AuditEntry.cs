namespace Zaitaku.Infrastructure.Audit;

/// <summary>One editorial or account action: who did what, to what, when, from which address.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredUtc { get; set; }
    public string? UserId { get; set; }
    /// <summary>The account name as it was at the time, so the trail reads the same after a rename or deletion.</summary>
    public string UserName { get; set; } = "";
    /// <summary>A dotted action name, e.g. "account.login", "account.lockout", "content.publish".</summary>
    public string Action { get; set; } = "";
    public string? Target { get; set; }
    public string? Detail { get; set; }
    public string? IpAddress { get; set; }
}
