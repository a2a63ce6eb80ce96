using System.Net;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>
/// 文字の大きさ・色 in every header: plain links that set a cookie, pages that follow it, and an
/// output cache that keeps one entry for everyone who never chose.
/// </summary>
public sealed class DisplayChoiceTests(SharedSite site) : IClassFixture<SharedSite>
{
    // No cookie jar: each request carries exactly the cookie the test gives it.
    private readonly HttpClient _client = site.Factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private static HttpRequestMessage Get(string url, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null) request.Headers.Add("Cookie", "zaitaku-display=" + cookie);
        return request;
    }

    [Fact]
    public async Task Choosing_a_size_sets_a_cookie_and_returns_to_the_page()
    {
        var response = await _client.SendAsync(Get("/display?size=x-large&back=%2Fsoudan%2F"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/soudan/", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("zaitaku-display=x-large.standard;", cookie);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task A_crafted_return_address_leads_home_not_elsewhere(string back)
    {
        var response = await _client.SendAsync(Get("/display?colours=inverted&back=" + Uri.EscapeDataString(back)));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Each_page_follows_the_choice_and_visitors_who_never_chose_still_get_the_plain_page()
    {
        // The first visitor chooses 特大 and 白黒反転 on a cached page; the next one never chose.
        var chosen = await (await _client.SendAsync(Get("/acp/", "x-large.inverted"))).Content.ReadAsStringAsync();
        var plain = await (await _client.SendAsync(Get("/acp/"))).Content.ReadAsStringAsync();
        var forged = await (await _client.SendAsync(Get("/acp/", "<script>.x"))).Content.ReadAsStringAsync();

        Assert.Contains("<html lang=\"ja\" class=\"text-x-large colours-inverted\">", chosen);
        Assert.Contains("<html lang=\"ja\">", plain);
        Assert.Contains("<html lang=\"ja\">", forged);
        Assert.DoesNotContain("<script>.x", forged);
        // The chosen links say which one is in use.
        Assert.Contains("aria-current=\"true\">特大</a>", chosen);
        Assert.Contains("aria-current=\"true\">標準</a>", plain);
    }

    [Fact]
    public async Task The_page_never_blocks_pinch_zoom()
    {
        var html = await _client.GetStringAsync("/");

        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        Assert.DoesNotContain("user-scalable", html);
        Assert.DoesNotContain("maximum-scale", html);
    }

    [Theory]
    [MemberData(nameof(SeededPagesTests.Pages), MemberType = typeof(SeededPagesTests))]
    public async Task No_seeded_page_shows_markdown_asterisks(string url, string title)
    {
        var html = await _client.GetStringAsync(url);

        Assert.Contains(title, html);
        Assert.DoesNotContain("**", html);
    }
}
