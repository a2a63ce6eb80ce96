using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Core.Content;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>
/// Feeds, charts and data files follow what editors publish: cached, evicted on publish, and never
/// showing a draft or an unpublished page.
/// </summary>
/// <remarks>The tests share one site: each changes different nodes (the statistics page, one column, the windows).</remarks>
public sealed class OpenDataPublishingTests(SharedSite site) : IClassFixture<SharedSite>
{
    private readonly SiteFactory _factory = site.Factory;
    private readonly HttpClient _client = site.Client;

    private Task EditAsync(Func<ContentNode, bool> which, Func<IReadOnlyDictionary<string, string>, Dictionary<string, string>> change, bool publish, string? name = null) =>
        _factory.WithDatabaseAsync<ContentService>(async (db, content) =>
        {
            var node = (await db.ContentNodes.Include(n => n.DraftVersion).ToListAsync()).Single(which);
            var values = change(PropertyValues.Deserialize(node.DraftVersion!.ValuesJson));
            await content.SaveDraftAsync(node, name ?? node.DraftVersion.Name, node.DraftVersion.UrlSegment, values, "test");
            if (publish) await content.PublishAsync(node);
        });

    private static Func<ContentNode, bool> Segment(string segment) => n => n.DraftVersion!.UrlSegment == segment;

    [Fact]
    public async Task Editing_the_statistics_moves_the_chart_and_the_csv_after_publishing_only()
    {
        string ChangeR6Council(string table) => table.Replace("2024,R6,推進会議,1,11,23", "2024,R6,推進会議,1,11,612", StringComparison.Ordinal);
        // Warm the caches.
        Assert.DoesNotContain("612人", Html.WithoutNoBreaks(await _client.GetStringAsync("/about/participation/")));
        Assert.DoesNotContain(",612", await _client.GetStringAsync("/opendata/participation.csv"));
        var sizeBefore = (await _client.GetByteArrayAsync("/opendata/participation.csv")).Length;

        await EditAsync(Segment("participation"), v => new(v) { ["table"] = ChangeR6Council(v["table"]) }, publish: false);
        Assert.DoesNotContain(",612", await _client.GetStringAsync("/opendata/participation.csv"));

        await EditAsync(Segment("participation"), v => new(v) { ["table"] = ChangeR6Council(v["table"]) }, publish: true);
        var page = Html.WithoutNoBreaks(await _client.GetStringAsync("/about/participation/"));
        var byBody = Html.Between(page, "id=\"chart-participants-by-body-title\"", "</svg>")!;
        Assert.Contains(">612人</text>", byBody);
        // The yearly total follows too: 612 + 24 + 42 + 25 + 26 + 20.
        Assert.Contains(">749人</text>", Html.Between(page, "id=\"chart-participants-by-year-title\"", "</svg>")!);
        Assert.Contains("推進会議,1,11,612", await _client.GetStringAsync("/opendata/participation.csv"));
        // The data page's stated size is the new file's.
        var sizeAfter = (await _client.GetByteArrayAsync("/opendata/participation.csv")).Length;
        Assert.Equal(sizeBefore + 1, sizeAfter);
    }

    [Fact]
    public async Task A_renamed_column_shows_in_the_feed_once_published_and_an_unpublished_one_leaves_it()
    {
        Assert.Contains("生活習慣病の予防や治療", await _client.GetStringAsync("/feeds/columns.atom"));

        await EditAsync(Segment("2025-06-01"), v => new(v), publish: false, name: "生活習慣病の予防と治療（改訂）");
        Assert.DoesNotContain("（改訂）", await _client.GetStringAsync("/feeds/columns.atom"));

        await EditAsync(Segment("2025-06-01"), v => new(v), publish: true, name: "生活習慣病の予防と治療（改訂）");
        Assert.Contains("生活習慣病の予防と治療（改訂）", await _client.GetStringAsync("/feeds/columns.atom"));

        await _factory.WithDatabaseAsync<ContentService>(async (db, content) =>
            await content.UnpublishAsync(await db.ContentNodes.SingleAsync(n => n.PublishedVersion!.UrlSegment == "2025-06-01")));
        var feed = await _client.GetStringAsync("/feeds/columns.atom");
        Assert.DoesNotContain("（改訂）", feed);
        Assert.DoesNotContain("/columns/2025-06-01/", feed);
        Assert.DoesNotContain("/columns/2025-06-01/", await _client.GetStringAsync("/feeds/pages.atom"));
    }

    [Fact]
    public async Task An_unpublished_window_leaves_the_open_data_and_a_draft_never_enters_it()
    {
        Assert.Contains("在宅医療介護支援センター", await _client.GetStringAsync("/opendata/consultation-windows.csv"));

        await EditAsync(n => n.DraftVersion!.UrlSegment == "chiiki-houkatsu" && n.ContentTypeAlias == "consultationWindow", v => new(v) { ["phone"] = "0743-00-9999" }, publish: false);
        Assert.DoesNotContain("0743-00-9999", await _client.GetStringAsync("/opendata/consultation-windows.json"));

        await _factory.WithDatabaseAsync<ContentService>(async (db, content) => await content.UnpublishAsync(
            await db.ContentNodes.SingleAsync(n => n.PublishedVersion!.UrlSegment == "zaitaku-shien-center" && n.ContentTypeAlias == "consultationWindow")));
        var csv = await _client.GetStringAsync("/opendata/consultation-windows.csv");
        Assert.DoesNotContain("/soudan/zaitaku-shien-center/", csv);
        Assert.Contains("/soudan/chiiki-houkatsu/", csv);
        Assert.DoesNotContain("0743-00-9999", csv);
    }
}
