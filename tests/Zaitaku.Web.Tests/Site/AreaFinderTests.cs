using System.Net;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>
/// 「お住まいの地域の地域包括支援センターを探す」 on the server: the seeded sample areas (見本一町 … 例山町),
/// typed as a resident would type them.
/// </summary>
public sealed class AreaFinderTests(SharedSite site) : IClassFixture<SharedSite>
{
    private async Task<(HttpStatusCode Status, string Html, string Text)> FindAsync(string? town)
    {
        var url = "/tantou-chiiki/" + (town is null ? "" : "?town=" + Uri.EscapeDataString(town));
        var response = await site.Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, html, Html.Text(html));
    }

    [Theory]
    [InlineData("見本一町")]        // kanji
    [InlineData("見本一")]          // without 町
    [InlineData("みほんいっちょう")]  // hiragana
    [InlineData("ミホンイッチョウ")]  // katakana
    [InlineData("ﾐﾎﾝｲｯﾁｮｳ")]        // half-width katakana
    [InlineData("　見本一町 ")]      // full-width space around it
    public async Task A_town_typed_in_any_script_finds_its_center_with_a_number_to_call(string town)
    {
        var (status, html, text) = await FindAsync(town);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("の地域包括支援センター", Html.Between(html, "<h2 id=\"area-result-heading\">", "</h2>"));
        var result = Html.Between(html, "<section class=\"area-result\"", "</section>")!;
        Assert.Contains("（サンプル）○○地域包括支援センター", result);
        Assert.DoesNotContain("△△", result);
        Assert.Contains("href=\"tel:", result);
        Assert.Contains("受付時間", result);
        // One center found: the list of all is not needed.
        Assert.DoesNotContain("地域包括支援センターの一覧", text);
        Assert.Contains("仮の一覧です", text);
    }

    [Fact]
    public async Task Full_width_letters_and_katakana_read_as_the_town()
    {
        Assert.Equal("見本5町", Zaitaku.Core.ServiceAreas.ServiceAreaFinder.Fold("見本５町"));
        var (status, _, text) = await FindAsync("タメシチョウ");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("（サンプル）◇◇地域包括支援センター", Html.Between(text, "の地域包括支援センター", "担当する町") ?? "");
    }

    [Fact]
    public async Task A_town_split_between_two_centers_explains_and_lists_every_center()
    {
        var (status, _, text) = await FindAsync("みほんごちょう");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("あてはまるセンターが複数あります", text);
        Assert.Contains("見本五町 1丁目〜3丁目：（サンプル）△△地域包括支援センター", text);
        Assert.Contains("見本五町 4丁目〜6丁目：（サンプル）□□地域包括支援センター", text);
        Assert.Contains("地域包括支援センターの一覧（4か所）", text);
    }

    [Theory]
    [InlineData("東京都千代田区")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("' OR 1=1 --")]
    [InlineData("\u0000\u202E町")]
    public async Task An_unknown_or_hostile_town_gets_a_helpful_message_and_every_center(string town)
    {
        var (status, html, text) = await FindAsync(town);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("という町名は見つかりませんでした", text);
        Assert.Contains("地域包括支援センターの一覧（4か所）", text);
        Assert.Equal(4, html.Split("<li class=\"window-card\">").Length - 1);
        Assert.DoesNotContain("<script>alert", html);
    }

    [Fact]
    public async Task An_empty_search_shows_the_form_and_every_center()
    {
        var (status, html, text) = await FindAsync("");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("name=\"town\"", html);
        Assert.Contains("地域包括支援センターの一覧（4か所）", text);
        Assert.DoesNotContain("見つかりませんでした", text);
    }

    [Fact]
    public async Task A_thousand_characters_get_a_japanese_message_and_400_not_an_error()
    {
        var (status, html, text) = await FindAsync(new string('町', 1000));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("町名は30文字までで入れてください", text);
        Assert.Contains("地域包括支援センターの一覧（4か所）", text);
        Assert.DoesNotContain(new string('町', 31), html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/soudan/chiiki-houkatsu/")]
    public async Task The_finder_is_on_the_home_page_and_the_centers_page(string url)
    {
        var html = await site.Client.GetStringAsync(url);

        Assert.Contains("お住まいの地域の地域包括支援センターを探す", html);
        Assert.Contains("action=\"/tantou-chiiki/\"", html);
        Assert.Contains("<option value=\"見本一町\">", html);
    }
}
