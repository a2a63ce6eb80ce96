using Microsoft.Playwright;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Media;

/// <summary>
/// What an editor sees in Umbraco's backoffice when the media library refuses a file (CMS#16794: a cancelled save
/// used to show a generic error): our reason, in Japanese, in the backoffice's own notification. Screenshots of the
/// notification go to the test output folder (media-refused-1280.png, media-refused-768.png).
/// </summary>
public sealed class BackofficeUploadTests(SharedSite site) : IClassFixture<SharedSite>
{
    private const string ChromiumPath = "/usr/bin/chromium";

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(768, 1024)]
    public async Task An_editor_dropping_a_pdf_with_a_launch_action_into_the_media_library_reads_why_in_japanese(int width, int height)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} がありません（apt-get install chromium fonts-noto-cjk）。");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "ja-JP" });
        page.SetDefaultTimeout(60_000);
        var responses = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.Response += (_, r) => { if (r.Url.Contains("/security/")) responses.Enqueue($"{r.Status} {r.Request.Method} {r.Url}"); };

        await page.GotoAsync(site.Factory.BaseUrl + "/umbraco");
        // The login form Umbraco puts in the page's light DOM.
        var username = page.Locator("#username-input");
        await username.WaitForAsync();
        await username.FillAsync(SiteFactory.AdminEmail);
        await page.Locator("#password-input").FillAsync(SiteFactory.AdminPassword);
        await page.Locator("#password-input").PressAsync("Enter");
        try
        {
            await page.WaitForURLAsync("**/umbraco/section/**", new() { Timeout = 120_000 });
        }
        catch (TimeoutException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, $"media-signin-{width}.png") });
            Assert.Fail("Not signed in: " + string.Join("\n", responses));
        }
        await page.GotoAsync(site.Factory.BaseUrl + "/umbraco/section/media");
        var input = page.Locator("input[type=\"file\"]").First;
        await input.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

        await input.SetInputFilesAsync(new FilePayload { Name = "oshirase.pdf", MimeType = "application/pdf", Buffer = UploadSecurityTests.Hostile("launch-indirect-hex-name") });

        var notice = page.GetByText("ほかのアプリを起動する設定").First;
        await notice.WaitForAsync();
        Assert.Contains("安全のため登録できません", await notice.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, $"media-refused-{width}.png") });
    }
}
