using Microsoft.Playwright;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>A site of its own: these tests lock a client out, which must not trouble the others.</summary>
public sealed class SignInSecuritySite : BrowserFixture
{
    public const string AdminEmail = "jimukyoku@example.jp";
    public const string AdminPassword = "koriyama no kingyo ga oyogu";

    public SignInSecuritySite()
    {
        Site.WithSetting("Zaitaku:Backoffice:Unattended:Email", AdminEmail)
            .WithSetting("Zaitaku:Backoffice:Unattended:Password", AdminPassword)
            .WithSetting("Zaitaku:Backoffice:Unattended:DisplayName", "事務局 管理者");
    }
}

/// <summary>
/// The screens the security fixes changed, in Chromium, by keyboard: turning two-factor off (with the
/// password asked again), revoking preview links, the revoked link's page and the throttled sign-in.
/// axe-core finds nothing on any of them; screenshots at 375px and 1280px go to the temp folder.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignInSecurityBrowserTests(SignInSecuritySite site) : IClassFixture<SignInSecuritySite>
{
    private static readonly string Shots = Path.Combine(Path.GetTempPath(), "zaitaku-screenshots", "sign-in-security");

    private static async Task ShootAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Shots);
        foreach (var width in new[] { 375, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Shots, $"{name}-{width}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    private async Task<IPage> SignInAsync()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/umbraco/login");
        await page.GetByLabel("メールアドレス").FillAsync(SignInSecuritySite.AdminEmail);
        await page.GetByLabel("パスワード").FillAsync(SignInSecuritySite.AdminPassword);
        await page.GetByLabel("パスワード").PressAsync("Enter");
        await page.WaitForURLAsync("**/umbraco", new() { Timeout = 60_000 });
        return page;
    }

    [Fact]
    public async Task Two_factor_off_preview_revocation_and_the_throttled_sign_in_are_accessible()
    {
        var page = await SignInAsync();

        // Two-factor on, then the form that turns it off asks for the password again.
        await page.GotoAsync("/umbraco/account/authenticator");
        var key = (await page.Locator("code.shared-key").TextContentAsync())!;
        await page.GetByLabel("確認コード（6けた）").FillAsync(BackofficeClient.TotpCode(key, DateTime.UtcNow.AddSeconds(-30)));
        await page.GetByLabel("確認コード（6けた）").PressAsync("Enter");
        await page.WaitForSelectorAsync("text=二要素認証を無効にする");
        await Axe.AssertNoViolationsAsync(page, "two-factor enabled");
        var confirmation = page.GetByLabel("いまのパスワード、または確認コード（6けた）");
        await confirmation.FillAsync("chigau pasuwado desu");
        await confirmation.PressAsync("Enter");
        await page.WaitForSelectorAsync(".error-summary");
        Assert.Contains("パスワードまたは確認コードが違います", await page.Locator("main").TextContentAsync());
        await Axe.AssertNoViolationsAsync(page, "two-factor disable refused");
        await ShootAsync(page, "two-factor-disable-refused");

        // Preview links: the edit page offers to end them; the old link then shows the 410 page.
        await page.GotoAsync("/umbraco/content");
        await page.GetByRole(AriaRole.Link, new() { Name = "認知症は早期発見・早期対応が大切です", Exact = true }).ClickAsync();
        var link = (await page.Locator("a.preview-link").GetAttributeAsync("href"))!;
        Assert.StartsWith(site.BaseUrl + "/preview/", link);
        await Axe.AssertNoViolationsAsync(page, "content edit with preview revocation");
        var revoke = page.GetByRole(AriaRole.Button, new() { Name = "これまでのプレビューのリンクを使えなくする" });
        await revoke.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("text=すべて使えなくしました");
        await ShootAsync(page, "content-edit-preview-revoked");

        var visitor = await site.NewPageAsync(375, 800);
        var gone = await visitor.GotoAsync(new Uri(link).PathAndQuery);
        Assert.Equal(410, gone!.Status);
        await Axe.AssertNoViolationsAsync(visitor, "revoked preview link");
        await ShootAsync(visitor, "preview-revoked");

        // Three wrong passwords from this browser's address, then the fourth try is held back.
        var stranger = await site.NewPageAsync();
        for (var i = 0; i < 4; i++)
        {
            await stranger.GotoAsync("/umbraco/login");
            await stranger.GetByLabel("メールアドレス").FillAsync("someone@example.jp");
            await stranger.GetByLabel("パスワード").FillAsync("chigau pasuwado " + i);
            await stranger.GetByLabel("パスワード").PressAsync("Enter");
            await stranger.WaitForSelectorAsync(".error-summary");
        }
        Assert.Contains("秒ほどたってから", await stranger.Locator(".error-summary").TextContentAsync());
        await Axe.AssertNoViolationsAsync(stranger, "sign-in throttled");
        await ShootAsync(stranger, "sign-in-throttled");
    }
}
