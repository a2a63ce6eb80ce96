using Umbraco.Cms.Core;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>
/// Feeds, charts and data files follow what editors publish in Umbraco, and never show a draft or an unpublished page.
/// The Umbraco site's version of the old site's OpenDataPublishingTests: the same assertions, with content changed
/// through Umbraco's content service; a new column and a new window of the test's own instead of the seeded ones, and
/// the seeded statistics put back afterwards. Alone on the shared site: other tests count the columns and windows.
/// </summary>
[Collection(AloneOnTheSite.Name)]
public sealed class OpenDataPublishingTests(SharedSite site)
{
    private readonly HttpClient _client = site.Client;
    private readonly SiteContent _content = new(site.Factory);

    [Fact]
    public async Task Editing_the_statistics_moves_the_chart_and_the_csv_after_publishing_only()
    {
        var key = SiteContent.SeedKey("/about/participation/");
        var original = (string)_content.Get(key).GetValue("table", published: true)!;
        string ChangeR6Council(string table) => table.Replace("2024,R6,推進会議,1,11,23", "2024,R6,推進会議,1,11,612", StringComparison.Ordinal);
        Assert.NotEqual(original, ChangeR6Council(original));
        Assert.DoesNotContain("612人", Html.WithoutNoBreaks(await _client.GetStringAsync("/about/participation/")));
        Assert.DoesNotContain(",612", await _client.GetStringAsync("/opendata/participation.csv"));
        var sizeBefore = (await _client.GetByteArrayAsync("/opendata/participation.csv")).Length;
        try
        {
            _content.Edit(key, c => c.SetValue("table", ChangeR6Council(original)), publish: false);
            Assert.DoesNotContain(",612", await _client.GetStringAsync("/opendata/participation.csv"));
            Assert.DoesNotContain("612人", Html.WithoutNoBreaks(await _client.GetStringAsync("/about/participation/")));

            _content.Edit(key, _ => { }, publish: true);
            var page = Html.WithoutNoBreaks(await _client.GetStringAsync("/about/participation/"));
            Assert.Contains(">612人</text>", Html.Between(page, "id=\"chart-participants-by-body-title\"", "</svg>")!);
            // The yearly total follows too: 612 + 24 + 42 + 25 + 26 + 20.
            Assert.Contains(">749人</text>", Html.Between(page, "id=\"chart-participants-by-year-title\"", "</svg>")!);
            Assert.Contains("推進会議,1,11,612", await _client.GetStringAsync("/opendata/participation.csv"));
            // The data page states the new file's size.
            var sizeAfter = (await _client.GetByteArrayAsync("/opendata/participation.csv")).Length;
            Assert.Equal(sizeBefore + 1, sizeAfter);
            Assert.Contains($"（CSV：{Zaitaku.Infrastructure.Media.MediaText.FormatSize(sizeAfter)}）", Html.Text(await _client.GetStringAsync("/opendata/")));
        }
        finally
        {
            _content.Edit(key, c => c.SetValue("table", original), publish: true);
        }
    }

    [Fact]
    public async Task A_column_shows_in_the_feed_once_published_renamed_once_republished_and_leaves_it_when_unpublished()
    {
        var column = _content.Create("/columns/", "column", "テスト用のコラム", new Dictionary<string, object?>
        {
            ["issueDate"] = new DateTime(2030, 1, 1), ["theme"] = "テスト用のテーマ", ["body"] = "本文です。",
            ["association"] = Udi.Create(Constants.UdiEntityType.Document, SiteContent.SeedKey("/associations/ishikai/")).ToString(),
            ["umbracoUrlName"] = "2030-01-01-test",
        }, publish: false);
        try
        {
            Assert.DoesNotContain("テスト用のコラム", await _client.GetStringAsync("/feeds/columns.atom"));

            _content.Edit(column.Key, _ => { }, publish: true);
            var feed = await _client.GetStringAsync("/feeds/columns.atom");
            Assert.Contains("<title>テスト用のコラム</title>", feed);
            Assert.Contains($"urn:uuid:{column.Key:D}", feed);

            _content.Edit(column.Key, c => c.Name = "テスト用のコラム（改訂）", publish: false);
            Assert.DoesNotContain("（改訂）", await _client.GetStringAsync("/feeds/columns.atom"));

            _content.Edit(column.Key, _ => { }, publish: true);
            feed = await _client.GetStringAsync("/feeds/columns.atom");
            Assert.Contains("テスト用のコラム（改訂）", feed);
            // Still the same entry to a feed reader.
            Assert.Contains($"urn:uuid:{column.Key:D}", feed);

            _content.Unpublish(column.Key);
            feed = await _client.GetStringAsync("/feeds/columns.atom");
            Assert.DoesNotContain("テスト用のコラム", feed);
            Assert.DoesNotContain("/columns/2030-01-01-test/", feed);
            Assert.DoesNotContain("/columns/2030-01-01-test/", await _client.GetStringAsync("/feeds/pages.atom"));
        }
        finally
        {
            _content.Delete(column.Key);
        }
    }

    [Fact]
    public async Task An_unpublished_window_leaves_the_open_data_and_a_draft_never_enters_it()
    {
        var window = _content.Create("/soudan/", "consultationWindow", "テスト用の相談窓口", new Dictionary<string, object?>
        {
            ["windowKind"] = "[\"在宅医療介護支援センター\"]", ["summary"] = "テスト用の窓口です。", ["phone"] = "0743-00-1111",
            ["umbracoUrlName"] = "test-window",
        }, publish: true);
        try
        {
            var csv = await _client.GetStringAsync("/opendata/consultation-windows.csv");
            Assert.Contains("テスト用の相談窓口", csv);
            Assert.Contains("0743-00-1111", csv);

            _content.Edit(window.Key, c => c.SetValue("phone", "0743-00-9999"), publish: false);
            Assert.DoesNotContain("0743-00-9999", await _client.GetStringAsync("/opendata/consultation-windows.json"));

            _content.Unpublish(window.Key);
            csv = await _client.GetStringAsync("/opendata/consultation-windows.csv");
            Assert.DoesNotContain("/soudan/test-window/", csv);
            Assert.DoesNotContain("0743-00-9999", csv);
            Assert.Contains("/soudan/chiiki-houkatsu/", csv);
        }
        finally
        {
            _content.Delete(window.Key);
        }
    }
}
