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
                var sqlite = new DbContextOptionsBuilder<SqliteZaitakuDbContext>().UseSqlite(cs).Options;
                _create = () => new SqliteZaitakuDbContext(sqlite);
                break;
        }
    }

    public DatabaseProvider Provider { get; }

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
