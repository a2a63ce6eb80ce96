using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Events;
using Zaitaku.Infrastructure.Mail;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>
/// The site's address comes from configuration (Zaitaku:Site:PublicUrl), never from what a request
/// claims: links in mail, the sitemap, the HTTPS redirect, the output cache and the hosts answered.
/// </summary>
public sealed class HostAndAddressTests
{
    private const string Public = "https://zaitaku.example.jp";
    private const string Forged = "evil.example";
    private const string Kataroukai = "認知症について語ろう会（サンプル）参加申込";

    private static HttpRequestMessage ForgedHost(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = Forged;
        return request;
    }

    // Over HTTPS, as the public address says: plain HTTP would be redirected to it.
    private static HttpClient SecureClient(SiteFactory factory) => factory.CreateClient(
        new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });

    [Fact]
    public async Task Mail_links_point_at_the_configured_address_whatever_host_the_request_names()
    {
        using var smtp = new SmtpServer();
        await smtp.StartAsync();
        var accounts = new BackofficeAccounts();
        // AllowedHosts "*" lets the forged host through, so only the link's source is tested here.
        accounts.Factory.WithSetting("Zaitaku:Site:PublicUrl", Public).WithSetting("AllowedHosts", "*")
            .WithSetting("Zaitaku:Mail:Host", "127.0.0.1").WithSetting("Zaitaku:Mail:Port", smtp.Port.ToString())
            .WithSetting("Zaitaku:Mail:Security", "None").WithSetting("Zaitaku:Mail:From", "zaitaku@example.jp");
        await accounts.InitializeAsync();
        try
        {
            // A resident's sign-up posted with a forged Host: the secretariat's notice links to the backoffice.
            var visitor = new BackofficeClient(accounts.Factory);
            visitor.Http.DefaultRequestHeaders.Host = Forged;
            var signUp = await new FormFiller(visitor.Http).SubmitAsync("/about/kataroukai/", Kataroukai,
                ("お名前", "郡山 六郎"), ("ふりがな", "こおりやま ろくろう"), ("電話番号", "0743-00-0000"), ("メールアドレス", "rokuro@example.jp"),
                ("参加される方", "民生委員・自治会"), ("個人情報の取り扱い", "同意する"));
            Assert.Equal(HttpStatusCode.SeeOther, signUp.StatusCode);

            // An association editor sends a column for review with a forged Host: reviewers' mail.
            var editor = accounts.Clients["AssociationEditors"];
            var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
            editor.Http.DefaultRequestHeaders.Host = Forged;
            Assert.Equal(HttpStatusCode.Redirect, (await editor.EditAndSubmitAsync(url, ("command", "submit"))).StatusCode);

            await accounts.Factory.Services.GetRequiredService<MailOutbox>().SendDueAsync();
            var messages = smtp.Messages();
            var notice = messages.Single(m => m.Subject!.StartsWith($"【{Kataroukai}】"));
            Assert.Contains(Public + "/umbraco/forms/entries/", notice.TextBody);
            var reviews = messages.Where(m => m.Subject!.StartsWith("確認の依頼")).ToList();
            Assert.Equal(2, reviews.Count);
            Assert.All(reviews, m => Assert.Contains(Public + url, m.TextBody));
            Assert.All(messages, m => Assert.DoesNotContain(Forged, m.TextBody));
        }
        finally
        {
            await accounts.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_sitemap_uses_the_configured_address()
    {
        using var factory = new SiteFactory().WithSetting("Zaitaku:Site:PublicUrl", Public).WithSetting("AllowedHosts", "*");
        var sitemap = await (await SecureClient(factory).SendAsync(ForgedHost(HttpMethod.Get, "/sitemap.xml"))).Content.ReadAsStringAsync();
        Assert.Contains($"<loc>{Public}/contact/</loc>", sitemap);
        Assert.DoesNotContain(Forged, sitemap);
    }

    [Fact]
    public async Task By_default_only_the_public_host_is_answered()
    {
        // No AllowedHosts set: the site derives it from the public address.
        using var factory = new SiteFactory().WithSetting("Zaitaku:Site:PublicUrl", "http://zaitaku.example.jp").WithSetting("AllowedHosts", "");
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://zaitaku.example.jp") });

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/contact/")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(ForgedHost(HttpMethod.Get, "/contact/"))).StatusCode);
    }

    [Fact]
    public async Task A_thousand_forged_hosts_share_one_cached_page()
    {
        using var factory = new SiteFactory().WithSetting("Zaitaku:Site:PublicUrl", Public).WithSetting("AllowedHosts", "*");
        var client = SecureClient(factory);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/columns/")).StatusCode); // rendered once, and cached

        var rendered = 0;
        for (var i = 0; i < 1000; i++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/columns/");
            request.Headers.Host = $"host{i}.example";
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            // The output cache marks what it answers with Age; a page rendered again has none.
            if (response.Headers.Age is null) rendered++;
        }
        Assert.Equal(0, rendered);
    }

    [Fact]
    public async Task With_https_required_plain_http_goes_to_the_public_address_and_https_answers_carry_hsts()
    {
        using var factory = new SiteFactory().WithSetting("Zaitaku:Site:PublicUrl", Public).WithSetting("AllowedHosts", "*");
        var plain = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var redirect = await plain.SendAsync(ForgedHost(HttpMethod.Get, "/columns/?year=2025"));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal(Public + "/columns/?year=2025", redirect.Headers.Location!.OriginalString);

        var secure = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri(Public) });
        var page = await secure.GetAsync("/columns/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("max-age=31536000", page.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task Kestrel_does_not_name_itself()
    {
        using var factory = new SiteFactory();
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1");
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        var response = await client.GetAsync("/contact/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"), string.Join(",", response.Headers.Server));
    }

    [Fact]
    public async Task Asking_for_the_error_page_by_its_address_is_a_404_and_writes_no_error()
    {
        using var factory = new SiteFactory();
        var client = factory.CreatePlainClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/contact/")).StatusCode);
        factory.Log.Clear();

        foreach (var path in new[] { "/error/500", "/error/503", "/error/400" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("ページが見つかりません", await response.Content.ReadAsStringAsync());
        }
        Assert.DoesNotContain(factory.Log.Events, e => e.Level >= LogEventLevel.Error);
    }

    [Fact]
    public async Task Production_without_a_public_address_refuses_to_start_and_says_why()
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Zaitaku.Web.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment =
            {
                ["Zaitaku__DataFolder"] = Path.Combine(Path.GetTempPath(), "zaitaku-tests", Guid.NewGuid().ToString("N")),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["Zaitaku__Site__PublicUrl"] = "",
            },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "the site started without a public address");

        var said = await output + await errors;
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("公開アドレス（Zaitaku__Site__PublicUrl", said);
        Assert.Contains("is not set", said);
    }
}
