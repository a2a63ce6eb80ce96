using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Zaitaku.Web.Tests.Forms;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// The secretariat in Umbraco's backoffice, signed in through Umbraco's own login: the フォーム section lists the forms,
/// a form's entries, one entry's answers, and marks it handled.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FormsSectionBrowserTests(BrowserFixture browser)
{
    /// <summary>Signed in through Umbraco's login screen, as a person fills it in.</summary>
    private static async Task<IPage> SignedInAsync(BrowserFixture browser, int width = 1280) =>
        (await Backoffice.BackofficeSession.SignInAsync(browser, width)).Page;

    [Fact]
    public async Task The_secretariat_finds_an_entry_in_the_forms_section_and_marks_it_handled()
    {
        var form = await TestForms.CopyAsync(TestForms.Enquiry);
        var filled = await new FormFiller(Person.Browser()).SubmitAsync(TestForms.PageOf(form), form.Name,
            ("お名前", "郡山 三郎"), ("メールアドレス", "saburo@example.jp"), ("電話番号", "0743-11-1111"),
            ("お問い合わせの種類", "わたしノート・人生会議（ACP）について"), ("お問い合わせの内容", "講演会の資料がほしい"), ("個人情報の取り扱い", "同意する"));
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, filled.StatusCode);

        var page = await SignedInAsync(browser);
        await page.GetByRole(AriaRole.Tab, new() { Name = "フォーム" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "フォーム" })).First.ClickAsync();
        await page.GetByText("フォームの受付").WaitForAsync();
        await Shot(page, "forms-1280");

        await page.GetByRole(AriaRole.Button, new() { Name = $"{form.Name}の受付を見る" }).ClickAsync();
        await page.GetByText("郡山 三郎").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^受付番号 .* を開く$") }).First.ClickAsync();
        await page.GetByText("講演会の資料がほしい").WaitForAsync();
        await Shot(page, "entry-1280");
        await page.GetByRole(AriaRole.Button, new() { Name = "対応済みにする" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "未対応に戻す" }).WaitForAsync();

        var entry = Assert.Single(await TestForms.EntriesAsync(form));
        Assert.NotNull(entry.HandledUtc);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(768)]
    public async Task The_forms_screens_pass_axe_and_work_by_keyboard(int width)
    {
        var form = await TestForms.CopyAsync(TestForms.Enquiry);
        await new FormFiller(Person.Browser()).SubmitAsync(TestForms.PageOf(form), form.Name,
            ("お名前", "郡山 四郎"), ("メールアドレス", "shiro@example.jp"), ("電話番号", "0743-22-2222"),
            ("お問い合わせの種類", "わたしノート・人生会議（ACP）について"), ("お問い合わせの内容", "見本"), ("個人情報の取り扱い", "同意する"));
        var page = await SignedInAsync(browser, width);
        await page.GotoAsync("/umbraco/section/zaitaku-forms");
        var screen = page.Locator("zaitaku-form-entries");
        await page.GetByText("フォームの受付").WaitForAsync();
        await AssertNoViolationsAsync(screen, $"forms list at {width}px");
        await Shot(page, $"forms-{width}");

        // By keyboard: focus the form's button and press Enter, then the entry's.
        await page.GetByRole(AriaRole.Button, new() { Name = $"{form.Name}の受付を見る" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByText("郡山 四郎").WaitForAsync();
        await AssertNoViolationsAsync(screen, $"entries at {width}px");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^受付番号 .* を開く$") }).First.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "対応済みにする" }).WaitForAsync();
        await AssertNoViolationsAsync(screen, $"entry at {width}px");
        await Shot(page, $"entry-{width}");
    }

    [Fact]
    public async Task A_page_shows_its_form_in_the_picker_and_offers_every_form_by_name()
    {
        var page = await SignedInAsync(browser);
        await page.GotoAsync($"/umbraco/section/content/workspace/document/edit/{SiteContent.SeedKey("contact")}/invariant");
        var picker = page.Locator("zaitaku-form-picker select");
        await picker.WaitForAsync(new() { Timeout = 60_000 });

        Assert.Equal("ca080953-4b1d-597b-a362-09efcdc3c26d", await picker.InputValueAsync());
        var offered = await picker.Locator("option").AllTextContentsAsync();
        Assert.Contains(TestForms.Enquiry, offered);
        Assert.Contains(TestForms.Acp, offered);
        Assert.Contains("（フォームを置かない）", offered);
        Assert.DoesNotContain(TestForms.Feedback, offered); // shown on every page by itself, not placed
        Assert.Equal(0, await page.GetByText("プロパティエディターの UI が見つかりません").CountAsync());
        await AssertNoViolationsAsync(page.Locator("zaitaku-form-picker"), "form picker");
    }

    private static async Task AssertNoViolationsAsync(ILocator screen, string what)
    {
        var result = await screen.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        Assert.True(result.Passes.Length > 0, "axe-core did not run");
        Assert.True(result.Violations.Length == 0, what + "\n" + string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    /// <summary>Screenshots for a person to look at, when ZAITAKU_SHOTS names a folder.</summary>
    private static async Task Shot(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("ZAITAKU_SHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
        }
    }
}
