using Microsoft.Playwright;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// The backoffice screens, walked through in Chromium as the secretariat would on the first day:
/// axe-core finds nothing on any of them, error states included, and nothing overflows on a tablet
/// or a phone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BackofficeAccessibilityTests(BrowserFixture browser)
{
    private static async Task AssertAccessibleAsync(IPage page, string screen)
    {
        await Axe.AssertNoViolationsAsync(page, screen);
        foreach (var width in new[] { 768, 375 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 0, $"{screen} is {overflow}px too wide at {width}px");
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task Every_backoffice_screen_is_accessible_from_install_to_audit()
    {
        var page = await browser.NewPageAsync();

        var install = await page.GotoAsync("/umbraco/install");
        Assert.True(install?.Status == 200, $"{install?.Status} {install?.Url} {await page.ContentAsync()}");
        await AssertAccessibleAsync(page, "install");

        // A weak password: the error summary and the field say why, by keyboard alone.
        await page.GetByLabel("お名前").FillAsync("事務局 管理者");
        await page.GetByLabel("メールアドレス").FillAsync("admin@example.jp");
        await page.GetByLabel("パスワード").FillAsync("password1234");
        await page.GetByLabel("パスワード").PressAsync("Enter");
        await page.WaitForSelectorAsync(".error-summary");
        Assert.Contains("よく使われているパスワード", await page.Locator("#Password-error").TextContentAsync());
        Assert.Equal("事務局 管理者", await page.GetByLabel("お名前").InputValueAsync());
        await AssertAccessibleAsync(page, "install with an error");

        await page.GetByLabel("パスワード").FillAsync("koriyama no kingyo ga oyogu");
        await page.GetByRole(AriaRole.Button, new() { Name = "管理者を登録する" }).ClickAsync();
        await page.WaitForURLAsync("**/umbraco/login");
        await AssertAccessibleAsync(page, "login");

        await page.GetByLabel("メールアドレス").FillAsync("admin@example.jp");
        await page.GetByLabel("パスワード").FillAsync("chigau pasuwado desu");
        await page.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(page, "login with an error");

        await page.GetByLabel("パスワード").FillAsync("koriyama no kingyo ga oyogu");
        await page.GetByRole(AriaRole.Button, new() { Name = "ログインする" }).ClickAsync();
        await page.WaitForURLAsync("**/umbraco");
        Assert.Contains("ダッシュボード", await page.Locator("h1").TextContentAsync());
        await AssertAccessibleAsync(page, "dashboard");

        await page.GotoAsync("/umbraco/content");
        await AssertAccessibleAsync(page, "content tree");
        await page.GetByRole(AriaRole.Link, new() { Name = "認知症は早期発見・早期対応が大切です", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync(".md-editor__content");
        await AssertAccessibleAsync(page, "column edit form");

        // Autosave: leave without saving, come back, and the typed text is offered back.
        var editUrl = page.Url;
        await page.GetByRole(AriaRole.Button, new() { Name = "Markdown で編集" }).ClickAsync();
        await page.GetByLabel("本文（必須）").FillAsync("ブラウザーに残る下書き");
        await page.WaitForTimeoutAsync(1500);
        await page.GotoAsync("/umbraco/content");
        await page.GotoAsync(editUrl);
        await page.WaitForSelectorAsync(".autosave-notice");
        await AssertAccessibleAsync(page, "edit form offering unsaved text back");
        await page.GetByRole(AriaRole.Button, new() { Name = "残っている入力を戻す" }).ClickAsync();
        Assert.Equal("ブラウザーに残る下書き", await page.GetByLabel("本文（必須）").InputValueAsync());
        await page.GetByLabel("テーマ（必須）").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "下書きを保存" }).ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(page, "column edit form with an error");
        await page.GetByRole(AriaRole.Button, new() { Name = "本文をプレビュー" }).ClickAsync();
        await page.WaitForSelectorAsync(".preview");
        await AssertAccessibleAsync(page, "column edit form with preview");
        await page.GetByLabel("テーマ（必須）").FillAsync("認知症は早期発見・早期対応が大切です");
        await page.GetByRole(AriaRole.Button, new() { Name = "下書きを保存" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "保存した内容を公開ページの形で見る" }).ClickAsync();
        await page.WaitForSelectorAsync(".preview-banner");
        await AssertAccessibleAsync(page, "preview of a draft");
        await page.GoBackAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "保存の履歴" }).ClickAsync();
        await page.WaitForSelectorAsync("input[name=a]");
        await AssertAccessibleAsync(page, "version history");
        await page.GetByRole(AriaRole.Button, new() { Name = "選んだ2つの版を比べる" }).ClickAsync();
        await page.WaitForSelectorAsync(".diff-field");
        await AssertAccessibleAsync(page, "version comparison");

        foreach (var (url, screen) in new[] { ("/umbraco/columns", "column board"), ("/umbraco/users", "users"), ("/umbraco/users/create", "user form"), ("/umbraco/audit", "audit trail"), ("/umbraco/search", "site search"), ("/umbraco/logs", "log viewer"), ("/umbraco/account/authenticator", "two-factor setup"), ("/umbraco/account/password", "password change") })
        {
            await page.GotoAsync(url);
            await AssertAccessibleAsync(page, screen);
        }

        // Tree care: create (with its errors), sort, move, delete, the recycle bin and the redirects.
        await page.GotoAsync("/umbraco/content");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^作成.*「事業について」の下に") }).ClickAsync();
        await AssertAccessibleAsync(page, "create page form");
        await page.GetByRole(AriaRole.Button, new() { Name = "作成して編集へ" }).ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(page, "create page form with errors");
        await page.GetByLabel("一般ページ").CheckAsync();
        await page.GetByLabel("ページ名").FillAsync("アクセシビリティ確認用");
        await page.GetByLabel("URL").FillAsync("a11y-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "作成して編集へ" }).ClickAsync();
        await page.WaitForSelectorAsync("textarea");
        await page.GotoAsync("/umbraco/content");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^並べ替え.*「事業について」の下") }).ClickAsync();
        await AssertAccessibleAsync(page, "sort form");
        await page.GotoAsync("/umbraco/content");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^移動.*「アクセシビリティ確認用」") }).ClickAsync();
        await AssertAccessibleAsync(page, "move form");
        await page.GotoAsync("/umbraco/content");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^削除.*「アクセシビリティ確認用」") }).ClickAsync();
        await AssertAccessibleAsync(page, "delete confirmation");
        await page.GetByRole(AriaRole.Button, new() { Name = "ごみ箱へ移す" }).ClickAsync();
        await page.GotoAsync("/umbraco/content/recycle-bin");
        await page.WaitForSelectorAsync("text=アクセシビリティ確認用");
        await AssertAccessibleAsync(page, "recycle bin");
        await page.GotoAsync("/umbraco/redirects");
        await AssertAccessibleAsync(page, "redirects");
        // Media: the library, a refused upload, a good one, its page, and the warning before deleting a used file.
        await page.GotoAsync("/umbraco/media");
        await AssertAccessibleAsync(page, "media library");
        await page.GetByRole(AriaRole.Link, new() { Name = "共有", Exact = true }).ClickAsync();
        await AssertAccessibleAsync(page, "media folder");
        await page.GetByLabel("ファイル", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "logo.svg", MimeType = "image/svg+xml", Buffer = Zaitaku.Web.Tests.Infrastructure.MediaSamples.SvgWithScript() });
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await page.WaitForSelectorAsync("#file-error");
        await AssertAccessibleAsync(page, "media upload refused");
        await page.GetByLabel("ファイル", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = "taisou.jpg", MimeType = "image/jpeg", Buffer = Zaitaku.Web.Tests.Infrastructure.MediaSamples.Jpeg(1200, 800) });
        await page.GetByLabel("代替テキスト（画像のとき）").FillAsync("椅子に座って腕を伸ばす体操");
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await page.WaitForSelectorAsync("#focal-image");
        await AssertAccessibleAsync(page, "media item");
        await page.GotoAsync("/umbraco/media");
        await page.GetByRole(AriaRole.Link, new() { Name = "共有", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "わたしノート（サンプル）", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "削除する" }).ClickAsync();
        await AssertAccessibleAsync(page, "media delete warning");
        await page.GotoAsync("/umbraco/media/recycle-bin");
        await AssertAccessibleAsync(page, "media recycle bin");
        await page.GotoAsync("/umbraco/media/downloads");
        await AssertAccessibleAsync(page, "downloads per month");

        // Forms: a resident's enquiry arrives, then the list, the designer (with an error), the entries and one entry.
        var resident = await browser.NewPageAsync();
        await resident.GotoAsync("/watashi-note/");
        await resident.GetByLabel("お名前").FillAsync("郡山 八郎");
        await resident.GetByLabel("郵便番号").FillAsync("123-4567");
        await resident.GetByLabel("住所").FillAsync("（サンプル）");
        await resident.GetByLabel("わたしノート（概要版）").CheckAsync();
        await resident.GetByLabel("冊数").FillAsync("1");
        await resident.GetByLabel("上記の個人情報の取り扱いに同意する").CheckAsync();
        await resident.GetByRole(AriaRole.Button, new() { Name = "申し込む" }).ClickAsync();
        await resident.WaitForURLAsync("**/thanks**");
        await resident.Context.CloseAsync();
        await page.GotoAsync("/umbraco/forms");
        await AssertAccessibleAsync(page, "forms");
        var paperRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "わたしノート（紙）の送付申込" });
        await paperRow.GetByRole(AriaRole.Link, new() { Name = "編集" }).ClickAsync();
        await AssertAccessibleAsync(page, "form designer");
        await page.GetByLabel("受付の保存期間（日）").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(page, "form designer with an error");
        await page.GotoAsync("/umbraco/forms/create");
        await AssertAccessibleAsync(page, "new form");
        await page.GotoAsync("/umbraco/forms");
        await paperRow.GetByRole(AriaRole.Link, new() { Name = "受付を見る" }).ClickAsync();
        await AssertAccessibleAsync(page, "form entries");
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "郡山 八郎" }).GetByRole(AriaRole.Link).ClickAsync();
        Assert.Contains("郡山 八郎", await page.Locator("main").TextContentAsync());
        await AssertAccessibleAsync(page, "form entry");
        await page.GetByRole(AriaRole.Link, new() { Name = "削除する" }).ClickAsync();
        await AssertAccessibleAsync(page, "form entry delete");

        await page.GotoAsync("/umbraco/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "事務局 管理者" }).ClickAsync();
        await AssertAccessibleAsync(page, "user settings");
        await page.GetByLabel("グループ").SelectOptionAsync(new SelectOptionValue { Label = "確認者" });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(page, "user settings with an error");

        await page.GotoAsync("/umbraco/columns");
        await page.GetByRole(AriaRole.Button, new() { Name = "号を追加する" }).ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(page, "column board with errors");

        await page.GotoAsync("/umbraco/users/create");
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(page, "user form with errors");

        // The Delivery API's preview keys: the page, its error, and a new key shown once with the list.
        await page.GotoAsync("/umbraco/api-keys");
        await AssertAccessibleAsync(page, "API keys");
        await page.GetByRole(AriaRole.Button, new() { Name = "キーを発行する" }).ClickAsync();
        await page.WaitForSelectorAsync(".error-summary");
        await AssertAccessibleAsync(page, "API keys with an error");
        await page.GetByLabel("キーの名前（使う先）").FillAsync("市公式アプリのプレビュー");
        await page.GetByRole(AriaRole.Button, new() { Name = "キーを発行する" }).ClickAsync();
        await page.WaitForSelectorAsync("#new-key");
        await AssertAccessibleAsync(page, "API key issued");

        await page.GotoAsync("/umbraco");
        await page.GetByRole(AriaRole.Button, new() { Name = "ログアウト" }).ClickAsync();
        await page.WaitForURLAsync("**/umbraco/login");
        Assert.Contains("ログアウトしました", await page.Locator("[role=status]").TextContentAsync());
        await page.Context.CloseAsync();
    }
}
