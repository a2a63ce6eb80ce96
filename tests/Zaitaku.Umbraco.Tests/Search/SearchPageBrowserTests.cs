using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Search;

/// <summary>
/// The search page in Debian's Chromium, as a resident on a phone (375px) and on a laptop (1280px) sees it: it
/// passes axe-core (WCAG 2.0/2.1 A and AA, for JIS X 8341-3:2016 AA), a search typed in the box leads to results,
/// and nothing is wider than the screen. Screenshots go to the temp folder's zaitaku-screenshots/search/.
/// </summary>
[Collection(SearchCollection.Name)]
public sealed class SearchPageBrowserTests(SharedSite site) : IClassFixture<SharedSite>, IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string Screenshots = Path.Combine(Path.GetTempPath(), "zaitaku-screenshots", "search");
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async Task InitializeAsync()
    {
        await SearchReady.WaitAsync(site.Client);
        Directory.CreateDirectory(Screenshots);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
    }

    private async Task<IPage> PageAsync(int width)
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 },
            Locale = "ja-JP",
            BaseURL = site.Factory.BaseUrl,
        });
        return await context.NewPageAsync();
    }

    private static async Task AssertAccessibleAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.True(result.Passes.Length > 0, "axe-core did not run");
        Assert.True(result.Violations.Length == 0, what + "\n" + string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
        // Nothing makes the page scroll sideways at this width.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), what + ": wider than the screen");
    }

    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public async Task Typing_a_word_in_the_box_shows_accessible_results(int width)
    {
        var page = await PageAsync(width);
        await page.GotoAsync("/search");
        await AssertAccessibleAsync(page, $"/search at {width}px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"empty-{width}.png"), FullPage = true });

        await page.FillAsync("#search-page-q", "みとり");
        await page.ClickAsync(".search-form button[type=submit]");
        await page.WaitForSelectorAsync(".search-result");

        Assert.Contains("件見つかりました", await page.InnerTextAsync(".result-count"));
        await AssertAccessibleAsync(page, $"results at {width}px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"results-{width}.png"), FullPage = true });
    }

    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public async Task A_search_that_finds_nothing_is_accessible_and_offers_the_main_sections(int width)
    {
        var page = await PageAsync(width);
        await page.GotoAsync("/search?q=" + Uri.EscapeDataString("ﾃﾞｲｻｰﾋﾞｽ"));

        Assert.Contains("見つかりませんでした", await page.InnerTextAsync("main"));
        Assert.True(await page.Locator("main a[href='/soudan/']").CountAsync() > 0);
        await AssertAccessibleAsync(page, $"no results at {width}px");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots, $"no-results-{width}.png"), FullPage = true });
    }
}
