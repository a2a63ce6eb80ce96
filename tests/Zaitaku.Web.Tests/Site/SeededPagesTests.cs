using System.Net;
using System.Text.RegularExpressions;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>Every seeded page, fetched as a resident's browser would, with its real content.</summary>
public sealed partial class SeededPagesTests(SharedSite site) : IClassFixture<SharedSite>
{
    public static TheoryData<string, string> Pages => new()
    {
        { "/", "大和郡山市 在宅医療・介護連携" },
        { "/columns/", "広報つながり 認知症予防コラム" },
        { "/columns/2024-12-15/", "認知症は早期発見・早期対応が大切です" },
        { "/associations/", "関係団体" },
        { "/associations/ishikai/", "大和郡山市医師会" },
        { "/soudan/", "医療と介護の相談窓口" },
        { "/soudan/zaitaku-shien-center/", "在宅医療介護支援センター" },
        { "/soudan/chiiki-houkatsu/", "地域包括支援センター" },
        { "/acp/", "人生会議（ACP）" },
        { "/watashi-note/", "わたしノート" },
        { "/about/", "事業について" },
        { "/about/council/", "推進会議と作業部会" },
        { "/about/activities-r6/", "令和6年度の取組み" },
        { "/about/participation/", "会議の参加者数" },
        { "/about/plan/", "事業計画" },
        { "/about/kataroukai/", "認知症について語ろう会" },
        { "/about/ninchisho-yobo/", "認知症予防の情報発信" },
        { "/sitemap/", "サイトマップ" },
        { "/contact/", "お問い合わせ" },
        { "/acp/kouenkai/", "ACP講演会" },
        { "/about/indicators/", "事業計画の成果指標と活動指標" },
        { "/opendata/", "オープンデータ" },
    };

    [Fact]
    public async Task Search_engines_get_every_published_page_in_sitemap_xml()
    {
        var response = await site.Client.GetAsync("/sitemap.xml");

        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = xml.Root!.Elements(ns + "url").ToDictionary(u => u.Element(ns + "loc")!.Value, u => u.Element(ns + "lastmod")!.Value);
        foreach (var row in Pages) Assert.Contains("http://localhost" + (string)row[0], urls.Keys);
        Assert.Equal("2026-11-24", urls["http://localhost/contact/"]);
        Assert.DoesNotContain(urls.Keys, u => u.Contains("/umbraco") || u.Contains("/forms/") || u.Contains("settings"));
    }

    [GeneratedRegex("最終更新日：<time datetime=\"\\d{4}-\\d{2}-\\d{2}\">(令和|平成)(元|\\d+)年（\\d{4}年）\\d{1,2}月\\d{1,2}日</time>")]
    private static partial Regex LastUpdated();

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_has_its_title_breadcrumbs_contact_and_last_updated_date(string url, string heading)
    {
        var response = await site.Client.GetAsync(url);
        var html = Html.WithoutNoBreaks(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<html lang=\"ja\">", html);
        Assert.Contains(heading, Html.Between(html, "<h1", "</h1>"));
        Assert.Contains("<nav class=\"breadcrumbs\" aria-label=\"現在位置\">", html);
        Assert.Contains("<h2 id=\"contact-heading\">お問い合わせ</h2>", html);
        Assert.Contains("大和郡山市 福祉部 地域包括ケア推進課 地域ケア係", html);
        Assert.Matches(LastUpdated(), html);
        Assert.Contains("<a class=\"skip-link\" href=\"#main\">", html);
    }

