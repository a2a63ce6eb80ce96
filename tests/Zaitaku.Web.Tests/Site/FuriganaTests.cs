using System.Net;
using Zaitaku.Core.Reading;
using Zaitaku.Web.Site.Reading;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>
/// 「ふりがなをつける」: a plain link that sets a cookie, pages whose content, headings and navigation
/// then carry ruby from MeCab, and an output cache that keeps pages with and without ruby apart.
/// </summary>
public sealed class FuriganaTests(SharedSite site) : IClassFixture<SharedSite>
{
    private readonly HttpClient _client = site.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private async Task<string> GetAsync(string url, bool furigana)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (furigana) request.Headers.Add("Cookie", "zaitaku-furigana=on");
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task The_link_sets_a_cookie_and_returns_to_the_page_and_the_other_link_takes_it_off()
    {
        var on = await _client.GetAsync("/furigana?show=on&back=%2Facp%2F");
        var off = await _client.GetAsync("/furigana?show=off&back=%2Facp%2F");
        var crafted = await _client.GetAsync("/furigana?show=on&back=" + Uri.EscapeDataString("//evil.example/"));

        Assert.Equal(HttpStatusCode.Redirect, on.StatusCode);
        Assert.Equal("/acp/", on.Headers.Location!.OriginalString);
        Assert.StartsWith("zaitaku-furigana=on;", Assert.Single(on.Headers.GetValues("Set-Cookie")));
        Assert.Contains("zaitaku-furigana=;", Assert.Single(off.Headers.GetValues("Set-Cookie")));
        Assert.Equal("/", crafted.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task With_furigana_on_headings_content_navigation_and_breadcrumbs_carry_ruby_and_nothing_else_changes()
    {
        // With ruby first, so a cached page with ruby would show if the cache mixed them up.
        var ruby = await GetAsync("/acp/", furigana: true);
        var plain = await GetAsync("/acp/", furigana: false);
        var rubyAgain = await GetAsync("/acp/", furigana: true);

        Assert.Contains("<h1><ruby>人生<rp>（</rp><rt>じんせい</rt><rp>）</rp></ruby><ruby>会議<rp>（</rp><rt>かいぎ</rt><rp>）</rp></ruby>（ACP）</h1>", ruby);
        Assert.Contains("<ruby>看取<rp>（</rp><rt>みと</rt><rp>）</rp></ruby>り", ruby);        // okurigana outside
        Assert.Contains("<ruby>事業<rp>（</rp><rt>じぎょう</rt><rp>）</rp></ruby>について</a>", ruby); // the navigation
        Assert.Matches(@"\d<ruby>年<rp>（</rp><rt>ねん</rt><rp>）</rp></ruby>", ruby);           // digits stay bare
        Assert.Contains("ふりがなをはずす", ruby);
        // Where ruby cannot go: the title, attributes, the script's address.
        Assert.Contains("<title>人生会議（ACP）｜", ruby);
        Assert.Contains("placeholder=\"サイト内検索\"", ruby);
        Assert.Equal(ruby, rubyAgain);
        Assert.DoesNotContain("<ruby>", plain);
        Assert.Contains("ふりがなをつける", plain);
        Assert.Contains("<h1>人生会議（ACP）</h1>", plain);
    }

    [Fact]
    public async Task Every_seeded_page_keeps_its_text_with_furigana_on()
    {
        foreach (var (url, title) in SeededPagesTests.Pages.Select(r => ((string)r[0], (string)r[1])))
        {
            var ruby = await GetAsync(url, furigana: true);
            var withoutRuby = System.Text.RegularExpressions.Regex.Replace(ruby, "<rp>（</rp><rt>[^<]*</rt><rp>）</rp>|</?ruby>", "");
            Assert.Equal(Html.Text(await GetAsync(url, furigana: false)).Replace("ふりがなをつける", ""), Html.Text(withoutRuby).Replace("ふりがなをはずす", ""));
            Assert.Contains(title, Html.Text(withoutRuby));
        }
    }
}

/// <summary>The HTML side of ruby, with a stand-in analyser: what is left alone and how text is encoded.</summary>
public sealed class FuriganaHtmlTests
{
    private static IReadOnlyList<RubyPart> Annotate(string text) =>
        text.Select(c => new RubyPart(c.ToString(), Kana.IsKanjiLike(c) ? "よみ" : null)).ToList();

    [Fact]
    public void Text_gets_ruby_and_tags_attributes_scripts_options_code_and_existing_ruby_are_left_alone()
    {
        const string html = "<p title=\"漢\">漢</p><script>var s = '漢';</script><select><option>漢</option></select>"
            + "<code>漢</code><ruby>漢<rt>かん</rt></ruby><!-- 漢 --><p>A&amp;B &lt;漢&gt;</p>";

        var result = FuriganaHtml.Apply(html, Annotate);

        Assert.Equal("<p title=\"漢\"><ruby>漢<rp>（</rp><rt>よみ</rt><rp>）</rp></ruby></p><script>var s = '漢';</script><select><option>漢</option></select>"
            + "<code>漢</code><ruby>漢<rt>かん</rt></ruby><!-- 漢 --><p>A&amp;B &lt;<ruby>漢<rp>（</rp><rt>よみ</rt><rp>）</rp></ruby>&gt;</p>", result);
    }

    [Fact]
    public void Text_written_as_character_references_gets_ruby_too() =>
        Assert.Equal("<a><ruby>漢<rp>（</rp><rt>よみ</rt><rp>）</rp></ruby>&amp;</a>", FuriganaHtml.Apply("<a>&#x6F22;&amp;</a>", Annotate));
}

/// <summary>A server without MeCab (Windows, or the packages not installed): no link, no ruby, one line in the log.</summary>
public sealed class FuriganaWithoutMecabTests : IDisposable
{
    private readonly SiteFactory _factory = new SiteFactory().WithSetting(ReadingSetup.DictionaryKey, "/nonexistent/mecab-dictionary");

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task The_link_is_hidden_pages_work_and_the_log_says_why_once()
    {
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/acp/");
        request.Headers.Add("Cookie", "zaitaku-furigana=on");

        var withCookie = await client.SendAsync(request);
        var plain = await client.GetStringAsync("/");
        var html = await withCookie.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Contains("<h1>人生会議（ACP）</h1>", html);
        Assert.DoesNotContain("<ruby>", html);
        Assert.DoesNotContain("ふりがなをつける", plain);
        var lines = _factory.Log.Events.Where(e => e.RenderMessage().Contains("ふりがな")).ToList();
        var line = Assert.Single(lines);
        Assert.Equal(Serilog.Events.LogEventLevel.Warning, line.Level);
        Assert.Contains("/nonexistent/mecab-dictionary", line.RenderMessage());
    }
}
