using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Zaitaku.Infrastructure.Data;

/// <summary>
/// Lets a background job run on one node at a time when several nodes share a PostgreSQL database
/// (the mail outbox, the column reminders, the retention of form entries): a session-level advisory
/// lock, held for the round on a connection of its own, so a node that dies releases it with its
/// connection. The other nodes skip that round; their next tick tries again. On SQLite there is one
/// node, and the round simply runs.
/// </summary>
public sealed class ClusterLock(IDbContextFactory<ZaitakuDbContext> dbFactory, ILogger<ClusterLock> logger)
{
    /// <returns>False when another node holds the lock and the round was skipped.</returns>
    public async Task<bool> RunAloneAsync(string name, Func<CancellationToken, Task> work, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsNpgsql())
        {
            await work(ct);
            return true;
        }
        var key = Key(name);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var taken = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock({key}) AS \"Value\"").SingleAsync(ct);
            if (!taken)
            {
                logger.LogDebug("{Job} is running on another node; skipped here", name);
                return false;
            }
            try { await work(ct); }
            finally { await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({key})", CancellationToken.None); }
            return true;
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    /// <summary>A stable 64-bit key for the name (string.GetHashCode differs between processes).</summary>
    private static long Key(string name) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("zaitaku:" + name)));
}
