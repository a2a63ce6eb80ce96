using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>
/// The index is always current and looks after itself: a publish or unpublish shows in search
/// within a second, and a deleted or corrupted index is rebuilt at start while pages are served.
/// </summary>
public sealed class SearchIndexTests
{
    private static async Task<string> SearchTextAsync(HttpClient client, string query) =>
        Html.Text(await client.GetStringAsync("/search?q=" + Uri.EscapeDataString(query)));

    private static async Task<List<string>> ResultUrlsAsync(HttpClient client, string query) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await client.GetStringAsync("/search?q=" + Uri.EscapeDataString(query)))
            .QuerySelectorAll(".search-result__title a").Select(a => a.GetAttribute("href")!).ToList();

    /// <summary>Searches until the page says <paramref name="expected"/>, for at most one second.</summary>
    private static async Task<string> WithinASecondAsync(HttpClient client, string query, string expected)
    {
        var until = DateTime.UtcNow.AddSeconds(1);
        string text;
        while (!(text = await SearchTextAsync(client, query)).Contains(expected) && DateTime.UtcNow < until) await Task.Delay(20);
        return text;
    }

    private static Task WithContentAsync(SiteFactory factory, Func<ContentService, ZaitakuDbContext, Task> action) =>
        factory.WithDatabaseAsync<ContentService>((db, content) => action(content, db));

    [Fact]
    public async Task Publishing_and_unpublishing_show_in_search_within_a_second()
    {
        using var factory = new SiteFactory();
        var client = factory.CreatePlainClient();
        await SearchReady.WaitAsync(client);
        Assert.Contains("一致するページは見つかりませんでした", await SearchTextAsync(client, "口腔体操"));

        await WithContentAsync(factory, async (content, db) =>
        {
            var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleAsync(n => n.DraftVersion!.UrlSegment == "2025-03-15");
            var values = Zaitaku.Core.Content.PropertyValues.Deserialize(node.DraftVersion!.ValuesJson).ToDictionary();
            values["body"] = "お口の周りの筋肉をきたえる口腔体操を、毎日続けましょう。";
            await content.SaveDraftAsync(node, "口の健康と認知症", "2025-03-15", values, "test");
            Assert.Contains("一致するページは見つかりませんでした", await SearchTextAsync(client, "口腔体操")); // a draft is not searchable
            await content.PublishAsync(node);
        });
        var found = await WithinASecondAsync(client, "口腔体操", "1件見つかりました");
        Assert.Contains("1件見つかりました", found);
        Assert.Contains("口の健康と認知症", found);

        await WithContentAsync(factory, async (content, db) =>
            await content.UnpublishAsync(await db.ContentNodes.SingleAsync(n => n.PublishedVersion!.UrlSegment == "2025-03-15")));
        Assert.Contains("一致するページは見つかりませんでした", await WithinASecondAsync(client, "口腔体操", "一致するページは見つかりませんでした"));
    }

    [Fact]
    public async Task Unpublishing_a_page_removes_its_descendants_from_search_too()
    {
        using var factory = new SiteFactory();
        var client = factory.CreatePlainClient();
        await SearchReady.WaitAsync(client);
        Assert.Contains("/columns/2025-05-01/", await ResultUrlsAsync(client, "接し方"));

        await WithContentAsync(factory, async (content, db) =>
            await content.UnpublishAsync(await db.ContentNodes.SingleAsync(n => n.ContentTypeAlias == "columnList")));

        // The pages that mention the column are still found; nothing under /columns/ is.
        var until = DateTime.UtcNow.AddSeconds(1);
        List<string> urls;
        while ((urls = await ResultUrlsAsync(client, "接し方")).Any(u => u.StartsWith("/columns/")) && DateTime.UtcNow < until)
            await Task.Delay(20);
        Assert.DoesNotContain(urls, u => u.StartsWith("/columns/"));
        Assert.Contains("/associations/kyotaku-kaigo-shien/", urls);
    }

    [Fact]
    public async Task A_second_instance_on_the_same_data_folder_searches_and_catches_up_with_the_first()
    {
        using var a = new SiteFactory();
        await SearchReady.WaitAsync(a.CreatePlainClient());
        using var b = a.SecondInstance();
        var client = b.CreatePlainClient();
        await SearchReady.WaitAsync(client); // the files are a's: b keeps its index in memory
        Assert.Contains("/columns/2025-05-01/", await ResultUrlsAsync(client, "接し方"));
        var sync = b.Services.GetRequiredService<Zaitaku.Web.Notifications.DatabaseChangeCheck>();
        await sync.CheckAsync(); // the baseline reading

        await WithContentAsync(a, async (content, db) =>
            await content.UnpublishAsync(await db.ContentNodes.SingleAsync(n => n.PublishedVersion!.UrlSegment == "2025-05-01")));
        Assert.True(await sync.CheckAsync()); // what b's cache sync does every 5 seconds

        // b was told nothing; its indexer compares its cache with its index every 5 seconds.
        var until = DateTime.UtcNow.AddSeconds(15);
        while ((await ResultUrlsAsync(client, "接し方")).Contains("/columns/2025-05-01/") && DateTime.UtcNow < until) await Task.Delay(200);
        Assert.DoesNotContain("/columns/2025-05-01/", await ResultUrlsAsync(client, "接し方"));
    }

    [Fact]
    public async Task A_deleted_index_is_rebuilt_at_start()
    {
        var folder = await FirstStartAsync();
        Directory.Delete(Path.Combine(folder, "search"), recursive: true);

        await AssertRecoversAsync(folder);
    }

    [Fact]
    public async Task A_corrupted_index_is_rebuilt_at_start_while_pages_are_served()
    {
        var folder = await FirstStartAsync();
        foreach (var file in Directory.GetFiles(Path.Combine(folder, "search")))
            if (!file.EndsWith("write.lock")) File.WriteAllBytes(file, System.Text.Encoding.UTF8.GetBytes("これは壊れたファイルです"));

        await AssertRecoversAsync(folder);
    }

    [Fact]
    public async Task A_half_written_segment_is_rebuilt_at_start()
    {
        var folder = await FirstStartAsync();
        var largest = new DirectoryInfo(Path.Combine(folder, "search")).GetFiles().OrderByDescending(f => f.Length).First();
        using (var stream = largest.Open(FileMode.Open)) stream.SetLength(stream.Length / 2);

        await AssertRecoversAsync(folder);
    }

    private static async Task<string> FirstStartAsync()
    {
        using var first = new SiteFactory { KeepDataFolder = true };
        await SearchReady.WaitAsync(first.CreatePlainClient());
        return first.DataFolder;
    }

    private static async Task AssertRecoversAsync(string folder)
    {
        using var site = SiteFactory.OnDataFolder(folder);
        var client = site.CreatePlainClient();
        try
        {
            // Pages do not wait for the index.
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/acp/")).StatusCode);
            var first = await client.GetAsync("/search?q=" + Uri.EscapeDataString("人生会議"));
            Assert.True(first.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable);
            if (first.StatusCode == HttpStatusCode.ServiceUnavailable)
                Assert.Contains("検索の準備中です", await first.Content.ReadAsStringAsync());

            await SearchReady.WaitAsync(client);
            Assert.Equal("/acp/", (await ResultUrlsAsync(client, "人生会議"))[0]);
        }
        finally
        {
            site.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
