using System.Diagnostics;
using System.Net;
using Npgsql;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Operations;

/// <summary>
/// The backup and restore commands on a PostgreSQL site (pg_dump, pg_restore), as an operator runs
/// them: a running site with content, media and a form entry is backed up, restored into an empty
/// database and an empty data folder, and the copy has every page, every file and a readable entry.
/// </summary>
public sealed class PostgreSqlBackupTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Enquiry = "事務局へのお問い合わせ";

    [PostgreSqlFact]
    public async Task A_backup_of_a_running_PostgreSQL_site_restores_into_an_empty_database_with_every_page_file_and_readable_entry()
    {
        var server = Environment.GetEnvironmentVariable("ZAITAKU_TEST_PG")!;
        var source = "zaitaku_backup_" + Guid.NewGuid().ToString("N");
        var target = "zaitaku_restore_" + Guid.NewGuid().ToString("N");
        string On(string database) => new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
        Dictionary<string, string> SiteOn(string database) => new()
        {
            ["Zaitaku__Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Zaitaku"] = On(database),
        };
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "zaitaku-tests"));
        var archive = Path.Combine(Path.GetTempPath(), "zaitaku-tests", $"pg-backup-{Guid.NewGuid():N}.zip");
        var site = new SiteProcess(SiteOn(source));
        var restored = new SiteProcess(SiteOn(target));
        try
        {
            await site.StartAsync();
            var sent = await new FormFiller(site.NewClient().Http).SubmitAsync("/contact/", Enquiry,
                ("お名前", "復元 ピージー"), ("メールアドレス", "pg-restore@example.jp"), ("電話番号", "0743-55-0198"),
                ("お問い合わせの種類", "このサイトについて"), ("お問い合わせの内容", "PostgreSQL から戻したあとも読める文章 Q8"), ("個人情報の取り扱い", "同意する"));
            Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);

            // While the site keeps running: pg_dump reads one snapshot.
            var clock = Stopwatch.StartNew();
            var backup = await SiteCommand.RunAsync(site.DataFolder, ["backup", archive], SiteOn(source));
            Assert.True(backup.ExitCode == 0, backup.Output);
            Assert.Contains("バックアップを作成しました", backup.Output);
            var backupTime = clock.Elapsed;

            // Into an empty database (made by the operator, as the README says) and an empty data folder.
            await ExecuteAsync(On("postgres"), $"CREATE DATABASE \"{target}\"");
            clock.Restart();
            var restore = await SiteCommand.RunAsync(restored.DataFolder, ["restore", archive], SiteOn(target));
            Assert.True(restore.ExitCode == 0, restore.Output);
            var restoreTime = clock.Elapsed;
            // A second restore into what is now full is refused, and changes nothing.
            var again = await SiteCommand.RunAsync(restored.DataFolder, ["restore", archive], SiteOn(target));
            Assert.Equal(1, again.ExitCode);
            Assert.Contains("復元先が空ではありません", again.Output);
            await restored.StartAsync();

            await RestoredSite.AssertSamePagesAndFilesAsync(site.BaseAddress, restored.BaseAddress);

            // The entry, decrypted with the restored Data Protection keys.
            var admin = await restored.SignInAsync();
            var formId = Convert.ToInt32(await ScalarAsync(On(target), $"SELECT \"Id\" FROM \"Form\" WHERE \"Name\" = '{Enquiry}'"));
            await RestoredSite.AssertEntryReadableAsync(admin, formId, "復元 ピージー", "PostgreSQL から戻したあとも読める文章 Q8");
            output.WriteLine($"PostgreSQL seed site: backup {backupTime.TotalSeconds:0.0} s, restore {restoreTime.TotalSeconds:0.0} s ({new FileInfo(archive).Length / 1024} KB)");
        }
        finally
        {
            site.Dispose();
            restored.Dispose();
            File.Delete(archive);
            foreach (var database in new[] { source, target })
                await ExecuteAsync(On("postgres"), $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

/// <summary>Skipped, saying why, without tests/run.sh's PostgreSQL server (ZAITAKU_TEST_PG) or pg_dump.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ZAITAKU_TEST_PG")))
            Skip = "ZAITAKU_TEST_PG がありません。PostgreSQL のテストは bash tests/run.sh で実行してください（サーバーを起動して接続文字列を渡します）。";
        else if (!File.Exists("/usr/bin/pg_dump"))
            Skip = "pg_dump がありません（Debian: postgresql-client）。";
    }
}
