using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Hosting;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>The first start tells the person installing the site where to go, and that the backoffice wants HTTPS.</summary>
public sealed class InstallNoticeTests
{
    private static async Task<string> LogTextAsync(SiteFactory factory, string waitFor)
    {
        // The file sink is buffered and flushes every second.
        var logs = Path.Combine(factory.DataFolder, "logs");
        var text = "";
        for (var i = 0; i < 60 && !text.Contains(waitFor); i++)
        {
            await Task.Delay(100);
            if (!Directory.Exists(logs)) continue;
            foreach (var log in Directory.EnumerateFiles(logs, "zaitaku-*.log"))
            {
                using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                text = await new StreamReader(stream).ReadToEndAsync();
            }
        }
        return text;
    }

    [Fact]
    public async Task A_first_start_prints_the_address_of_the_install_page_and_says_the_backoffice_wants_https()
    {
        using var factory = new SiteFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var address = new Uri(factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var text = await LogTextAsync(factory, "HTTPS でだけ開けます");

        Assert.Matches($@"まだ管理者がいません。ブラウザーで http://(127\.0\.0\.1|localhost):{address.Port}/umbraco/install を開き", text);
        Assert.Contains("バックオフィス（/umbraco）は HTTPS でだけ開けます。", text);
    }

    [Fact]
    public void An_address_the_server_listens_on_becomes_one_to_type_and_a_developer_is_not_told_about_https()
    {
        var lines = InstallNotice.Lines(["http://[::]:5185", "https://+:5443"], requireHttps: true, isDevelopment: true);

        Assert.Equal(["まだ管理者がいません。ブラウザーで https://localhost:5443/umbraco/install を開き、最初の管理者を登録してください。"], lines);
        Assert.Contains("http://localhost:5185/umbraco/install", InstallNotice.Lines(["http://0.0.0.0:5185"], false, false)[0]);
        Assert.Single(InstallNotice.Lines(["http://0.0.0.0:5185"], requireHttps: false, isDevelopment: false));
    }

    [Fact]
    public async Task Once_an_administrator_exists_the_notice_is_not_printed()
    {
        using var factory = new SiteFactory().WithSetting("Zaitaku:Backoffice:Unattended:Email", "admin@example.jp")
            .WithSetting("Zaitaku:Backoffice:Unattended:Password", "kanrisha no nagai pasuwado");
        factory.UseKestrel(0);
        factory.StartServer();

        var text = await LogTextAsync(factory, "Unattended install: administrator");
        await Task.Delay(TimeSpan.FromSeconds(2)); // the notice would follow the start within the file sink's flush
        text = await LogTextAsync(factory, "never");

        Assert.Contains("Unattended install: administrator admin@example.jp created", text);
        Assert.DoesNotContain("/umbraco/install を開き", text);
    }
}
