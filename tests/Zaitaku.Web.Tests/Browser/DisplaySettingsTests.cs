using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// The text size (標準・大・特大) and colour (標準・白黒反転) choice: links that work without
/// JavaScript, and zero axe violations on every page template in each setting.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DisplaySettingsTests(BrowserFixture browser)
{
    public static TheoryData<string> Settings => new() { "large.standard", "x-large.standard", "standard.inverted", "x-large.inverted" };

    private async Task<IPage> PageWithSettingAsync(string setting, int width)
    {
        var page = await browser.NewPageAsync(width, 900);
        await page.Context.AddCookiesAsync([new Cookie { Name = "zaitaku-display", Value = setting, Url = browser.BaseUrl }]);
        return page;
    }

    [Theory]
    [MemberData(nameof(Settings))]
    public async Task Axe_finds_no_violations_on_any_template_in_each_setting(string setting)
    {
        foreach (string url in AccessibilityTests.Templates)
        {
            var page = await PageWithSettingAsync(setting, 375);
            if (url.StartsWith("/search")) await SearchPages.WaitForIndexAsync(page);
            await page.GotoAsync(url);
            await Axe.AssertNoViolationsAsync(page, $"{url} with {setting}");
            await Screenshots.TakeAsync(page, url, setting);
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task The_size_links_work_without_javascript_and_make_the_text_larger()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = browser.BaseUrl, ViewportSize = new() { Width = 375, Height = 812 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/soudan/");
        var before = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('main p, main dd')).fontSize)");

        await page.Locator(".display-choice a", new() { HasText = "特大" }).ClickAsync();
        await page.WaitForURLAsync("**/soudan/");
        var after = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('main p, main dd')).fontSize)");
        await page.Locator(".display-choice a", new() { HasText = "白黒反転" }).ClickAsync();
        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        var viewport = await page.Locator("meta[name=viewport]").GetAttributeAsync("content");
        await context.CloseAsync();

        Assert.True(after >= before * 1.45, $"特大: {after}px after {before}px");
        Assert.Equal("rgb(0, 0, 0)", background);
        Assert.True(overflow <= 0, $"{overflow}px of sideways scrolling with 特大");
        Assert.DoesNotContain("user-scalable", viewport);
        Assert.DoesNotContain("maximum-scale", viewport);
    }
}