    public static TheoryData<string, string, string, string> SeriesFromTheCityDocument => new()
    {
        { "2024-12-15", "認知症は早期発見・早期対応が大切です", "大和郡山市医師会", "令和6年（2024年）12月15日号" },
        { "2025-01-10", "医師に伝えるポイント", "大和郡山市地域医療連携担当者連絡会", "令和7年（2025年）1月10日号" },
        { "2025-02-01", "適度な運動", "大和郡山市リハビリテーション連絡協議会", "令和7年（2025年）2月1日号" },
        { "2025-02-15", "食事と栄養", "大和郡山市保健センター", "令和7年（2025年）2月15日号" },
        { "2025-03-01", "社会参加", "大和郡山市地域包括支援センター", "令和7年（2025年）3月1日号" },
        { "2025-03-15", "口の健康と認知症", "大和郡山市歯科医師会", "令和7年（2025年）3月15日号" },
        { "2025-04-01", "認知症にかかわる薬のはなし", "大和郡山市薬剤師会", "令和7年（2025年）4月1日号" },
        { "2025-05-01", "接し方のポイント", "大和郡山市居宅介護支援事業者連絡会", "令和7年（2025年）5月1日号" },
        { "2025-06-01", "生活習慣病の予防や治療", "大和郡山市訪問看護事業者連絡会", "令和7年（2025年）6月1日号" },
    };

    [Theory]
    [MemberData(nameof(SeriesFromTheCityDocument))]
    public async Task Each_column_shows_its_issue_theme_and_writing_association_with_a_sample_notice(
        string date, string theme, string association, string issue)
    {
        var text = Html.Text(await site.Client.GetStringAsync($"/columns/{date}/"));

        Assert.Contains(theme, text);
        Assert.Contains($"執筆 {association}", text);
        Assert.Contains($"広報つながり {issue}", text);
        Assert.Contains("この本文は仮のサンプルです", text);
    }

    [Fact]
    public async Task Column_list_shows_all_nine_columns_by_fiscal_year()
    {
        var html = Html.WithoutNoBreaks(await site.Client.GetStringAsync("/columns/"));
        var text = Html.Text(html);

        Assert.Contains("全9件", text);
        foreach (var row in SeriesFromTheCityDocument)
            Assert.Contains((string)row[1], text);
        Assert.Contains("<h2 id=\"year-2024\">令和6年度（2024年度）</h2>", html);
        Assert.Contains("<h2 id=\"year-2025\">令和7年度（2025年度）</h2>", html);
    }

    [Theory]
    [InlineData("?association=ishikai", "大和郡山市医師会のコラム：1件", "認知症は早期発見・早期対応が大切です", "適度な運動")]
    [InlineData("?year=2024", "令和6年度（2024年度）のコラム：6件", "口の健康と認知症", "接し方のポイント")]
    [InlineData("?year=2025", "令和7年度（2025年度）のコラム：3件", "生活習慣病の予防や治療", "社会参加")]
    [InlineData("?association=yakuzaishikai&year=2025", "大和郡山市薬剤師会・令和7年度（2025年度）のコラム：1件", "認知症にかかわる薬のはなし", "医師に伝えるポイント")]
    public async Task Column_list_filters_by_association_and_fiscal_year(string query, string summary, string shown, string hidden)
    {
        var html = await site.Client.GetStringAsync("/columns/" + query);
        // The list itself: the page's introduction above it names every theme of the series.
        var text = Html.Text(Html.Between(html, "<p class=\"result-count\"", "<section class=\"contact-block\"")!);

        Assert.Contains(summary, text);
        Assert.Contains(shown, text);
        Assert.DoesNotContain(hidden, text);
    }

    [Fact]
    public async Task Home_leads_to_consultation_acp_and_watashi_note_and_shows_the_current_column()
    {
        var html = await site.Client.GetStringAsync("/");
        var text = Html.Text(html);

        Assert.Contains("href=\"/soudan/\"", html);
        Assert.Contains("href=\"/acp/\"", html);
        Assert.Contains("href=\"/watashi-note/\"", html);
        // Today is 令和8年11月24日 in the test clock: the last issue of the series is the current one.
        Assert.Contains("今号の認知症予防コラム 広報つながり 令和7年（2025年）6月1日号 生活習慣病の予防や治療 執筆：大和郡山市訪問看護事業者連絡会", text);
    }

