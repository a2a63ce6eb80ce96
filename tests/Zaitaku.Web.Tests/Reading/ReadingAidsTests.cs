using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Reading;

/// <summary>
/// The reading aids as residents and the secretariat meet them: the 用語集 and its links in bodies, the
/// やさしい日本語 pages and the way to them, the アクセシビリティ方針 in every footer, and the text
/// checker that lists problems and holds publishing back.
/// </summary>
public sealed partial class ReadingAidsTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    private async Task<string> PublicPageAsync(string url) =>
        Html.WithoutNoBreaks(await accounts.Factory.CreatePlainClient().GetStringAsync(url));

    [GeneratedRegex("<dt id=\"term-[a-z-]+\"[^>]*>([^<]+?) <span")]
    private static partial Regex TermHeading();

    [Fact]
    public async Task The_glossary_lists_the_seeded_terms_in_gojuon_order_under_their_rows()
    {
        var html = await PublicPageAsync("/yougo/");

        var terms = TermHeading().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["ACP（人生会議）", "かかりつけ医", "ケアマネジャー（介護支援専門員）", "在宅医療", "CM", "多職種連携",
            "地域包括支援センター（包括）", "入退院支援", "訪問看護", "看取り"], terms);
        Assert.Contains("<h2 id=\"row-ま行\">ま行</h2>", html);
        Assert.Contains("（よみ：みとり）", html);
        Assert.Contains("href=\"#row-あ行\"", html);
        // An explanation the city's document does not give is marked as the secretariat's to replace.
        Assert.Contains("身近なお医者さんです。（サンプル）", html);
        Assert.Contains("<a href=\"/acp/\">人生会議（ACP）</a>", html);
    }

    [Fact]
    public async Task A_body_links_the_first_occurrence_of_a_term_and_never_a_heading()
    {
        var html = await PublicPageAsync("/acp/");

        Assert.Equal(1, Regex.Count(html, "href=\"/yougo/#term-acp\""));
        Assert.Contains("<a href=\"/yougo/#term-acp\" class=\"glossary-link\">人生会議</a>は、ACP", html);
        Assert.DoesNotContain("glossary-link", Regex.Match(html, "<h2[^>]*>人生会議（ACP）とは</h2>").Value);
        Assert.Equal(1, Regex.Count(html, "href=\"/yougo/#term-mitori\""));
    }

    [Fact]
    public async Task A_page_and_its_plain_japanese_version_link_to_each_other()
    {
        foreach (var (page, plain) in new[] { ("/acp/", "/acp/yasashii/"), ("/soudan/", "/soudan/yasashii/"), ("/watashi-note/", "/watashi-note/yasashii/") })
        {
            Assert.Contains($"<a href=\"{plain}\">このページを<strong>やさしい日本語</strong>で読む</a>", await PublicPageAsync(page));
            var version = await PublicPageAsync(plain);
            Assert.Contains($"<a href=\"{page}\" lang=\"ja\">もとのページ", version);
            Assert.Contains("（サンプル）このページは、事務局がたしかめる前の見本です。", version);
        }
        Assert.DoesNotContain("やさしい日本語</strong>で読む", await PublicPageAsync("/about/"));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/columns/2024-12-15/")]
    [InlineData("/no-such-page/")]
    public async Task Every_footer_links_the_accessibility_policy_and_the_glossary(string url)
    {
        var response = await accounts.Factory.CreatePlainClient().GetAsync(url);
        var footer = Html.Between(await response.Content.ReadAsStringAsync(), "<footer", "</footer>")!;
        Assert.Contains("<a href=\"/accessibility/\">アクセシビリティ方針</a>", footer);
        Assert.Contains("<a href=\"/yougo/\">用語集</a>", footer);
    }

    [Fact]
    public async Task The_accessibility_policy_states_target_scope_test_and_how_to_report_with_the_sites_own_figures()
    {
        var html = await PublicPageAsync("/accessibility/");

        Assert.Contains("JIS X 8341-3:2016", html);
        Assert.Contains("目標とする適合レベル：AA", html);
        Assert.Contains("対象となる範囲", html);
        Assert.Contains("試験をした日：令和8年（2026年）11月30日", html);
        Assert.Contains("<a href=\"/contact/\">お問い合わせ</a>", html);
        var pages = Regex.Match(html, "<dt>調べたページ</dt><dd>(\\d+) ページ</dd>");
        Assert.True(pages.Success && int.Parse(pages.Groups[1].Value) > 40, pages.Value);
        // Not in the main menu: it is reached from the footer and the sitemap.
        Assert.DoesNotContain("/accessibility/", Html.Between(html, "<nav class=\"global-nav\"", "</nav>")!);
    }

    private const string BadBody = "## 申し込み\n\n#### 受付\n\n申し込みは[こちら](/contact/)から。締め切りは2025/1/10です。\n\n![](/media/none.jpg)";

    [Fact]
    public async Task The_live_check_lists_each_problem_with_its_place_and_fix()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");

        var response = await editor.PostFormAsync(url, "/umbraco/content/check-text", ("markdown", BadBody), ("label", "本文"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("直す必要のある問題が 3 件", html);
        Assert.Contains("<strong>エラー</strong>（3行目「受付」）：見出しの段が飛んでいます", html);
        Assert.Contains("リンクの文字が「こちら」だけです", html);
        Assert.Contains("<strong>注意</strong>（5行目「2025/1/10」）", html);
        Assert.Contains("令和7年（2025年）1月10日", html);
        Assert.Contains("建石・小野・山田", html);
    }

    [Fact]
    public async Task Errors_hold_publishing_back_until_a_reviewer_gives_a_reason_which_the_audit_trail_keeps()
    {
        var reviewer = accounts.Clients["Reviewers"];
        var url = await accounts.EditUrlAsync("接し方のポイント");

        var refused = await reviewer.EditAndSubmitAsync(url, ("command", "publish"), ("Values[body]", BadBody));
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("文章チェックで直す必要のある問題が 3 件あります", page);
        Assert.Contains("<h2 id=\"text-check-heading\">文章のチェック</h2>", page);
        Assert.Contains("申し込みは[こちら](/contact/)から。", page); // nothing typed is lost
        Assert.DoesNotContain("締め切りは2025/1/10です", await PublicPageAsync("/columns/2025-05-01/"));

        var published = await reviewer.EditAndSubmitAsync(url, ("command", "publish"), ("Values[body]", BadBody),
            ("checkOverride", "団体の原稿どおりに今日のうちに載せ、明日直します。"));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("締め切りは2025/1/10です", await PublicPageAsync("/columns/2025-05-01/"));

        var entry = await accounts.Factory.WithDatabaseAsync(db => db.AuditEntries
            .SingleAsync(a => a.Action == "content.check-override"));
        Assert.Contains("団体の原稿どおりに今日のうちに載せ、明日直します。", entry.Detail);
        Assert.Contains("link-text", entry.Detail);
    }

    [Fact]
    public async Task Warnings_alone_do_not_hold_publishing_back_and_the_switch_leaves_a_body_without_glossary_links()
    {
        var reviewer = accounts.Clients["Reviewers"];
        var url = await accounts.EditUrlAsync("生活習慣病の予防や治療");
        const string body = "看取りと在宅医療について、４/１に話します。";

        var linked = await reviewer.EditAndSubmitAsync(url, ("command", "publish"), ("Values[body]", body));
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var html = await PublicPageAsync("/columns/2025-06-01/");
        Assert.Contains("<a href=\"/yougo/#term-mitori\" class=\"glossary-link\">看取り</a>", html);

        var switchedOff = await reviewer.EditAndSubmitAsync(url, ("command", "publish"), ("Values[noGlossaryLinks]", "true"));
        Assert.Equal(HttpStatusCode.Redirect, switchedOff.StatusCode);
        html = await PublicPageAsync("/columns/2025-06-01/");
        Assert.Contains("看取りと在宅医療について", html);
        Assert.DoesNotContain("glossary-link", html);
    }

    [Fact]
    public async Task Administrators_get_the_whole_site_report_on_demand()
    {
        var admin = accounts.Clients["Administrators"];
        var run = await admin.PostFormAsync("/umbraco/text-check", "/umbraco/text-check");
        Assert.Equal(HttpStatusCode.Redirect, run.StatusCode);

        var html = await admin.Http.GetStringAsync("/umbraco/text-check");
        Assert.Contains("公開中のすべてのページをチェックしました。", html);
        Assert.Contains("<h1>文章のチェック（サイト全体）</h1>", html);
        Assert.Contains(">人生会議（ACP）</a></th>", html);
    }
}
