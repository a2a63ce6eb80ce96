using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// The text checker as an editor meets it in Chromium: the list beside the editor follows the typing,
/// each problem with its place and fix, and the administrators' report; axe-core finds nothing on either.
/// The public 用語集 is reached by keyboard from a body's link.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReadingAidsBrowserTests(ReviewBrowserSite site) : IClassFixture<ReviewBrowserSite>
{
    // The formatted editor writes each change back to the Markdown textarea and signals it as input;
    // this does the same, so the test reads the checker and not the editor.
    private static Task TypeBodyAsync(IPage page, string markdown) =>
        page.EvalOnSelectorAsync("textarea[name='Values[body]']",
            "(t, v) => { t.value = v; t.dispatchEvent(new Event('input', { bubbles: true })); }", markdown);

    [Fact]
    public async Task The_checker_list_follows_the_typing_and_the_report_is_accessible()
    {
        var page = await site.SignInAsync("jimukyoku@example.jp");
        await page.GotoAsync("/umbraco/content");
        await page.GetByRole(AriaRole.Link, new() { Name = "接し方のポイント", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync(".text-check-live .text-check__ok, .text-check-live .text-check__summary");

        await TypeBodyAsync(page, "## 受付\n\n#### 時間\n\n申し込みは[こちら](/contact/)から。締め切りは2025/1/10です。");
        var list = page.Locator(".text-check-live");
        await list.Locator(".text-check__item--error").Nth(1).WaitForAsync(new() { Timeout = 15_000 });
        var text = await list.InnerTextAsync();
        Assert.Contains("直す必要のある問題が 2 件", text);
        Assert.Contains("見出しの段が飛んでいます", text);
        Assert.Contains("直し方：この見出しを ### にしてください。", text);
        Assert.Contains("令和7年（2025年）1月10日", text);
        Assert.Contains("読みやすさ", text);
        // Only the summary is announced to screen readers, not the whole list at every key.
        Assert.Contains("直す必要のある問題が 2 件", await list.Locator("[role=status]").TextContentAsync());
        await Axe.AssertNoViolationsAsync(page, "edit form with the text checker list");

        // Fixed, the errors leave the list as the editor types.
        await TypeBodyAsync(page, "## 受付\n\n### 時間\n\n[お問い合わせのフォーム](/contact/)から申し込めます。");
        await list.Locator(".text-check__ok").WaitForAsync(new() { Timeout = 15_000 });

        await page.GotoAsync("/umbraco/text-check");
        Assert.Contains("公開中のすべてのページ", await page.Locator("main").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, "the whole-site text check report");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_glossary_link_in_a_body_leads_by_keyboard_to_its_entry()
    {
        var page = await site.NewPageAsync(375, 812);
        await page.GotoAsync("/acp/");
        var link = page.Locator("main .prose a.glossary-link[href='/yougo/#term-acp']");
        await link.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/yougo/#term-acp");
        Assert.Contains("ACP（人生会議）", await page.Locator("#term-acp").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, "the glossary at 375px");
        await page.Context.CloseAsync();
    }
}