    [Theory]
    [InlineData("大和郡山市医師会", "診療所数 57・病院数 6")]
    [InlineData("大和郡山市歯科医師会", "診療所数 40")]
    [InlineData("大和郡山市薬剤師会", "薬局数 34")]
    [InlineData("大和郡山市訪問看護事業者連絡会", "事業所数 17")]
    [InlineData("大和郡山市リハビリテーション連絡協議会", "事業所数 11")]
    [InlineData("大和郡山市地域医療連携担当者連絡会", "病院数 6")]
    [InlineData("大和郡山市居宅介護支援事業者連絡会", "事業所数 31")]
    [InlineData("大和郡山市地域包括支援センター", "直営 1・委託 3")]
    public async Task Association_list_gives_the_facility_counts_from_the_city_document(string association, string counts)
    {
        var text = Html.Text(await site.Client.GetStringAsync("/associations/"));

        Assert.Contains($"{association} {counts}", text);
    }

    [Fact]
    public async Task Association_page_lists_the_columns_it_writes()
    {
        var text = Html.Text(await site.Client.GetStringAsync("/associations/shika-ishikai/"));

        Assert.Contains("歯科医師会が執筆したコラム", text);
        Assert.Contains("口の健康と認知症", text);
        Assert.DoesNotContain("適度な運動", text);
    }

    [Fact]
    public async Task Consultation_windows_mark_their_contact_details_as_samples()
    {
        var text = Html.Text(await site.Client.GetStringAsync("/soudan/"));

        Assert.Contains("在宅医療介護支援センター", text);
        Assert.Contains("地域包括支援センター", text);
        Assert.Contains("サンプル 連絡先は仮の表示です。", text);
        var detail = Html.Text(await site.Client.GetStringAsync("/soudan/chiiki-houkatsu/"));
        Assert.Contains("直営", detail);
        Assert.Contains("所在地・電話番号・受付時間・担当地区は仮の表示です", detail);
    }

    [Fact]
    public async Task Acp_page_leads_with_what_it_is_how_to_start_and_the_lecture_and_links_the_working_groups_records()
    {
        var html = await site.Client.GetStringAsync("/acp/");
        var text = Html.Text(html);
        var headings = Regex.Matches(html, "<h2[^>]*>(.*?)</h2>").Select(m => Html.Text(m.Groups[1].Value)).ToList();

        // What it is and why, how to start, what to talk about, わたしノート, then the 講演会: in that order.
        string[] order = ["人生会議（ACP）とは", "なぜ話し合っておくのか", "はじめ方", "話し合っておきたいことの例", "考えるきっかけに「わたしノート」", "ACP講演会"];
        Assert.Equal(order, headings.Where(order.Contains));
        Assert.Contains("11月の「人生会議の日」", text);
        Assert.Contains("href=\"/watashi-note/\"", html);
        Assert.Contains("<a href=\"/acp/kouenkai/\">ACP講演会</a>", html);
        // The working groups' records are on 事業について's page for the year, linked, not repeated here.
        Assert.DoesNotContain("令和6年（2024年）7月17日", text);
        Assert.Contains("href=\"/about/activities-r6/\"", html);
        var records = Html.Text(await site.Client.GetStringAsync("/about/activities-r6/"));
        Assert.Contains("作業部会E（看取りの支援）", records);
        Assert.Contains("作業部会F（急変時の支援）", records);
    }

