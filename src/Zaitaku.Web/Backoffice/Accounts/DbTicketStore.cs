using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>
/// Keeps backoffice sign-ins on the server (the cookie carries a random key only), so that logging
/// out revokes the session everywhere the cookie was copied, and an absolute timeout is enforced
/// whatever the cookie says.
/// </summary>
public sealed class DbTicketStore(
    IDbContextFactory<ZaitakuDbContext> dbFactory, IOptions<BackofficeOptions> options,
    TimeProvider clock, IHttpContextAccessor http) : ITicketStore
{
    private const string CurrentKeyItem = "Zaitaku.BackofficeSessionKey";

    /// <summary>The key of the session this request is signed in with (or has just started).</summary>
    public static string? CurrentKey(HttpContext context) => context.Items[CurrentKeyItem] as string;

    /// <summary>Ends every session of the account but the one this request belongs to, at once.</summary>
    public async Task EndOtherSessionsAsync(string userId, HttpContext context)
    {
        var current = CurrentKey(context);
        await using var db = dbFactory.CreateDbContext();
        await db.BackofficeSessions.Where(s => s.UserId == userId && s.Key != current).ExecuteDeleteAsync();
    }

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = dbFactory.CreateDbContext();
        db.BackofficeSessions.Add(new BackofficeSession
        {
            Key = key,
            UserId = ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "",
            Ticket = TicketSerializer.Default.Serialize(ticket),
            CreatedUtc = now,
            LastSeenUtc = now,
            ExpiresUtc = ticket.Properties.ExpiresUtc?.UtcDateTime,
            IpAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
        });
        await db.SaveChangesAsync();
        if (http.HttpContext is { } context) context.Items[CurrentKeyItem] = key;
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var db = dbFactory.CreateDbContext();
        var session = await db.BackofficeSessions.FindAsync(key);
        if (session is null) return;
        session.Ticket = TicketSerializer.Default.Serialize(ticket);
        session.ExpiresUtc = ticket.Properties.ExpiresUtc?.UtcDateTime;
        session.LastSeenUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync();
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var db = dbFactory.CreateDbContext();
        var session = await db.BackofficeSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Key == key);
        if (session is null) return null;
        var now = clock.GetUtcNow().UtcDateTime;
        var o = options.Value;
        if (now - session.CreatedUtc > o.AbsoluteTimeout || now - session.LastSeenUtc > o.IdleTimeout)
        {
            await db.BackofficeSessions.Where(s => s.Key == key).ExecuteDeleteAsync();
            return null;
        }
        // The idle clock restarts with each request; written at most once a minute.
        if (now - session.LastSeenUtc > TimeSpan.FromMinutes(1))
            await db.BackofficeSessions.Where(s => s.Key == key).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenUtc, now));
        if (http.HttpContext is { } context) context.Items[CurrentKeyItem] = key;
        return TicketSerializer.Default.Deserialize(session.Ticket);
    }

    public async Task RemoveAsync(string key)
    {
        await using var db = dbFactory.CreateDbContext();
        await db.BackofficeSessions.Where(s => s.Key == key).ExecuteDeleteAsync();
    }
}
