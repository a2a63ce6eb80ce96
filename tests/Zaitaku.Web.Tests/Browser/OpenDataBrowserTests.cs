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
}
