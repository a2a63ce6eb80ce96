using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Zaitaku.Core.Accounts;
using Zaitaku.Web.Security;
using Zaitaku.Web.Tests.Browser;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Security;

/// <summary>
/// In Chromium, through Umbraco's real login screen and backoffice: a member of a group that must use two-factor (here
/// "translator") signs in, is shown Umbraco's two-factor dialog at once, turns the authenticator app on, and from then
/// on the login screen asks for the app's code. Alone on the site (a Chromium of its own): it makes a user, and
/// Umbraco's writes for it must not meet other tests' writes on SQLite.
/// </summary>
[Collection(AloneOnTheSite.Name)]
public sealed class TwoFactorBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "yuugure no kane ga naru machi";

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/umbraco");
        await page.Locator("input[name=\"username\"]").FillAsync(email);
        await page.Locator("input[type=\"password\"]").FillAsync(Password);
        await page.Locator("input[type=\"password\"]").PressAsync("Enter");
    }

    [Fact]
    public async Task A_reviewer_without_two_factor_sets_it_up_on_arrival_and_then_signs_in_with_a_code()
    {
        var email = $"browser-{Guid.NewGuid():N}"[..20] + "@example.jp";
        var user = await SignInClients.CreateUserAsync(email, Password, "translator");

        var page = await browser.NewPageAsync();
        var setupData = page.WaitForResponseAsync(r => r.Url.Contains("/user/current/2fa/" + AuthenticatorApp.Name, StringComparison.Ordinal)
            && r.Request.Method == "GET", new PageWaitForResponseOptions { Timeout = 60_000 });
        await SignInAsync(page, email);

        // Our entry point opens Umbraco's two-factor dialog: the authenticator app is there to enable.
        var dialog = page.Locator("umb-current-user-mfa-modal");
        await dialog.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        await Assertions.Expect(dialog).ToContainTextAsync("認証アプリ");
        await dialog.Locator("uui-box uui-button").First.ClickAsync();

        var secret = JsonDocument.Parse(await (await setupData).TextAsync()).RootElement.GetProperty("secret").GetString()!;
        var key = Encoding.UTF8.GetBytes(secret);
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        var activation = page.Locator("umb-mfa-provider-default");
        await Assertions.Expect(activation.Locator("#qrCode")).ToBeVisibleAsync();
        await activation.Locator("#code input").FillAsync(Totp.Code(key, step));
        await activation.Locator("uui-button[type=\"submit\"]").ClickAsync();

        // On: Umbraco's dialog says so (a button to turn it off); closed, the backoffice reloads, no longer refused, and
        // the dialog does not come back.
        await Assertions.Expect(dialog.Locator("uui-box uui-button[color=\"danger\"]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "zaitaku-2fa-enabled.png") });
        var reloaded = page.WaitForRequestAsync(r => r.IsNavigationRequest, new PageWaitForRequestOptions { Timeout = 30_000 });
        await dialog.Locator("uui-button[look=\"secondary\"]:not([color=\"danger\"])").Last.ClickAsync();
        await reloaded;
        await page.WaitForURLAsync("**/umbraco/section/**", new PageWaitForURLOptions { Timeout = 60_000 });
        await page.WaitForTimeoutAsync(4000);
        Assert.Equal(0, await page.Locator("umb-current-user-mfa-modal").CountAsync());
        await page.Context.CloseAsync();

        // A new browser: the login screen asks for the code after the password.
        var again = await browser.NewPageAsync();
        await SignInAsync(again, email);
        var code = again.Locator("#mfacode input");
        await code.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        await code.FillAsync(Totp.Code(key, step)); // the code that turned it on is used up
        await code.PressAsync("Enter");
        await again.WaitForTimeoutAsync(1500);
        Assert.DoesNotContain("/section/", again.Url);
        await code.FillAsync(Totp.Code(key, step + 1)); // the next one (a phone one step ahead is allowed)
        await code.PressAsync("Enter");
        await again.WaitForURLAsync("**/umbraco/section/**", new PageWaitForURLOptions { Timeout = 60_000 });
        Assert.Equal(0, await again.Locator("umb-current-user-mfa-modal").CountAsync());
        await again.Context.CloseAsync();
    }
}
