using System.Net;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>What a resident sees at a wrong address: the site's own Japanese page, never Umbraco's English one.</summary>
public sealed class ErrorPageTests(SharedSite site) : IClassFixture<SharedSite>
{
    [Theory]
    [InlineData("/nope/")]
    [InlineData("/about/nope/")]
    [InlineData("/columns/1999-01-01/")]
    [InlineData("/%E3%81%82/")]
    public async Task An_address_with_no_page_gets_the_Japanese_not_found_page_with_the_site_around_it(string url)
    {
        var response = await site.Client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("<h1>ページが見つかりません</h1>", "<h1>" + Html.Between(html, "<h1>", "</h1>") + "</h1>");
        Assert.Contains("<html lang=\"ja\">", html);
        Assert.Contains("<nav class=\"global-nav\" aria-label=\"メインメニュー\">", html);
        Assert.Contains("<h2 id=\"contact-heading\">お問い合わせ</h2>", html);
        Assert.DoesNotContain("Umbraco", Html.Text(html));
    }

    [Fact]
    public async Task Asking_for_the_error_page_itself_is_a_page_that_does_not_exist()
    {
        var response = await site.Client.GetAsync("/error/500");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("ページが見つかりません", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_page_at_an_address_in_other_letters_is_sent_to_its_one_address()
    {
        var response = await site.Client.GetAsync("/ABOUT");

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/about/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Public_pages_carry_the_security_headers_and_the_backoffice_keeps_its_own()
    {
        var page = await site.Client.GetAsync("/about/");
        var backoffice = await site.Client.GetAsync("/umbraco/login");

        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(backoffice.Headers.Contains("Content-Security-Policy") && backoffice.Headers.GetValues("Content-Security-Policy").Single().Contains("script-src 'self';"));
    }
}
