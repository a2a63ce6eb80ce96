using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zaitaku.Web.Tests.Browser;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Resilience;

/// <summary>
/// What a person sees while the database cannot take a write, in Chromium at a phone's and a
/// desktop's width: the public form shown again with its 503 message, and the general 503 page that
/// shows back what was typed. Both must pass axe-core with no violation.
/// </summary>
public sealed class StorageUnavailableBrowserTests
{
    private const string Acp = "ACP講演会（サンプル）参加申込";

    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public async Task The_pages_shown_while_the_database_is_away_keep_the_text_and_pass_axe(int width)
    {
        using var factory = new SiteFactory().WithSetting("Zaitaku:Backoffice:RequireHttps", "false");
        factory.WithSetting("ConnectionStrings:Zaitaku", $"Data Source={Path.Combine(factory.DataFolder, "zaitaku.db")};Default Timeout=1");
        factory.UseKestrel(0);
        factory.StartServer();
        var baseUrl = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = 900 }, Locale = "ja-JP", BaseURL = baseUrl,
        });
        var page = await context.NewPageAsync();
        var shots = Path.Combine(Path.GetTempPath(), "zaitaku-screenshots");
        Directory.CreateDirectory(shots);

        await page.GotoAsync("/acp/kouenkai/");
        await page.GetByLabel("お名前").FillAsync("大和 花子");
        await page.GetByLabel("電話番号").FillAsync("0743-00-1234");
        await page.GetByLabel("メールアドレス").FillAsync("hanako@example.jp");
        await page.GetByLabel("参加する人数").SelectOptionAsync(new SelectOptionValue { Label = "1人" });
        await page.GetByLabel("上記の個人情報の取り扱いに同意する").CheckAsync();

        await using var blocker = new SqliteConnection($"Data Source={Path.Combine(factory.DataFolder, "zaitaku.db")};Pooling=False");
        await blocker.OpenAsync();
        await using (var command = blocker.CreateCommand())
        {
            command.CommandText = "BEGIN EXCLUSIVE";
            await command.ExecuteNonQueryAsync();
        }

        var signUp = await page.RunAndWaitForResponseAsync(
            () => page.Locator("section.site-form").Filter(new() { HasText = Acp }).Locator("button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(503, signUp.Status);
        Assert.Equal("大和 花子", await page.GetByLabel("お名前").InputValueAsync());
        Assert.Contains("ただいま受け付けができません", await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"form-503-{width}.png"), FullPage = true });
        await Axe.AssertNoViolationsAsync(page, "the form shown again with 503");

        await page.GotoAsync("/umbraco/install");
        await page.Locator("input[name=DisplayName]").FillAsync("事務局 管理者");
        await page.Locator("input[name=Email]").FillAsync("admin@example.jp");
        await page.Locator("input[name=Password]").FillAsync("kanrisha no nagai pasuwado");
        var install = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "管理者を登録する" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(503, install.Status);
        var html = await page.ContentAsync();
        Assert.Contains("ただいま保存や受け付けができません", html);
        Assert.Contains("admin@example.jp", html);
        Assert.DoesNotContain("kanrisha no nagai pasuwado", html);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"unavailable-503-{width}.png"), FullPage = true });
        await Axe.AssertNoViolationsAsync(page, "the general 503 page");
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"The page scrolls sideways: {scrollWidth}px");
    }
}
