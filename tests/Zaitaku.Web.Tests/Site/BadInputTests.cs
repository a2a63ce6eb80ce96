using System.Net;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>Wrong URLs and hostile query strings get a Japanese page and a 4xx, never a 500.</summary>
public sealed class BadInputTests(SharedSite site) : IClassFixture<SharedSite>
{
    [Theory]
    [InlineData("/no-such-page/")]
    [InlineData("/columns/1999-01-01/")]
    [InlineData("/settings/")]                  // a root that is data, not pages
    [InlineData("/watashi-note/full/")]          // a download entry is not a page of its own
    [InlineData("/columns/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/%E3%81%82%E3%81%84/")]
    [InlineData("/columns/<script>alert(1)</script>/")]
    public async Task Unknown_urls_get_the_japanese_404_page(string url)
    {
        var response = await site.Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>ページが見つかりません</h1>", html);
        Assert.Contains("href=\"/sitemap/\"", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
    }

    [Fact]
    public async Task A_post_with_a_broken_form_gets_the_japanese_405_page_not_500()
    {
        // The error page is shown by running the request again: it must not trip over the same form.
        var broken = new StringContent("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end", System.Text.Encoding.UTF8);
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");

        var response = await site.Client.PostAsync("/no-such-page/", broken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("この方法ではご利用いただけません", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_very_long_url_gets_404_not_500()
    {
        var response = await site.Client.GetAsync("/" + string.Concat(Enumerable.Repeat("a-", 1500)) + "/");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("?year=abc", "年度の指定が正しくありません", "生活習慣病の予防や治療")]
    [InlineData("?year=99999999999999999999", "年度の指定が正しくありません", "生活習慣病の予防や治療")]
    [InlineData("?association=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "指定された執筆団体が見つかりません", "生活習慣病の予防や治療")]
    // The valid half of the filter stays: the association's columns of every year.
    [InlineData("?association=ishikai&year=%F0%9F%98%80", "年度の指定が正しくありません", "認知症は早期発見・早期対応が大切です")]
    public async Task Malformed_column_filters_get_400_with_a_message_and_the_whole_list(string query, string message, string column)
    {
        var response = await site.Client.GetAsync("/columns/" + query);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains(column, html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
    }

    [Theory]
    [InlineData("/?%%%=%%%")]
    [InlineData("/?q=%E0%A4%A")]
    [InlineData("/acp/?a=1&a=2&b")]
    public async Task Query_strings_that_a_page_does_not_read_are_ignored(string url)
    {
        var response = await site.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/columns", "/columns/")]
    [InlineData("/COLUMNS/", "/columns/")]
    [InlineData("/about/participation", "/about/participation/")]
    [InlineData("/columns?year=2024", "/columns/?year=2024")]
    public async Task Each_page_has_one_url_and_other_spellings_redirect_permanently(string url, string canonical)
    {
        var response = await site.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(canonical, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Post_to_a_page_is_refused_with_a_japanese_page()
    {
        var response = await site.Client.PostAsync("/columns/", new StringContent("x"));

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"status {(int)response.StatusCode}");
        Assert.Contains("ご利用いただけません", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Pages_carry_security_headers()
    {
        var response = await site.Client.GetAsync("/");

        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}
