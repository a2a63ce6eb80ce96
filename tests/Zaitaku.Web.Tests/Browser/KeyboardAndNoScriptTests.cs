using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>A resident using only a keyboard, or a browser with JavaScript off, can do everything.</summary>
[Collection(BrowserCollection.Name)]
public sealed class KeyboardAndNoScriptTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_the_content()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/acp/");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator(".skip-link");
        Assert.Equal("本文へ移動", (await skip.TextContentAsync())?.Trim());
        Assert.True(await skip.EvaluateAsync<bool>("e => e === document.activeElement && e.getBoundingClientRect().left >= 0"));

        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Filtering_columns_works_by_keyboard_without_javascript()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = browser.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/columns/");

        await page.Locator("#filter-association").FocusAsync();
        await page.Locator("#filter-association").SelectOptionAsync(new SelectOptionValue { Label = "大和郡山市歯科医師会" });
        await page.Locator("form.filter button[type=submit]").FocusAsync();
        // Wait for the navigation the key press starts, set up before pressing so it cannot be missed.
        await Task.WhenAll(page.WaitForURLAsync(u => u.Contains("/columns/?association=shika-ishikai")), page.Keyboard.PressAsync("Enter"));

        var result = await page.Locator(".result-count").TextContentAsync();
        Assert.Contains("大和郡山市歯科医師会のコラム：1件", result);
        Assert.Equal(1, await page.Locator(".column-items .column-item").CountAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task Searching_from_the_header_and_filtering_work_by_keyboard_without_javascript()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = browser.BaseUrl });
        var page = await context.NewPageAsync();
        await SearchPages.WaitForIndexAsync(page);
        await page.GotoAsync("/acp/");

        await page.Locator("#header-search-q").FocusAsync();
        await page.Keyboard.TypeAsync("わたしのーと");
        await Task.WhenAll(page.WaitForURLAsync(u => u.Contains("/search?q=")), page.Keyboard.PressAsync("Enter"));
        Assert.Equal("わたしノート", (await page.Locator(".search-result__title a").First.TextContentAsync())?.Trim());

        var filter = page.Locator(".search-filters a", new PageLocatorOptions { HasTextString = "トップページ" });
        await filter.FocusAsync();
        await Task.WhenAll(page.WaitForURLAsync(u => u.Contains("section=")), page.Keyboard.PressAsync("Enter"));
        Assert.Equal(1, await page.Locator(".search-result").CountAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_focus_is_clearly_visible()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");

        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        await page.Context.CloseAsync();
        Assert.Equal("solid", outline);
    }

    [Fact]
    public async Task A_path_that_kestrel_cannot_decode_gets_a_4xx_not_a_500()
    {
        using var client = new HttpClient();
        var response = await client.GetAsync(browser.BaseUrl + "/columns/%00/");

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task Print_stylesheet_hides_navigation_and_keeps_the_contact_block()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/soudan/");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Microsoft.Playwright.Media.Print });

        Assert.False(await page.Locator(".global-nav").IsVisibleAsync());
        Assert.True(await page.Locator(".contact-block").IsVisibleAsync());
        await page.Context.CloseAsync();
    }
}
