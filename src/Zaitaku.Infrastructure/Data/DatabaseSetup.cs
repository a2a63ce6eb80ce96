using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Zaitaku.Infrastructure.Data;

public enum DatabaseProvider { Sqlite, PostgreSql }

/// <summary>
/// Creates <see cref="ZaitakuDbContext"/> for the configured provider. With no connection string,
/// the embedded SQLite file zaitaku.db under the data folder is used.
/// </summary>
public sealed class ZaitakuDbContextFactory : IDbContextFactory<ZaitakuDbContext>
{
    private readonly Func<ZaitakuDbContext> _create;

    public ZaitakuDbContextFactory(DatabaseProvider provider, string? connectionString, string dataFolder)
    {
        Provider = provider;
        switch (provider)
        {
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(connectionString))
                    throw new InvalidOperationException("PostgreSQL を使うには ConnectionStrings:Zaitaku を設定してください。");
                var pg = new DbContextOptionsBuilder<PostgreSqlZaitakuDbContext>().UseNpgsql(connectionString).Options;
                _create = () => new PostgreSqlZaitakuDbContext(pg);
                break;
            default:
                var cs = string.IsNullOrWhiteSpace(connectionString)
                    ? $"Data Source={Path.Combine(dataFolder, "zaitaku.db")}"
                    : connectionString;
                var sqlite = new DbContextOptionsBuilder<SqliteZaitakuDbContext>().UseSqlite(WithBusyTimeout(cs)).Options;
                _create = () => new SqliteZaitakuDbContext(sqlite);
                break;
        }
    }

    public DatabaseProvider Provider { get; }

    /// <summary>
    /// How long a SQLite command waits for another connection's write lock before giving up with
    /// "database is locked" (Microsoft.Data.Sqlite retries for the command's timeout). Its default,
    /// 30 s, would keep a person looking at a spinning page for half a minute before the 503 page that
    /// keeps their text; a lock held longer than a few seconds is an outage, not a queue. Background
    /// jobs retry at their next tick, so they lose nothing by the shorter wait either.
    /// </summary>
    public const int SqliteBusyTimeoutSeconds = 5;

    /// <summary>The connection string with <see cref="SqliteBusyTimeoutSeconds"/>, unless it names a timeout itself.</summary>
    public static string WithBusyTimeout(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            builder.DefaultTimeout = SqliteBusyTimeoutSeconds;
        return builder.ToString();
    }

    public ZaitakuDbContext CreateDbContext() => _create();
}

// Used only by `dotnet ef migrations add`; the running site builds its options from configuration.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteZaitakuDbContext>
{
    public SqliteZaitakuDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteZaitakuDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlZaitakuDbContext>
{
    public PostgreSqlZaitakuDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlZaitakuDbContext>().UseNpgsql("Host=localhost;Database=zaitaku_design").Options);
}
