using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Zaitaku.Infrastructure.Accounts;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>
/// What keeps sign-in from telling who has an account, and one client from guessing at, or locking,
/// every account (OWASP ASVS 5.0 V6.3).
/// <list type="bullet">
/// <item>Equal work: an unknown address or a locked account still costs one password hash, so the
/// answer takes as long as a wrong password for a real account.</item>
/// <item>Per client address, failures (any account, unknown ones too) within the lockout period are
/// counted: after <see cref="BackofficeOptions.SignInFreeFailures"/> each further try must wait twice as
/// long as the last (1, 2, 4 ... seconds), and at <see cref="BackofficeOptions.SignInFailuresPerAddress"/>
/// the address may not try again until its oldest failure is older than the lockout period. With 5
/// failures locking an account for 15 minutes, one client can keep at most two accounts locked.</item>
/// </list>
/// Counts are kept in memory per instance, or in Redis for all nodes when it is configured (falling
/// back to memory while Redis is away); the account lockout itself is in the database.
/// </summary>
public sealed class SignInGuard(IOptions<BackofficeOptions> options, IOptions<IdentityOptions> identity, TimeProvider clock,
    IOptions<PasswordHasherOptions> hashing, Cluster.SharedAttempts? shared = null)
{
    private const string Purpose = "sign-in";

    // The same hasher and settings as the accounts' own (Identity registers its hasher per request).
    private readonly PasswordHasher<EditorUser> _hasher = new(hashing);
    private const int MaxAddresses = 10_000;
    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _failures = new();
    private readonly string _dummyHash = new PasswordHasher<EditorUser>(hashing)
        .HashPassword(new EditorUser(), Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));

    private TimeSpan Window => identity.Value.Lockout.DefaultLockoutTimeSpan;

    /// <summary>Hashes the typed password against a made-up hash: the work a real account's check would cost.</summary>
    public void SpendEqualWork(string password) =>
        _hasher.VerifyHashedPassword(new EditorUser(), _dummyHash, password);

    /// <summary>How long this address must wait before it may try again, or null if it may try now.</summary>
    public TimeSpan? WaitFor(string address)
    {
        var now = clock.GetUtcNow();
        if (shared?.Recent(Purpose, address, Window, now) is { } recent) return WaitFor(recent, now);
        if (!_failures.TryGetValue(address, out var failures)) return null;
        lock (failures)
        {
            Expire(failures, now);
            return WaitFor(failures.ToList(), now);
        }
    }

    /// <param name="failures">The address's failures within the lockout period, oldest first.</param>
    private TimeSpan? WaitFor(IReadOnlyList<DateTimeOffset> failures, DateTimeOffset now)
    {
        var o = options.Value;
        if (failures.Count >= o.SignInFailuresPerAddress) return failures[0] + Window - now;
        if (failures.Count < o.SignInFreeFailures) return null;
        var delay = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(failures.Count - o.SignInFreeFailures, 16)));
        var next = failures[^1] + delay;
        return next > now ? next - now : null;
    }

    public void Failed(string address)
    {
        var now = clock.GetUtcNow();
        if (shared?.Add(Purpose, address, Window, now) == true) return;
        if (_failures.Count >= MaxAddresses) Prune(now);
        var failures = _failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (failures)
        {
            Expire(failures, now);
            failures.Enqueue(now);
        }
    }

    private void Expire(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && now - failures.Peek() >= Window) failures.Dequeue();
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (address, failures) in _failures)
            lock (failures)
            {
                Expire(failures, now);
                if (failures.Count == 0) _failures.TryRemove(address, out _);
            }
    }

    /// <summary>The client's address as the server sees it (IIS in-process, or forwarded headers when configured).</summary>
    public static string AddressOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
