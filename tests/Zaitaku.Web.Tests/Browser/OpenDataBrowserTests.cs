using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>The chart pages and the オープンデータ page in Chromium: axe finds nothing, nothing overflows a 375px phone, the charts are named images.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OpenDataBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/about/participation/")]
    [InlineData("/about/indicators/")]
    [InlineData("/opendata/")]
    public async Task Charts_and_data_pages_pass_axe_and_fit_a_375px_phone(string url)
    {
        foreach (var width in new[] { 375, 1280 })
        {
            var page = await browser.NewPageAsync(width, 812);
            await page.GotoAsync(url);
            // axe at the phone width, where the charts and the stacked tables are most likely to go wrong;
            // the 1280px layout is the same template, checked for size below.
            if (width == 375) await Axe.AssertNoViolationsAsync(page, $"{url} at {width}px");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{url} is {overflow}px wider than the {width}px screen");
            if (url != "/opendata/")
            {
                var chart = page.Locator("svg[role=img]").First;
                // Chromium computes the name from the SVG's <title>, as a screen reader hears it.
                Assert.False(string.IsNullOrWhiteSpace(await chart.GetAttributeAsync("aria-labelledby")));
                var box = await chart.BoundingBoxAsync();
                Assert.True(box!.Width <= width, $"the chart is {box.Width}px wide");
                // Text in the chart stays readable: at least 13px once scaled to the screen.
                var fontPx = await page.EvaluateAsync<double>("() => { const t = document.querySelector('svg[role=img] text.chart__label'); return t.getBoundingClientRect().height; }");
                Assert.True(fontPx >= 13, $"chart labels are {fontPx:0.0}px tall at {width}px");
            }
            await page.Context.CloseAsync();
        }
    }

    [Theory]
    [InlineData("/about/participation/")]
    [InlineData("/about/indicators/")]
    public async Task At_the_largest_text_size_a_phones_chart_text_grows_with_the_page(string url)
    {
        async Task<(double Label, double Body, int Overflow)> MeasureAsync(string? setting)
        {
            var page = await browser.NewPageAsync(375, 812);
            if (setting is not null)
                await page.Context.AddCookiesAsync([new Cookie { Name = "zaitaku-display", Value = setting, Url = browser.BaseUrl }]);
            await page.GotoAsync(url);
            var label = await page.EvaluateAsync<double>("() => Math.min(...[...document.querySelectorAll('svg[role=img] text')].map(t => t.getBoundingClientRect().height))");
            var body = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)");
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            await page.Context.CloseAsync();
            return (label, body, overflow);
        }

        var standard = await MeasureAsync(null);
        var largest = await MeasureAsync("x-large.standard");

        // The page's text is 1.5 times as large at 特大; the charts' smallest text must follow it, not stay put.
        Assert.True(largest.Body >= standard.Body * 1.45, $"page text {largest.Body}px after {standard.Body}px");
        Assert.True(largest.Label >= standard.Label * 1.4, $"chart text {largest.Label:0.0}px at 特大 after {standard.Label:0.0}px");
        Assert.True(largest.Overflow <= 0, $"{url} is {largest.Overflow}px wider than the phone at 特大");
    }
}