    [Fact]
    public async Task Watashi_note_lists_each_file_with_type_size_pages_and_revision_date_and_the_file_downloads()
    {
        var html = await site.Client.GetStringAsync("/watashi-note/");
        var text = Html.Text(html);

        Assert.Contains($"わたしノート（サンプル）（PDF：{SeedFileSize("watashi-note-sample.pdf")}・8ページ）", text);
        Assert.Contains($"わたしノート 概要版（サンプル）（PDF：{SeedFileSize("watashi-note-summary-sample.pdf")}・2ページ）", text);
        Assert.Contains("改訂日 令和6年（2024年）3月31日", text);
        Assert.Contains("サンプル このファイルはサンプルです。", text);

        var link = Regex.Match(html, "<a href=\"(/media/[^\"]+\\.pdf)\">わたしノート（サンプル）").Groups[1].Value;
        var pdf = await site.Client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..5]);
    }

    /// <summary>The size of a committed content-seed/media file as the site writes it, e.g. 「129KB」.</summary>
    private static string SeedFileSize(string fileName)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = new FileInfo(Path.Combine(dir.FullName, "content-seed", "media", fileName));
            if (File.Exists(Path.Combine(dir.FullName, "Zaitaku.Web.sln")) && file.Exists)
                return Zaitaku.Infrastructure.Media.MediaText.FormatSize(file.Length);
        }
        throw new FileNotFoundException($"content-seed/media/{fileName} not found above the test folder");
    }

    [Fact]
    public async Task About_pages_carry_the_program_facts_from_the_city_document()
    {
        var about = await site.Client.GetStringAsync("/about/");
        var parts = Html.Between(about, "事業の内容は、次の4つです。</p>\n<ol>", "</ol>")!;
        Assert.Equal(4, Regex.Count(parts, "<li>"));
        foreach (var part in new[] { "必要な情報を集めて整理し", "相談を受け", "普及啓発", "研修を行います" })
            Assert.Contains(part, parts);
        foreach (var scene in new[] { "日常の療養支援", "入退院支援", "急変時の対応", "看取り" })
            Assert.Contains(scene, Html.Text(about));

        var council = Html.Text(await site.Client.GetStringAsync("/about/council/"));
        foreach (var group in new[] { "顔の見える関係", "情報連携ツール", "在宅・病院連携", "認知症高齢者支援", "看取りの支援", "急変時の支援" })
            Assert.Contains(group, council);

        var activities = Html.Text(await site.Client.GetStringAsync("/about/activities-r6/"));
        Assert.Contains("計9回、延べ173人", activities);

        var plan = Html.Text(await site.Client.GetStringAsync("/about/plan/"));
        foreach (var baseline in new[] { "62.4", "30.5", "14.8", "89.9", "58.4", "77.5" })
            Assert.Contains(baseline, plan);
    }

    [Theory]
    [InlineData("令和6年度（2024年度）", "部会C 1 10 42")]
    [InlineData("令和5年度（2023年度）", "部会E 2 14 52")]
    [InlineData("平成30年度（2018年度）", "部会C 7 10 319")]
    [InlineData("平成29年度（2017年度）", "部会C 6 9 358")]
    [InlineData("平成28年度（2016年度）", "推進会議 2 8 44")]
    public async Task Participation_statistics_are_an_accessible_table_per_fiscal_year(string year, string row)
    {
        var html = Html.WithoutNoBreaks(await site.Client.GetStringAsync("/about/participation/"));
        var section = Html.Between(html, $"<caption>{year}の会議の参加者数</caption>", "</table>");

        Assert.NotNull(section);
        Assert.Contains("<th scope=\"col\">延べ参加者数（人）</th>", section);
        Assert.Contains(row, Html.Text(section));
        Assert.Contains("出典：令和7年度 在宅医療・介護連携推進会議 資料1", Html.Text(html));
    }

    [Fact]
    public async Task Search_engines_are_kept_out_of_the_backoffice_and_pages_have_an_icon()
    {
        Assert.Contains("Disallow: /umbraco/", await site.Client.GetStringAsync("/robots.txt"));
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.svg\"", await site.Client.GetStringAsync("/"));
        Assert.Equal("image/svg+xml", (await site.Client.GetAsync("/favicon.svg")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Sitemap_links_every_page()
    {
        var html = await site.Client.GetStringAsync("/sitemap/");

        foreach (var row in Pages.Where(r => (string)r[0] != "/"))
            Assert.Contains($"href=\"{row[0]}\"", html);
        foreach (var row in SeriesFromTheCityDocument)
            Assert.Contains($"href=\"/columns/{row[0]}/\"", html);
    }
}
