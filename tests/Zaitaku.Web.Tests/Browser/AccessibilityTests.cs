using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// JIS X 8341-3:2016 level AA (WCAG 2.0 AA, checked with the 2.1 A/AA rules too): axe-core finds
/// nothing on any page template, at desktop and phone widths, and nothing overflows at 375px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    /// <summary>One page of each template, plus the error pages.</summary>
    public static TheoryData<string> Templates => new()
    {
        "/",                                // Home
        "/columns/",                        // ColumnList
        "/columns/?year=abc",               // ColumnList with its 400 message
        "/columns/2024-12-15/",             // Column
        "/associations/",                   // AssociationList
        "/associations/ishikai/",           // Association
        "/soudan/",                         // ConsultationWindowList
        "/soudan/chiiki-houkatsu/",         // ConsultationWindow
        "/acp/",                            // ContentPage, with the events under it
        "/acp/kouenkai/",                   // Event, with its sign-up form
        "/about/plan/",                     // ContentPage with wide tables
        "/about/activities-r6/",
        "/watashi-note/",                   // WatashiNote, with the paper copy request form
        "/contact/",                        // ContentPage with the enquiry form
        "/forms/ca080953-4b1d-597b-a362-09efcdc3c26d",         // a form on a page of its own
        "/forms/ca080953-4b1d-597b-a362-09efcdc3c26d/thanks",  // the confirmation
        "/about/participation/",            // StatisticsPage
        "/sitemap/",                        // Sitemap
        "/no-such-page/",                   // 404
        "/search?q=認知症",                  // Search with results, filters and pages
        "/search?q=ﾃﾞｲｻｰﾋﾞｽ",               // Search that finds nothing
        "/search",                          // Search with no query
        "/tantou-chiiki/",                  // AreaFinder with every center
        "/tantou-chiiki/?town=みほんいっちょう",  // AreaFinder with one center found
        "/yougo/",                          // Glossary
        "/acp/yasashii/",                   // PlainJapanese
        "/accessibility/",                  // AccessibilityPolicy
    };

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Axe_finds_no_wcag_a_or_aa_violations(string url)
    {
        foreach (var width in new[] { 1280, 375 })
        {
            var page = await browser.NewPageAsync(width);
            if (url.StartsWith("/search")) await SearchPages.WaitForIndexAsync(page);
            await page.GotoAsync(url);
            await Axe.AssertNoViolationsAsync(page, $"{url} at {width}px");
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task Nothing_overflows_sideways_on_a_375px_phone(string url)
    {
        var page = await browser.NewPageAsync(375, 812);
        if (url.StartsWith("/search")) await SearchPages.WaitForIndexAsync(page);
        await page.GotoAsync(url);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        await page.Context.CloseAsync();
        Assert.True(overflow <= 0, $"{url} is {overflow}px wider than a 375px screen");
    }

    [Fact]
    public async Task Text_is_at_least_16px_with_generous_line_height()
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync("/columns/2024-12-15/");

        var size = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('.prose p')).fontSize)");
        var lineHeight = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('.prose p')).lineHeight)");
        await page.Context.CloseAsync();
        Assert.True(size >= 16, $"body text is {size}px");
        Assert.True(lineHeight / size >= 1.6, $"line height is {lineHeight / size:0.00}");
    }

    [Fact]
    public async Task At_200_percent_zoom_the_page_reflows_without_sideways_scrolling()
    {
        // 200% zoom of a 1280px window lays the page out in 640 CSS pixels.
        var page = await browser.NewPageAsync(640, 450);
        await page.GotoAsync("/about/participation/");

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        await page.Context.CloseAsync();
        Assert.True(overflow <= 0, $"{overflow}px of sideways scrolling at 200%");
    }
}
