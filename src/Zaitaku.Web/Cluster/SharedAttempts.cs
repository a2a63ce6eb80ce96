using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Zaitaku.Web.Cluster;

/// <summary>
/// Attempts per client address counted in Redis, so that every node sees the same count: the form
/// submission limit and the sign-in failures (<see cref="Forms.FormGuard"/>,
/// <see cref="Backoffice.Accounts.SignInGuard"/>). Each address is a sorted set of attempt times that
/// expires with its window; the address itself is hashed, never stored. When Redis cannot answer,
/// every method returns null and the caller counts in its own memory, as a single node does: a Redis
/// outage loosens the limits to per node for its duration, it never stops forms or sign-in.
/// </summary>
public sealed class SharedAttempts(IConnectionMultiplexer redis, ILogger<SharedAttempts> logger)
{
    // Drop what is older than the window; take a place if fewer than the limit remain. One script, so two nodes cannot both take the last place.
    private const string TakeScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
          redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
          redis.call('PEXPIRE', KEYS[1], ARGV[5])
          return 1
        end
        return 0
        """;

    /// <summary>Takes one attempt from the address's allowance.</summary>
    /// <returns>Whether it was allowed; null when Redis cannot answer.</returns>
    public bool? TryTake(string purpose, string address, int limit, TimeSpan window, DateTimeOffset now) =>
        TryCall(db => (int)db.ScriptEvaluate(TakeScript, [Key(purpose, address)],
            [(now - window).ToUnixTimeMilliseconds(), now.ToUnixTimeMilliseconds(), limit, Member(now), (long)window.TotalMilliseconds]) == 1,
            out var taken) ? taken : null;

    /// <summary>Records one attempt.</summary>
    /// <returns>False when Redis cannot answer.</returns>
    public bool Add(string purpose, string address, TimeSpan window, DateTimeOffset now) => TryCall(db =>
    {
        var key = Key(purpose, address);
        db.SortedSetAdd(key, Member(now), now.ToUnixTimeMilliseconds());
        return db.KeyExpire(key, window);
    }, out _);

    /// <summary>The address's attempts within the window, oldest first; null when Redis cannot answer.</summary>
    public IReadOnlyList<DateTimeOffset>? Recent(string purpose, string address, TimeSpan window, DateTimeOffset now) =>
        TryCall(db => db.SortedSetRangeByScoreWithScores(Key(purpose, address), (now - window).ToUnixTimeMilliseconds(), double.PositiveInfinity, Exclude.Start)
            .Select(e => DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score)).ToList(), out var recent) ? recent : null;

    private bool TryCall<T>(Func<IDatabase, T> call, out T result)
    {
        result = default!;
        // Asking a disconnected client would wait for its timeout on every request.
        if (!redis.IsConnected) return false;
        try
        {
            result = call(redis.GetDatabase());
            return true;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Redis did not answer; counting attempts on this node alone");
            return false;
        }
    }

    private static RedisKey Key(string purpose, string address) =>
        $"zaitaku:attempts:{purpose}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(address)))[..32]}";

    private static RedisValue Member(DateTimeOffset now) => $"{now.ToUnixTimeMilliseconds()}:{Guid.NewGuid():N}";
}
