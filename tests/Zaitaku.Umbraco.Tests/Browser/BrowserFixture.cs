using Microsoft.Playwright;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// Debian's Chromium, driven by Playwright, on the process's one seeded site (<see cref="SiteFactory.Shared"/>, on its
/// Kestrel port). Playwright's own browser download is never used: the test command installs Debian's chromium.
/// The old site's browser tests use the same members (Site, BaseUrl, NewPageAsync), so they run here unchanged.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public SiteFactory Site => SiteFactory.Shared;
    public string BaseUrl => Site.BaseUrl;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} がありません。テストは README のコマンド（bash tests/run.sh）で実行してください。chromium を apt で入れます。");
        _ = Site.BaseUrl; // starts the site before the browser
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "ja-JP",
            BaseURL = BaseUrl,
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
