using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>A resident fills in forms in Chromium: mistakes, the messages, the confirmation; axe on each state.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FormsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_enquiry_with_mistakes_is_corrected_and_sent()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/contact/");
        await Axe.AssertNoViolationsAsync(page, "contact page with the enquiry form");
        var form = page.Locator("section.site-form", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "事務局へのお問い合わせ" }) });

        await form.GetByLabel("お名前").FillAsync("郡山 七子");
        await form.GetByLabel("メールアドレス").FillAsync("nanako@example");
        await form.GetByRole(AriaRole.Button, new() { Name = "送信する" }).ClickAsync();

        await page.WaitForSelectorAsync(".error-summary");
        // Keyboard and screen reader users start at the list of problems.
        await page.WaitForFunctionAsync("() => document.activeElement?.classList.contains('error-summary')");
        await Axe.AssertNoViolationsAsync(page, "enquiry with errors");
        var summary = await page.Locator(".error-summary").TextContentAsync();
        Assert.Contains("「メールアドレス」はメールアドレスの形で入力してください", summary);
        Assert.Contains("「お問い合わせの内容」を入力してください。", summary);
        // What was typed is still there, and the summary leads to the field.
        Assert.Equal("郡山 七子", await page.GetByLabel("お名前").InputValueAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "「お問い合わせの内容」を入力してください。" }).ClickAsync();
        Assert.Equal("textarea", await page.EvaluateAsync<string>("() => document.activeElement.tagName.toLowerCase()"));

        await page.GetByLabel("メールアドレス").FillAsync("nanako@example.jp");
        await page.GetByLabel("お問い合わせの種類").SelectOptionAsync(new SelectOptionValue { Label = "このサイトについて" });
        await page.GetByLabel("お問い合わせの内容").FillAsync("文字を大きくする方法を知りたいです。");
        await page.GetByLabel("上記の個人情報の取り扱いに同意する").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "送信する" }).First.ClickAsync();

        await page.WaitForURLAsync("**/thanks**");
        Assert.Equal("送信しました", await page.Locator("h1").TextContentAsync());
        await Axe.AssertNoViolationsAsync(page, "form thanks page");
        await page.GetByRole(AriaRole.Link, new() { Name = "もとのページに戻る" }).ClickAsync();
        await page.WaitForURLAsync("**/contact/");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Page_feedback_is_given_by_keyboard_alone()
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync("/soudan/");
        var feedback = page.Locator(".page-feedback");
        await feedback.GetByLabel("役に立った", new() { Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await feedback.GetByLabel("ご意見").FocusAsync();
        await page.Keyboard.TypeAsync("わかりやすかったです");
        await feedback.GetByRole(AriaRole.Button, new() { Name = "送信する" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync("**/thanks**");
        Assert.Contains("ご意見ありがとうございました", await page.Locator("main").TextContentAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_event_sign_up_page_passes_axe_at_phone_width()
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync("/acp/kouenkai/");
        await Axe.AssertNoViolationsAsync(page, "ACP講演会 sign-up at 375px");
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the sign-up page is {overflow}px too wide");
        await page.Context.CloseAsync();
    }
}
