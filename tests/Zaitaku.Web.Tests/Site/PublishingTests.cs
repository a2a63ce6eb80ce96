using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>
/// The public site reads the published cache in memory: a draft changes nothing, publishing
/// changes every page that shows the node, and the database is not read to serve a page.
/// </summary>
public sealed class PublishingTests : IDisposable
{
    private readonly SiteFactory _factory = new();
    private readonly HttpClient _client;

    public PublishingTests() => _client = _factory.CreatePlainClient();

    public void Dispose() => _factory.Dispose();

    private Task<T> WithContentAsync<T>(Func<ContentService, ZaitakuDbContext, Task<T>> action) =>
        _factory.WithDatabaseAsync<ContentService, T>((db, content) => action(content, db));

    private Task RenameColumnAsync(string segment, string newName, bool publish) => WithContentAsync<bool>(async (content, db) =>
    {
        var node = await db.ContentNodes.Include(n => n.DraftVersion)
            .SingleAsync(n => n.ContentTypeAlias == "column" && n.DraftVersion!.UrlSegment == segment);
        var values = Zaitaku.Core.Content.PropertyValues.Deserialize(node.DraftVersion!.ValuesJson);
        await content.SaveDraftAsync(node, newName, segment, values, "test");
        if (publish) await content.PublishAsync(node);
        return true;
    });

    [Fact]
    public async Task A_saved_draft_stays_off_the_public_site_until_it_is_published()
    {
        // Warm the cache of every page that shows this column.
        foreach (var url in new[] { "/columns/2025-06-01/", "/columns/", "/", "/associations/houmon-kango/" })
            Assert.Contains("生活習慣病の予防や治療", await _client.GetStringAsync(url));

        await RenameColumnAsync("2025-06-01", "生活習慣病の予防と治療（改訂）", publish: false);
        Assert.DoesNotContain("（改訂）", await _client.GetStringAsync("/columns/2025-06-01/"));

        await RenameColumnAsync("2025-06-01", "生活習慣病の予防と治療（改訂）", publish: true);
        foreach (var url in new[] { "/columns/2025-06-01/", "/columns/", "/", "/associations/houmon-kango/", "/sitemap/", "/columns/2025-05-01/" })
            Assert.Contains("生活習慣病の予防と治療（改訂）", await _client.GetStringAsync(url));
    }

    [Fact]
    public async Task Unpublishing_a_page_makes_it_404_and_removes_it_from_lists()
    {
        Assert.Contains("社会参加", await _client.GetStringAsync("/columns/"));

        await WithContentAsync<bool>(async (content, db) =>
        {
            var node = await db.ContentNodes.SingleAsync(n => n.PublishedVersion!.UrlSegment == "2025-03-01");
            await content.UnpublishAsync(node);
            return true;
        });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await _client.GetAsync("/columns/2025-03-01/")).StatusCode);
        Assert.Contains("全8件", Html.Text(await _client.GetStringAsync("/columns/")));
    }

    [Fact]
    public async Task Pages_are_served_from_memory_not_from_the_database()
    {
        Assert.Contains("適度な運動", await _client.GetStringAsync("/columns/2025-02-01/"));

        // Change the stored published version behind the engine's back: a page that read the
        // database would show it; the site keeps serving its published snapshot.
        await WithContentAsync(async (_, db) =>
            await db.ContentVersions.Where(v => v.UrlSegment == "2025-02-01").ExecuteUpdateAsync(s => s.SetProperty(v => v.Name, "データベースを直接変更")));

        Assert.Contains("適度な運動", await _client.GetStringAsync("/columns/2025-02-01/"));
        Assert.DoesNotContain("データベースを直接変更", await _client.GetStringAsync("/columns/?year=2024"));
    }
}

/// <summary>Two web servers on one database: what one publishes, the other serves within seconds.</summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task A_publish_on_one_instance_reaches_the_other_instances_pages()
    {
        using var a = new SiteFactory { KeepDataFolder = true };
        await a.CreatePlainClient().GetStringAsync("/");
        using var b = a.SecondInstance();
        var bClient = b.CreatePlainClient();
        var sync = b.Services.GetRequiredService<Zaitaku.Web.Notifications.DatabaseChangeCheck>();
        await sync.CheckAsync(); // baseline
        Assert.Contains("食事と栄養", await bClient.GetStringAsync("/columns/2025-02-15/"));

        await a.WithDatabaseAsync<ContentService>(async (db, content) =>
        {
            var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleAsync(n => n.DraftVersion!.UrlSegment == "2025-02-15");
            await content.SaveDraftAsync(node, "食事と栄養（改訂）", "2025-02-15",
                Zaitaku.Core.Content.PropertyValues.Deserialize(node.DraftVersion!.ValuesJson), "test");
            await content.PublishAsync(node);
        });

        // The check runs every few seconds on its own; calling it here just saves the wait.
        await sync.CheckAsync();
        Assert.Contains("食事と栄養（改訂）", await bClient.GetStringAsync("/columns/2025-02-15/"));
        Assert.Contains("食事と栄養（改訂）", await bClient.GetStringAsync("/columns/"));
        Assert.False(await sync.CheckAsync()); // nothing new
    }
}
