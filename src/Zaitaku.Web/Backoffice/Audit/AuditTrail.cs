using System.Security.Claims;
using Zaitaku.Infrastructure.Audit;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Backoffice.Audit;

/// <summary>Records editorial and account actions with who, when and from which address.</summary>
public sealed class AuditTrail(ZaitakuDbContext db, IHttpContextAccessor http, TimeProvider clock)
{
    /// <param name="userName">For actions before sign-in (a failed login), the name that was tried.</param>
    public async Task RecordAsync(string action, string? target = null, string? detail = null,
        string? userId = null, string? userName = null, CancellationToken ct = default)
    {
        var context = http.HttpContext;
        var principal = context?.User;
        db.AuditEntries.Add(new AuditEntry
        {
            OccurredUtc = clock.GetUtcNow().UtcDateTime,
            UserId = userId ?? principal?.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName = Truncate(userName ?? principal?.Identity?.Name ?? "", 256),
            Action = action,
            Target = target is null ? null : Truncate(target, 512),
            Detail = detail,
            IpAddress = context?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync(ct);
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
