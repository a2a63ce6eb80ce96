using System.Net;
using AngleSharp.Html.Parser;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Search;

/// <summary>
/// The search page over the seeded site, as a resident uses it: what each query brings up first,
/// the snippet, the filters and pages, and what happens with a query that finds nothing or is nonsense.
/// The previous engine's SearchTests with their assertions, on the Umbraco site; where Umbraco differs (the address
/// of a media file) the assertion says what Umbraco gives.
/// </summary>
[Collection(SearchCollection.Name)]
public sealed class SearchTests : IClassFixture<SharedSite>, IAsyncLifetime
{
    private readonly HttpClient _client;

    public SearchTests(SharedSite site) => _client = site.Client;

    public Task InitializeAsync() => SearchReady.WaitAsync(_client);
    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<string> SearchAsync(string query, string extra = "")
    {
        var response = await _client.GetAsync("/search?q=" + Uri.EscapeDataString(query) + extra);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static List<string> ResultUrls(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll(".search-result__title a").Select(a => a.GetAttribute("href")!).ToList();

    /// <summary>Queries a resident would type, over what the seed says, and the page they must get.</summary>
    public static TheoryData<string, string, int> Relevance() => new()
    {
        // the nine 広報つながり columns, by their themes
        { "早期発見", "/columns/2024-12-15/", 1 },
        { "医師に伝えるポイント", "/columns/2025-01-10/", 1 },
        { "適度な運動", "/columns/2025-02-01/", 1 },
        { "食事と栄養", "/columns/2025-02-15/", 1 },
        { "社会参加", "/columns/2025-03-01/", 1 },
        { "口の健康", "/columns/2025-03-15/", 1 },
        { "認知症 薬", "/columns/2025-04-01/", 1 },
        { "接し方", "/columns/2025-05-01/", 1 },
        { "生活習慣病", "/columns/2025-06-01/", 1 },
        { "広報つながり", "/columns/", 1 },
        { "認知症", "/about/ninchisho-yobo/", 3 },
        { "認知症予防", "/about/ninchisho-yobo/", 1 },
        // 人生会議 and its synonyms
        { "人生会議", "/acp/", 1 },
        { "ACP", "/acp/", 1 },
        { "ＡＣＰ", "/acp/", 1 },
        { "acp", "/acp/", 1 },
        { "アドバンス・ケア・プランニング", "/acp/", 1 },
        { "緊とっとボトル", "/about/activities-r6/", 3 },
        // わたしノート, in any kana
        { "わたしノート", "/watashi-note/", 1 },
        { "わたしのーと", "/watashi-note/", 1 },
        { "ワタシノート", "/watashi-note/", 1 },
        // consultation windows
        { "相談窓口", "/soudan/", 1 },
        { "在宅医療介護支援センター", "/soudan/zaitaku-shien-center/", 3 },
        { "包括", "/soudan/chiiki-houkatsu/", 3 },
        { "地域包括支援センター", "/soudan/chiiki-houkatsu/", 3 },
        { "直営", "/soudan/chiiki-houkatsu/", 3 },
        // ケアマネ and its synonyms: the plan explains the word
        { "ケアマネ", "/about/plan/", 3 },
        { "介護支援専門員", "/about/plan/", 3 },
        { "CM", "/about/plan/", 3 },
        // the programme
        { "語ろう会", "/about/kataroukai/", 1 },
        { "作業部会", "/about/council/", 3 },
        { "推進会議", "/about/council/", 3 },
        { "参加者数", "/about/participation/", 1 },
        { "事業計画", "/about/plan/", 2 }, // the plan and its 成果指標 page, both named for it
        { "成果指標", "/about/plan/", 3 },
        { "口腔ケア", "/about/activities-r6/", 1 },
        { "看取り", "/about/council/", 3 },
        { "サイトマップ", "/sitemap/", 1 },
        // associations, including one-character queries
        { "歯科医師会", "/associations/shika-ishikai/", 1 },
        { "薬剤師会", "/associations/yakuzaishikai/", 1 },
        { "薬", "/associations/yakuzaishikai/", 3 },
        { "歯", "/associations/shika-ishikai/", 3 },
        { "訪問看護", "/associations/houmon-kango/", 1 },
        { "リハビリ", "/associations/rehabilitation/", 1 },
        { "りはびり", "/associations/rehabilitation/", 1 },
        { "介護福祉課", "/associations/kaigo-fukushi/", 1 },
        { "事務局", "/associations/chiiki-houkatsu-care/", 1 },
        // the text inside the PDF downloads
    };

    [Theory]
    [MemberData(nameof(Relevance))]
    public async Task A_query_brings_up_its_page_near_the_top(string query, string url, int within)
    {
        var urls = ResultUrls(await SearchAsync(query));

        Assert.Contains(url, urls.Take(within));
    }

    [Fact]
    public async Task A_word_is_matched_as_written_not_character_by_character()
    {
        // 包括ケア is said only by the 地域包括ケア推進課 pages (お問い合わせ names it as the secretariat); the
        // many pages about 地域包括支援センター have every one of its characters, and must not come up.
        Assert.Equal(["/associations/chiiki-houkatsu-care/", "/contact/", "/associations/"], ResultUrls(await SearchAsync("包括ケア")));
        Assert.Equal(["/about/plan/"], ResultUrls(await SearchAsync("認知度")));
    }

    [Fact]
    public async Task A_result_shows_its_title_a_highlighted_snippet_section_date_and_association()
    {
        var html = await SearchAsync("接し方");
        var result = new HtmlParser().ParseDocument(html).QuerySelector(".search-result")!;

        Assert.Equal("接し方のポイント", result.QuerySelector(".search-result__title a")!.TextContent);
        Assert.Equal("接し方", result.QuerySelector(".search-result__title mark")!.TextContent);
        Assert.Contains("接し方", result.QuerySelectorAll(".search-result__snippet mark").Select(m => m.TextContent));
        var meta = System.Text.RegularExpressions.Regex.Replace(result.QuerySelector(".search-result__meta")!.TextContent, @"\s+", " ");
        Assert.Contains("分類：広報つながり 認知症予防コラム", meta);
        Assert.Contains("日付：令和7年（2025年）5月1日", meta);
        Assert.Contains("団体：大和郡山市居宅介護支援事業者連絡会", meta);
    }

    /// <summary>Downloads live at the media library's addresses, so they are found by their titles.</summary>
    [Theory]
    [InlineData("概要版", "わたしノート 概要版（サンプル）")]
    [InlineData("本物のわたしノートではありません", "わたしノート（サンプル）")] // said inside the PDF, on every page
    public async Task A_download_is_found_by_its_name_and_by_the_text_inside_its_pdf(string query, string title)
    {
        var document = new HtmlParser().ParseDocument(await SearchAsync(query));
        var titles = document.QuerySelectorAll(".search-result__title a").Take(3).ToList();

        // The link says what the file is, as every download link on the site does.
        var hit = Assert.Single(titles, a => a.TextContent.Trim().StartsWith(title + "（PDF：", StringComparison.Ordinal));
        // Umbraco's media address: a folder of its own for each file, then the file's name.
        Assert.Matches("^/media/[0-9a-z]{8}/watashi-note[a-z-]*\\.pdf$", hit.GetAttribute("href"));
    }

    [Fact]
    public async Task A_download_result_says_its_file_type_and_size()
    {
        var html = await SearchAsync("本物のわたしノートではありません");

        Assert.Matches(@"わたしノート（サンプル）（PDF：\d+KB・8ページ）", Html.Text(html));
    }

    [Fact]
    public async Task Filters_by_section_and_association_show_counts_and_narrow_the_results()
    {
        var html = await SearchAsync("認知症");
        var document = new HtmlParser().ParseDocument(html);
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(Html.Text(html), @"(\d+)件見つかりました").Groups[1].Value);
        var columns = document.QuerySelectorAll(".search-filters a").Single(a => a.TextContent.StartsWith("広報つながり 認知症予防コラム"));
        var count = int.Parse(System.Text.RegularExpressions.Regex.Match(columns.TextContent, @"（(\d+)件）").Groups[1].Value);
        Assert.True(count < total);

        var filtered = await SearchAsync("認知症", "&section=" + Uri.EscapeDataString("広報つながり 認知症予防コラム"));
        Assert.Contains($"{count}件見つかりました", Html.Text(filtered));
        Assert.All(ResultUrls(filtered), url => Assert.StartsWith("/columns/", url));

        var byAssociation = await SearchAsync("認知症", "&association=" + Uri.EscapeDataString("大和郡山市薬剤師会"));
        Assert.Contains("/columns/2025-04-01/", ResultUrls(byAssociation));
        Assert.All(ResultUrls(byAssociation), url => Assert.Contains(url, new[] { "/columns/2025-04-01/", "/associations/yakuzaishikai/" }));
    }

    [Fact]
    public async Task Results_come_ten_to_a_page_with_links_to_the_others()
    {
        var first = await SearchAsync("認知症");
        var second = await SearchAsync("認知症", "&page=2");

        Assert.Equal(10, ResultUrls(first).Count);
        Assert.Empty(ResultUrls(first).Intersect(ResultUrls(second)));
        Assert.Contains("次のページ", Html.Text(first));
        Assert.Contains("11〜", Html.Text(second));
        // A page past the end (an old link) shows the last page, not an empty one.
        Assert.NotEmpty(ResultUrls(await SearchAsync("認知症", "&page=999")));
    }

    [Fact]
    public async Task A_query_that_finds_nothing_points_to_the_consultation_windows_and_main_sections()
    {
        var html = await SearchAsync("ﾃﾞｲｻｰﾋﾞｽ");
        var text = Html.Text(html);

        Assert.Contains("「ﾃﾞｲｻｰﾋﾞｽ」に一致するページは見つかりませんでした", text);
        Assert.Contains("href=\"/soudan/\"", html);
        Assert.Contains("href=\"/columns/\"", html);
        Assert.Contains("href=\"/acp/\"", html);
    }

    public static TheoryData<string> BadQueries() => new()
    {
        "",
        "q=",
        "q=" + new string('認', 1000),
        "q=" + Uri.EscapeDataString("+ - && || ! ( ) { } [ ] ^ \" ~ * ? : \\ /"),
        "q=" + Uri.EscapeDataString("認知症 AND (薬 OR \"歯"),
        "q=" + Uri.EscapeDataString("title:認知症~2^3 認*"),
        "q=" + Uri.EscapeDataString("😀🏥👵"),
        "q=%F0%9F", // half of an emoji
        "q=%00%01%07%1B%7F",
        "q=" + Uri.EscapeDataString("<script>alert(1)</script>"),
        "q=%E8%AA%8D&q=second&page=-5",
        "q=" + Uri.EscapeDataString("認知症") + "&page=abc&section=" + new string('x', 5000),
        "q=" + Uri.EscapeDataString("認知症") + "&page=99999999999999999999&association=%00",
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task Bad_input_gets_a_normal_page(string queryString)
    {
        var response = await _client.GetAsync("/search?" + queryString);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<form class=\"search-form\"", html);
        Assert.DoesNotContain("<script>alert", html);
    }

    [Fact]
    public async Task A_thousand_character_query_is_searched_by_its_start_and_says_so()
    {
        var html = await SearchAsync("認知症予防" + new string('あ', 995));

        Assert.Contains("先頭の100文字で検索しました", Html.Text(html));
    }

    [Fact]
    public async Task Every_page_has_a_search_box_in_its_header()
    {
        foreach (var url in new[] { "/", "/columns/2025-04-01/", "/soudan/", "/no-such-page/" })
        {
            var html = await (await _client.GetAsync(url)).Content.ReadAsStringAsync();
            var form = new HtmlParser().ParseDocument(html).QuerySelector("header form[role=search]");
            Assert.NotNull(form);
            Assert.Equal("/search", form!.GetAttribute("action"));
            Assert.NotNull(form.QuerySelector("input[name=q]"));
        }
    }

    [Fact]
    public async Task Search_page_header_has_the_search_box()
    {
        var html = await SearchAsync("認知症");
        var form = new HtmlParser().ParseDocument(html).QuerySelector("header form[role=search]");

        Assert.NotNull(form);
        Assert.Equal("/search", form!.GetAttribute("action"));
        Assert.Equal("認知症", form.QuerySelector("input[name=q]")!.GetAttribute("value"));
    }
}
