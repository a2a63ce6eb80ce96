using Microsoft.Playwright;
using Zaitaku.Core.Rendering;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// A resident on a 375px phone with the browser's text at 200%: nothing scrolls sideways, no number,
/// date or phone number is split across two lines, and every お問い合わせ block has a number to call.
/// Set ZAITAKU_SCREENSHOTS to a folder to keep a screenshot of each page for looking at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneReadingTests(BrowserFixture browser)
{
    public static TheoryData<string> Templates => AccessibilityTests.Templates;

    /// <summary>Doubles the root font size, as a reader's browser setting of 200% text does.</summary>
    internal const string DoubleText = "() => { const html = document.documentElement; html.style.fontSize = (parseFloat(getComputedStyle(html).fontSize) * 2) + 'px'; }";

    /// <summary>
    /// Every number with its unit, date piece and phone number (the same pattern the site keeps whole)
    /// found in the page's visible text, with the line boxes it was laid out in: more than one line top
    /// means it was broken inside.
    /// </summary>
    private const string BrokenPieces = """
        pattern => {
          const re = new RegExp(pattern, 'g');
          const broken = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const parent = node.parentElement;
            if (!parent || parent.closest('.visually-hidden, script, style, [hidden]')) continue;
            for (const m of node.data.matchAll(re)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const tops = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
              if (tops.size > 1) broken.push(m[0]);
            }
          }
          return broken;
        }
        """;

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task At_375px_with_200_percent_text_nothing_scrolls_sideways_and_no_number_breaks(string url)
    {
        var page = await browser.NewPageAsync(375, 812);
        if (url.StartsWith("/search")) await SearchPages.WaitForIndexAsync(page);
        await page.GotoAsync(url);
        await page.EvaluateAsync(DoubleText);

        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        // What sticks out, to say in the failure which element to fix.
        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.body.querySelectorAll('*')]
              .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && ![...e.children].some(c => c.getBoundingClientRect().right > document.documentElement.clientWidth + 1))
              .filter(e => !e.closest('.visually-hidden, .skip-link, .form-trap'))
              .slice(0, 5).map(e => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' 「' + e.textContent.trim().slice(0, 30) + '」 ' + Math.round(e.getBoundingClientRect().right) + 'px')
            """);
        var broken = await page.EvaluateAsync<string[]>(BrokenPieces, NoBreakText.Pattern().ToString());
        var contactBlocks = await page.Locator(".contact-block").CountAsync();
        var contactBlocksWithTel = await page.Locator(".contact-block:has(a[href^='tel:'])").CountAsync();
        await Screenshots.TakeAsync(page, url, "375-200pct");
        await page.Context.CloseAsync();

        Assert.True(overflow <= 0, $"{url} is {overflow}px wider than a 375px screen at 200% text: {string.Join(", ", wide)}");
        Assert.True(broken.Length == 0, $"{url}: broken across lines: {string.Join("、", broken)}");
        Assert.Equal(contactBlocks, contactBlocksWithTel);
    }

    [Fact]
    public async Task A_window_card_calls_the_window_in_one_tap_and_says_whom_it_calls()
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync("/soudan/");

        var call = page.Locator(".window-card", new() { HasText = "地域包括支援センター" }).Locator("a[href^='tel:']");
        Assert.Equal(1, await call.CountAsync());
        Assert.Matches("^tel:(\\+81|0)\\d+$", await call.GetAttributeAsync("href"));
        // The accessible name starts with what is seen (WCAG 2.5.3) and says whom it calls.
        var name = await call.EvaluateAsync<string>("a => a.textContent");
        Assert.StartsWith("000-000-0000", name);
        Assert.Contains("地域包括支援センターに電話する", name);
        Assert.Contains("受付時間", await page.Locator(".window-card").First.TextContentAsync());
        // A FAX number is never a call link.
        Assert.Equal(0, await page.Locator(".contact-block dd:has-text('000-000-0001') a").CountAsync());
        await page.Context.CloseAsync();
    }
}

/// <summary>Screenshots for a person to look at, only when ZAITAKU_SCREENSHOTS names a folder.</summary>
internal static class Screenshots
{
    public static async Task TakeAsync(IPage page, string url, string what)
    {
        if (Environment.GetEnvironmentVariable("ZAITAKU_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        var name = string.Concat(url.Select(c => char.IsLetterOrDigit(c) ? c : '_')).Trim('_');
        // The first screenful, as the reader first sees it.
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{(name.Length == 0 ? "home" : name)}-{what}.png") });
    }
}
