using System.Net;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Hosting;

/// <summary>The first start of a new site, as the person installing it sees it (a site process of its own).</summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task Without_an_administrator_in_the_environment_the_console_says_where_umbracos_installer_is()
    {
        using var site = new SiteProcess(withAdministrator: false);
        await site.StartAsync("/umbraco/install");

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!site.Output.Contains("/umbraco/install") && DateTime.UtcNow < deadline) await Task.Delay(250);
        Assert.Contains($"まだ管理者がいません。ブラウザーで http://127.0.0.1:{site.BaseAddress.Port}/umbraco/install を開き、最初の管理者を登録してください。", site.Output);
        using var client = site.CreateClient();
        var installer = await client.GetAsync("/umbraco/install");
        Assert.Equal(HttpStatusCode.OK, installer.StatusCode);
    }

    [Fact]
    public async Task With_an_administrator_in_the_environment_the_site_installs_itself_and_serves_the_seeded_pages()
    {
        using var site = new SiteProcess();
        await site.StartAsync("/about/");

        using var client = site.CreateClient();
        var page = await client.GetAsync("/about/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>事業について</h1>", await page.Content.ReadAsStringAsync());
        Assert.DoesNotContain("/umbraco/install", site.Output);
        // Nothing Umbraco generates at install (its HMAC key, its id) is written into the settings that ship with the site.
        Assert.True(File.Exists(Path.Combine(site.ContentRoot, "umbraco", "Data", "appsettings.Local.json")));
        Assert.DoesNotContain("HMACSecretKey", File.ReadAllText(Path.Combine(site.ContentRoot, "appsettings.json")));
    }
}
