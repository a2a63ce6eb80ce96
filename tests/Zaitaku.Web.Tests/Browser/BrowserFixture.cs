using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Browser;

/// <summary>
/// The seeded site on a real Kestrel port and Debian's Chromium driven by Playwright.
/// Playwright's own browser download is never used: the test command installs Debian's chromium.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public SiteFactory Site { get; } = new SiteFactory().WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "1000");
    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright? _playwright;

    public async Task InitializeAsync()
    {
        // The test server speaks plain HTTP on loopback; production keeps RequireHttps on (see AccountTests).
        Site.WithSetting("Zaitaku:Backoffice:RequireHttps", "false");
        // The site's public address is the one the browser uses, so absolute links (preview links) lead back to it.
        var port = FreePort();
        Site.WithSetting("Zaitaku:Site:PublicUrl", $"http://127.0.0.1:{port}");
        Site.UseKestrel(port);
        Site.StartServer();
        BaseUrl = Site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');

        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} がありません。テストは README のコマンド（bash tests/run.sh）で実行してください。chromium を apt で入れます。");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
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
        Site.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
