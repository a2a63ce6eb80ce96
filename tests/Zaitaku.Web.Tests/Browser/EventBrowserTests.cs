using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// A resident on a 375px phone signs up for the 語ろう会 from the top of its page, by keyboard, and
/// keeps the receipt number. Set ZAITAKU_SCREENSHOTS to a folder to keep whole-page screenshots of the
/// event page, the home page and 人生会議 at 375 and 1280px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EventBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_resident_on_a_phone_signs_up_from_the_top_of_the_event_page_and_gets_a_receipt_number()
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync("/about/kataroukai/");
        await Axe.AssertNoViolationsAsync(page, "語ろう会 event page at 375px");
        Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0);

        // 「申し込む」 sits with the date and venue, above the body; following it lands on the form.
        var signUp = page.Locator(".event-actions").GetByRole(AriaRole.Link, new() { Name = "申し込む", Exact = true });
        var bodyHeading = page.GetByRole(AriaRole.Heading, new() { Name = "語ろう会について" });
        Assert.True((await signUp.BoundingBoxAsync())!.Y < (await bodyHeading.BoundingBoxAsync())!.Y);
        await signUp.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**#form-*");
        var form = page.Locator("section.site-form", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "認知症について語ろう会（サンプル）参加申込" }) });
        Assert.True(await form.IsVisibleAsync());

        await form.GetByLabel("お名前").FillAsync("郡山 花子");
        await form.GetByLabel("電話番号").FillAsync("０７４３－００－００００"); // full-width, as a phone keyboard may give
        await form.GetByLabel("市民・家族").CheckAsync();
        await form.GetByLabel("同意する").CheckAsync();
        await Task.WhenAll(page.WaitForURLAsync("**/thanks**"), form.Locator("button[type=submit]").PressAsync("Enter"));

        var receipt = await page.Locator(".receipt__number").TextContentAsync();
        Assert.Matches(@"^\d{6}-\d{4}$", receipt);
        Assert.Contains("令和9年（2027年）2月10日（水）", await page.Locator("main").TextContentAsync());
        // How to cancel: a number to call, with whom it calls.
        Assert.Equal(1, await page.Locator("[aria-labelledby=thanks-event-heading] a.tel").CountAsync());
        await Axe.AssertNoViolationsAsync(page, "sign-up confirmation at 375px");
        await ShotAsync(page, "event-thanks-375");
        await page.Context.CloseAsync();

        if (Environment.GetEnvironmentVariable("ZAITAKU_SCREENSHOTS") is not { Length: > 0 }) return;
        foreach (var width in new[] { 375, 1280 })
        foreach (var (url, name) in new[] { ("/acp/kouenkai/", "event"), ("/", "home"), ("/acp/", "acp") })
        {
            var shot = await browser.NewPageAsync(width, 900);
            await shot.GotoAsync(url);
            await ShotAsync(shot, $"{name}-{width}");
            await shot.Context.CloseAsync();
        }
    }

    private static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ZAITAKU_SCREENSHOTS") is not { Length: > 0 } folder) return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
