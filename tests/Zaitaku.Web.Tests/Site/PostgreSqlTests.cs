using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>
/// PostgreSQL replaces SQLite by configuration alone: the same migrations-driven start, seed import
/// and pages, against a real server on 127.0.0.1 (tests/run.sh starts it and passes ZAITAKU_TEST_PG).
/// </summary>
public sealed class PostgreSqlTests
{
    private static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable("ZAITAKU_TEST_PG")
        ?? throw new InvalidOperationException("ZAITAKU_TEST_PG がありません。テストは README のコマンド（bash tests/run.sh）で実行してください。PostgreSQL を起動して接続文字列を渡します。");

    [Fact]
    public async Task The_site_runs_on_postgresql_by_configuration()
    {
        var database = "zaitaku_test_" + Guid.NewGuid().ToString("N");
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString()) { Database = database }.ConnectionString;
        using var factory = new SiteFactory()
            .WithSetting("Zaitaku:Database:Provider", "PostgreSql")
            .WithSetting("ConnectionStrings:Zaitaku", connectionString);
        try
        {
            var client = factory.CreatePlainClient();
            var text = Html.Text(await client.GetStringAsync("/columns/"));
            Assert.Contains("全9件", text);
            Assert.Contains("認知症は早期発見・早期対応が大切です", text);

            await factory.WithDatabaseAsync(async db =>
            {
                Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
                Assert.False(File.Exists(Path.Combine(factory.DataFolder, "zaitaku.db")));
                Assert.Equal(65, await db.ContentNodes.CountAsync(n => n.PublishedVersionId != null));
            });
        }
        finally
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ZaitakuDbContext>().Database.EnsureDeletedAsync();
        }
    }
}
