using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// ふりがな by keyboard without JavaScript, axe with ruby on, and the 読み上げ control driven
/// against a stand-in speech engine (injected before the page's scripts), since headless Chromium
/// on Debian has no voices.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadingBrowserTests(BrowserFixture browser)
{
    /// <summary>
    /// A speech engine that records what it was asked to say and finishes an utterance only when the
    /// test says so (window.__speech.finish()), so each state can be looked at.
    /// </summary>
    private const string SpeechStub = """
        (() => {
          const voices = window.__noJapaneseVoice ? [{ lang: 'en-US', name: 'stub-en' }] : [{ lang: 'en-US', name: 'stub-en' }, { lang: 'ja-JP', name: 'stub-ja' }];
          const log = { spoken: [], current: null, paused: false, cancelled: 0 };
          class Utterance { constructor(text) { this.text = text; this.lang = ''; this.voice = null; this.onend = null; this.onerror = null; } }
          const synth = {
            getVoices: () => voices,
            speak: u => { log.spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }); log.current = u; },
            pause: () => { log.paused = true; },
            resume: () => { log.paused = false; },
            cancel: () => { const u = log.current; log.current = null; log.cancelled++; if (u && u.onerror) u.onerror({ error: 'interrupted' }); },
            addEventListener: () => {}, removeEventListener: () => {},
          };
          Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
          window.SpeechSynthesisUtterance = Utterance;
          window.__speech = { log, finish: () => { const u = log.current; log.current = null; if (u && u.onend) u.onend({}); } };
        })();
        """;

    private async Task<IPage> PageWithSpeechAsync(bool japaneseVoice = true)
    {
        var page = await browser.NewPageAsync(1280, 900);
        if (!japaneseVoice) await page.AddInitScriptAsync("window.__noJapaneseVoice = true;");
        await page.AddInitScriptAsync(SpeechStub);
        return page;
    }

    [Fact]
    public async Task The_furigana_link_works_by_keyboard_without_javascript_and_stays_on_while_browsing()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, BaseURL = browser.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/acp/");
        Assert.Equal(0, await page.Locator("main ruby").CountAsync());

        await page.Locator("a", new() { HasText = "ふりがなをつける" }).FocusAsync();
        await page.RunAndWaitForNavigationAsync(() => page.Keyboard.PressAsync("Enter"), new() { UrlString = "**/acp/" });
        var heading = await page.Locator("main h1 rt").AllInnerTextsAsync();
        await page.Locator(".global-nav a[href=\"/about/\"]").FocusAsync();
        await page.RunAndWaitForNavigationAsync(() => page.Keyboard.PressAsync("Enter"), new() { UrlString = "**/about/" });
        var navigation = await page.Locator(".global-nav ruby rt").CountAsync();
        var next = await page.Locator("main h1 ruby").CountAsync();
        await page.Locator("a", new() { HasText = "ふりがなをはずす" }).FocusAsync();
        await page.RunAndWaitForNavigationAsync(() => page.Keyboard.PressAsync("Enter"), new() { UrlString = "**/about/" });
        var afterOff = await page.Locator("ruby").CountAsync();
        await context.CloseAsync();

        Assert.Equal(["じんせい", "かいぎ"], heading);
        Assert.True(navigation > 0, "the navigation has no ruby");
        Assert.True(next > 0, "the next page's heading has no ruby");
        Assert.Equal(0, afterOff);
    }

    [Fact]
    public async Task Axe_finds_no_violations_with_ruby_on()
    {
        // One of each kind of template the ruby changes most: lists and headings, a column, tables, search results.
        foreach (var url in new[] { "/acp/", "/columns/2024-12-15/", "/about/plan/", "/search?q=認知症" })
        {
            var page = await PageWithSpeechAsync();
            await page.Context.AddCookiesAsync([new Cookie { Name = "zaitaku-furigana", Value = "on", Url = browser.BaseUrl }]);
            if (url.StartsWith("/search")) await SearchPages.WaitForIndexAsync(page);
            await page.GotoAsync(url);
            Assert.True(await page.Locator("main ruby").CountAsync() > 0, $"{url} has no ruby");
            Assert.True(await page.Locator("[data-read-aloud]").IsVisibleAsync(), $"{url}: the read-aloud control is hidden");
            await Axe.AssertNoViolationsAsync(page, $"{url} with ふりがな");
            // On a phone the ruby'd menu still fits: nothing pushes the page sideways, and no label is
            // squeezed into a column of single characters (「つ／な／が／り」 made one item five lines tall).
            await page.SetViewportSizeAsync(375, 800);
            Assert.Equal(0, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth"));
            var tallest = await page.EvaluateAsync<double>("() => Math.max(...[...document.querySelectorAll('.global-nav__list a')].map(a => a.getBoundingClientRect().height))");
            Assert.True(tallest < 120, $"{url}: a menu item with ふりがな is {tallest}px tall at 375px");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Read_aloud_plays_pauses_resumes_and_stops_with_the_sentence_highlighted()
    {
        var page = await PageWithSpeechAsync();
        await page.GotoAsync("/watashi-note/");
        var control = page.Locator("[data-read-aloud]");
        var play = control.GetByRole(AriaRole.Button, new() { Name = "読み上げる" });
        var pause = control.GetByRole(AriaRole.Button, new() { Name = "一時停止" });
        var stop = control.GetByRole(AriaRole.Button, new() { Name = "停止", Exact = true });
        Assert.True(await control.IsVisibleAsync());
        Assert.Equal("true", await pause.GetAttributeAsync("aria-disabled"));

        // By keyboard: Tab order reaches the buttons; Enter and Space press them.
        await play.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("playing", await control.GetAttributeAsync("data-state"));
        Assert.Equal("読み上げています。", await control.Locator("[role=status]").InnerTextAsync());
        var h1 = await page.Locator("main h1").InnerTextAsync();
        Assert.Equal(h1, await Spoken(page, 0));
        Assert.Equal(h1, await Highlighted(page));
        Assert.Equal("ja-JP", await page.EvaluateAsync<string>("() => window.__speech.log.spoken[0].lang"));
        Assert.Equal("stub-ja", await page.EvaluateAsync<string>("() => window.__speech.log.spoken[0].voice"));

        // The next sentence: the lead's first, with 大和郡山 passed as its reading and highlighted as written.
        await page.EvaluateAsync("() => window.__speech.finish()");
        var second = await Spoken(page, 1);
        Assert.StartsWith("「わたしノート」は、いつまでも自分らしい暮らしを", second);
        Assert.Contains("やまとこおりやま市オリジナルのノートです。", second);
        Assert.Contains("大和郡山市オリジナルのノートです。", await Highlighted(page));
        Assert.Equal("P", await page.EvaluateAsync<string>("() => document.querySelector('.read-aloud-current').tagName"));

        await pause.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        Assert.Equal("paused", await control.GetAttributeAsync("data-state"));
        Assert.Equal("true", await pause.GetAttributeAsync("aria-pressed"));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__speech.log.paused"));
        Assert.Contains("一時停止しています", await control.Locator("[role=status]").InnerTextAsync());

        await page.Keyboard.PressAsync("Space"); // pressed again: resume where it was
        Assert.Equal("playing", await control.GetAttributeAsync("data-state"));
        Assert.Equal("false", await pause.GetAttributeAsync("aria-pressed"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__speech.log.paused"));
        Assert.Equal(2, await page.EvaluateAsync<int>("() => window.__speech.log.spoken.length"));

        await stop.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("idle", await control.GetAttributeAsync("data-state"));
        Assert.Equal("読み上げを止めました。", await control.Locator("[role=status]").InnerTextAsync());
        Assert.Equal(0, await page.Locator(".read-aloud-current").CountAsync());
        Assert.Equal("", await Highlighted(page));
        Assert.Equal(2, await page.EvaluateAsync<int>("() => window.__speech.log.spoken.length")); // nothing more after stop
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Read_aloud_reads_headings_and_list_items_in_order_and_skips_navigation_forms_and_footer()
    {
        var page = await PageWithSpeechAsync();
        await page.Context.AddCookiesAsync([new Cookie { Name = "zaitaku-furigana", Value = "on", Url = browser.BaseUrl }]);
        await page.GotoAsync("/acp/");
        // With ふりがな on, the buttons' labels carry ruby too.
        await page.Locator("[data-read-aloud] [data-action=play]").ClickAsync();
        for (var i = 0; i < 200 && await page.Locator("[data-read-aloud]").GetAttributeAsync("data-state") != "idle"; i++)
            await page.EvaluateAsync("() => window.__speech.finish()");
        var spoken = await page.EvaluateAsync<string[]>("() => window.__speech.log.spoken.map(s => s.text)");
        var all = string.Join("\n", spoken);

        Assert.Equal("idle", await page.Locator("[data-read-aloud]").GetAttributeAsync("data-state"));
        Assert.Equal("最後まで読み上げました。", await page.Locator("[data-read-aloud] [role=status]").InnerTextAsync());
        Assert.Equal("人生会議（ACP）", spoken[0]); // the ruby's readings are not read twice
        var order = new[] { "人生会議（ACP）とは", "自分が大切にしたいことや、これからの暮らしについての思いを考えます。", "はじめ方", "考えるきっかけに「わたしノート」" }
            .Select(s => Array.IndexOf(spoken, s)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.DoesNotContain("メインメニュー", all);
        Assert.DoesNotContain("サイトマップ", all);       // footer
        Assert.DoesNotContain("このページを読み上げる", all); // the control itself
        Assert.DoesNotContain("じんせい", all);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Without_a_Japanese_voice_the_control_stays_hidden()
    {
        var page = await PageWithSpeechAsync(japaneseVoice: false);
        await page.GotoAsync("/acp/");

        Assert.False(await page.Locator("[data-read-aloud]").IsVisibleAsync());
        await page.Context.CloseAsync();
    }

    private static Task<string> Spoken(IPage page, int index) =>
        page.EvaluateAsync<string>($"() => window.__speech.log.spoken[{index}].text");

    private static Task<string> Highlighted(IPage page) =>
        page.EvaluateAsync<string>("() => { const h = CSS.highlights.get('read-aloud'); return h ? [...h][0].toString() : ''; }");
}
