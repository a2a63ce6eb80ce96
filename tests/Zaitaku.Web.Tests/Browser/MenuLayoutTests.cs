using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// The main menu from a tablet's width up: each item's name on one line (「広報つながり認知症予防
/// コラム」 was three lines at 1024px beside one-line neighbours), nothing wider than the screen, and
/// at 1024px no more than two rows.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class MenuLayoutTests(BrowserFixture browser)
{
    /// <summary>For each menu item, the number of lines its name was laid out in.</summary>
    private const string LinesPerItem = """
        () => [...document.querySelectorAll('.global-nav__list a')].map(a => {
          const range = document.createRange();
          range.selectNodeContents(a);
          return { name: a.textContent.trim(), lines: new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))).size };
        })
        """;

    private sealed class Item
    {
        public string Name { get; set; } = "";
        public int Lines { get; set; }
    }

    [Theory]
    [InlineData(640, null)]
    [InlineData(1024, null)]
    [InlineData(1280, null)]
    [InlineData(1024, "x-large.standard")]
    public async Task Each_menu_item_is_one_line_and_the_menu_fits_the_screen(int width, string? setting)
    {
        var page = await browser.NewPageAsync(width, 800);
        if (setting is not null)
            await page.Context.AddCookiesAsync([new Cookie { Name = "zaitaku-display", Value = setting, Url = browser.BaseUrl }]);
        await page.GotoAsync("/soudan/");
        var items = await page.EvaluateAsync<Item[]>(LinesPerItem);
        var rows = await page.EvaluateAsync<int>("() => new Set([...document.querySelectorAll('.global-nav__list li')].map(li => Math.round(li.getBoundingClientRect().top))).size");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        await page.Context.CloseAsync();

        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.True(i.Lines == 1, $"「{i.Name}」 takes {i.Lines} lines at {width}px {setting}"));
        Assert.True(overflow <= 0, $"{overflow}px of sideways scrolling at {width}px {setting}");
        if (width == 1024 && setting is null) Assert.True(rows <= 2, $"the menu has {rows} rows at 1024px");
    }
}
