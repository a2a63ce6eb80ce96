using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Web.Forms.Data;
using Zaitaku.Web.Tests.Infrastructure;
using static Zaitaku.Web.Tests.Forms.TestForms;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>Where the forms' data lives: Umbraco's database, migrated for both providers, and a key ring the backup can carry.</summary>
public sealed class FormStorageTests(SharedSite site) : IClassFixture<SharedSite>
{
    [Theory]
    [InlineData(FormsDbContext.SqliteProvider, "Data Source=unused.db")]
    [InlineData(FormsDbContext.SqlServerProvider, "Server=unused;Database=unused;TrustServerCertificate=True")]
    public void Each_providers_migrations_match_the_model(string provider, string connectionString)
    {
        // Opens no connection: compares the last migration's snapshot with the model (SQL Server cannot run here).
        using var db = FormsDbContext.ForMigrations(provider, connectionString);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model changed without a migration (Forms/Data/add-migration.sh)");
    }

    [Fact]
    public async Task The_tables_are_in_Umbracos_database_and_the_seeded_forms_are_there_once_with_their_keys()
    {
        var applied = await WithDbAsync(db => db.Database.GetAppliedMigrationsAsync());
        Assert.NotEmpty(applied);
        var keys = await WithDbAsync(db => db.Forms.Select(f => f.Key).ToListAsync());
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "content-seed", "forms"), "*.json"))
        {
            var key = Guid.Parse(System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("key").GetString()!);
            Assert.Equal(1, keys.Count(k => k == key));
        }
        // Umbraco's own tables are in the same file.
        var connection = await WithDbAsync(db => Task.FromResult(db.Database.GetDbConnection().DataSource));
        Assert.EndsWith("Umbraco.sqlite.db", connection);
    }

    [Fact]
    public async Task Entries_are_encrypted_with_keys_kept_in_the_sites_data_folder()
    {
        var form = await CopyAsync(Feedback);
        await new FormFiller(Person.Browser()).SubmitAsync(PageOf(form, "/"), form.Name, ("このページの評価", "役に立った"), ("ご意見", "鍵のテスト"));

        var entry = Assert.Single(await EntriesAsync(form));
        Assert.DoesNotContain("鍵のテスト", entry.ProtectedValues);
        var keys = Path.Combine(site.Factory.ContentRoot, "umbraco", "Data", "keys");
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
        Assert.Contains(site.Factory.Services.GetRequiredService<Zaitaku.Web.Forms.FormEntries>().Read(entry), v => v.Value == "鍵のテスト");
    }
}
