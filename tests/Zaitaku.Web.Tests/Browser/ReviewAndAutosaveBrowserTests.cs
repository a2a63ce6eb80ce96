using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zaitaku.Infrastructure.Accounts;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>A site of its own, with the secretariat, a reviewer and a 医師会 editor already registered.</summary>
public sealed class ReviewBrowserSite : BrowserFixture
{
    public const string Password = "koriyama no kingyo ga oyogu";

    public ReviewBrowserSite()
    {
        Site.WithSetting("Zaitaku:Backoffice:Unattended:Email", "jimukyoku@example.jp")
            .WithSetting("Zaitaku:Backoffice:Unattended:Password", Password)
            .WithSetting("Zaitaku:Backoffice:Unattended:DisplayName", "事務局 管理者");
    }

    public async Task<IPage> SignInAsync(string email, int width = 1280)
    {
        await this.EnsureEditorsAsync(Password,
            new TestEditor("kakunin@example.jp", "確認担当 花子", UserGroups.Reviewers),
            new TestEditor("ishikai@example.jp", "医師会 編集担当", UserGroups.AssociationEditors, "/associations/ishikai/"));
        return await this.SignInAsync(email, Password, width);
    }
}

/// <summary>
/// Autosave that is right, and the reviewer's screen, in Chromium: a successful save leaves no false
/// warning, what the server merely rewrote is not "unsaved", older typing never overwrites a newer save;
/// the reviewer reads the changes and the note first. axe-core at 1280px and 768px; screenshots at 375px and 1280px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewAndAutosaveBrowserTests(ReviewBrowserSite site) : IClassFixture<ReviewBrowserSite>
{
    private const string Column = "認知症は早期発見・早期対応が大切です";
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "zaitaku-screenshots");

    private static async Task AssertAccessibleAsync(IPage page, string screen)
    {
        foreach (var width in new[] { 1280, 768 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await Axe.AssertNoViolationsAsync(page, $"{screen} at {width}px");
        }
        Directory.CreateDirectory(Shots);
        foreach (var width in new[] { 375, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{screen}-{width}.png"), FullPage = true });
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{screen} is {overflow}px too wide at {width}px");
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    private static Task<string?> CopyAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => Object.keys(localStorage).filter(k => k.startsWith('zaitaku:autosave:')).map(k => localStorage.getItem(k))[0] ?? null");

    private static async Task OpenColumnAsync(IPage page)
    {
        await page.GotoAsync("/umbraco/content");
        await page.GetByRole(AriaRole.Link, new() { Name = Column, Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("form[data-autosave]");
        await ShowMarkdownAsync(page);
    }

    /// <summary>
    /// The body as its plain Markdown field (「Markdown で編集」), so the test types into it directly. A body
    /// the formatted editor cannot give back unchanged (a hard line break of two spaces) is already there.
    /// </summary>
    private static async Task ShowMarkdownAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => document.querySelector('.md-editor') || [...document.querySelectorAll('.field-hint')].some(p => p.textContent.includes('Markdown のまま編集します'))");
        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Markdown で編集" });
        if (await toggle.CountAsync() > 0) await toggle.ClickAsync();
    }

    [Fact]
    public async Task Autosave_is_cleared_by_a_successful_save_ignores_what_the_server_rewrites_and_never_restores_older_values_over_a_newer_save()
    {
        var editor = await site.SignInAsync("ishikai@example.jp");
        await OpenColumnAsync(editor);
        var editUrl = editor.Url;

        // 1. Sent for review: the copy is gone, and coming back offers nothing (the old false warning).
        await editor.GetByLabel("本文（必須）").FillAsync("確認に出す本文  \n二行目");
        await editor.WaitForTimeoutAsync(1500);
        Assert.NotNull(await CopyAsync(editor));
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存して確認を依頼" }).ClickAsync();
        await editor.WaitForSelectorAsync("text=確認を依頼しました");
        await editor.WaitForFunctionAsync("() => !Object.keys(localStorage).some(k => k.startsWith('zaitaku:autosave:'))");
        await editor.GotoAsync("/umbraco");
        await editor.GotoAsync(editUrl);
        await editor.WaitForSelectorAsync("form[data-autosave]");
        Assert.Equal(0, await editor.Locator(".autosave-notice").CountAsync());

        // 2. A copy that differs from the saved text only in line ends and trailing spaces is not unsaved work.
        var body = await editor.GetByLabel("本文（必須）").InputValueAsync();
        var values = await editor.EvaluateAsync<string>(@"() => {
            const f = document.querySelector('form[data-autosave]'); const v = {};
            for (const e of f.elements) if (e.name && e.type !== 'hidden' && e.type !== 'submit') v[e.name] = e.type === 'checkbox' ? (e.checked ? 'true' : '') : e.value;
            return JSON.stringify(v); }");
        await editor.EvaluateAsync(@"([values, body]) => {
            const f = document.querySelector('form[data-autosave]'); const v = JSON.parse(values);
            v['Values[body]'] = body.replace(/\n/g, '  \r\n') + ' \r\n';
            localStorage.setItem('zaitaku:autosave:' + f.dataset.autosave,
              JSON.stringify({ at: Date.now(), base: f.querySelector('[name=baseVersionId]').value, original: JSON.parse(values), values: v })); }",
            new object[] { values, body });
        await editor.ReloadAsync(new() { WaitUntil = WaitUntilState.Load });
        Assert.Equal(0, await editor.Locator(".autosave-notice").CountAsync());
        Assert.Null(await CopyAsync(editor));

        // 3. The editor types and leaves; the secretariat then saves a newer body. Back again, only the
        //    field the editor changed and the newer save did not is offered, and the newer body stays.
        await ShowMarkdownAsync(editor);
        await editor.GetByLabel("テーマ（必須）").FillAsync("編集者が直したテーマ");
        await editor.GetByLabel("本文（必須）").FillAsync("編集者の古い本文");
        await editor.WaitForTimeoutAsync(1500);
        await editor.GotoAsync("/umbraco");

        var admin = await site.SignInAsync("jimukyoku@example.jp");
        await admin.GotoAsync(editUrl);
        await ShowMarkdownAsync(admin);
        await admin.GetByLabel("本文（必須）").FillAsync("事務局が保存した新しい本文");
        await admin.GetByRole(AriaRole.Button, new() { Name = "下書きを保存" }).ClickAsync();
        await admin.WaitForSelectorAsync("text=下書きとして保存しました");

        await editor.GotoAsync(editUrl);
        await editor.WaitForSelectorAsync(".autosave-notice");
        Assert.Contains("変わっていない項目だけを戻します", await editor.Locator(".autosave-notice").TextContentAsync());
        await editor.GetByRole(AriaRole.Button, new() { Name = "残っている入力を戻す" }).ClickAsync();
        Assert.Equal("編集者が直したテーマ", await editor.GetByLabel("テーマ（必須）").InputValueAsync());
        Assert.Equal("事務局が保存した新しい本文", await editor.GetByLabel("本文（必須）").InputValueAsync());
        foreach (var page in new[] { editor, admin }) await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_reviewer_reads_the_changes_and_the_note_first_and_the_board_marks_late_slots_accessibly()
    {
        var editor = await site.SignInAsync("ishikai@example.jp");
        await OpenColumnAsync(editor);
        await editor.GetByLabel("本文（必須）").FillAsync("## 受診の目安\n\n物忘れが続くときは、かかりつけ医に相談しましょう。");
        await editor.GetByLabel("確認する人へのメモ（確認を依頼するとき。なくてもかまいません）").FillAsync("受診の目安の見出しを足しました。");
        await editor.GetByRole(AriaRole.Button, new() { Name = "保存して確認を依頼" }).ClickAsync();
        await editor.WaitForSelectorAsync("text=確認を依頼しました");

        var reviewer = await site.SignInAsync("kakunin@example.jp");
        Assert.Contains("医師会 編集担当 さん", await reviewer.Locator("main").TextContentAsync());
        await reviewer.GetByRole(AriaRole.Link, new() { Name = Column, Exact = true }).First.ClickAsync();
        var panel = reviewer.Locator(".review-panel");
        await panel.WaitForAsync();
        Assert.Contains("受診の目安の見出しを足しました。", await panel.TextContentAsync());
        Assert.Contains("物忘れが続くときは", string.Join("\n", await panel.Locator("ins").AllTextContentsAsync()));
        Assert.Equal(0, await reviewer.GetByRole(AriaRole.Button, new() { Name = "保存して確認を依頼" }).CountAsync());
        await AssertAccessibleAsync(reviewer, "review-screen");

        // By keyboard: the comment, then the return button, without touching the edit form.
        await reviewer.GetByLabel("編集者へのコメント").FocusAsync();
        await reviewer.Keyboard.PressAsync("Tab");
        Assert.Equal("コメントをつけて差し戻す", await reviewer.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await reviewer.Keyboard.PressAsync("Enter");
        await reviewer.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(reviewer, "review-screen-with-an-error");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "この内容で公開する" }).ClickAsync();
        await reviewer.WaitForSelectorAsync("text=を公開しました");

        var admin = await site.SignInAsync("jimukyoku@example.jp");
        await admin.GotoAsync("/umbraco/columns");
        await admin.GetByLabel("号の一覧（1行に1号）").FillAsync("2026-11-01 締切を過ぎた号\nあした");
        await admin.GetByLabel("最初の号を担当する団体").SelectOptionAsync(new SelectOptionValue { Label = "大和郡山市医師会" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "まとめて追加する" }).ClickAsync();
        await admin.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(admin, "board-with-rotation-errors");
        await admin.GetByLabel("号の一覧（1行に1号）").FillAsync("2026-11-30 締切を過ぎた号\n2027-01-15");
        await admin.GetByRole(AriaRole.Button, new() { Name = "まとめて追加する" }).ClickAsync();
        await admin.WaitForSelectorAsync("text=2号を追加しました");
        Assert.Contains("締切を過ぎています", await admin.Locator("tr", new() { HasText = "締切を過ぎた号" }).TextContentAsync());
        Assert.Contains("公開済み", await admin.Locator("tr", new() { HasText = Column }).TextContentAsync());
        await AssertAccessibleAsync(admin, "board");
        foreach (var page in new[] { editor, reviewer, admin }) await page.Context.CloseAsync();
    }
}
