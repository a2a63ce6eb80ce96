using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// The Umbraco site on a content root of its own (a fresh folder: its SQLite database, media, logs and indexes),
/// installed unattended and seeded, on a real Kestrel port for the browser. Umbraco keeps process-wide state, so a
/// test process hosts one site: <see cref="Shared"/>. A test that needs another site starts it as a process.
/// </summary>
public sealed class SiteFactory : WebApplicationFactory<Program>
{
    /// <summary>The address the site is configured with; requests name localhost or 127.0.0.1, both allowed.</summary>
    public const string TestPublicUrl = "http://localhost";

    /// <summary>The first administrator of every test site (its password is made up for the run, never stored).</summary>
    public const string AdminEmail = "admin@example.jp";
    public static readonly string AdminPassword = "Test-" + Guid.NewGuid().ToString("N");

    public string ContentRoot { get; } = Path.Combine(Path.GetTempPath(), "zaitaku-umbraco-tests", Guid.NewGuid().ToString("N"));
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));
    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// The site's mail server: a real one (Debian's aiosmtpd) on a port chosen for this run, started and stopped by the
    /// tests that read mail; while it is stopped the site's mail waits in its outbox, as with a dead mail server.
    /// </summary>
    public static SmtpServer Mail { get; } = new();

    /// <summary>
    /// The user groups whose Management API clients (<see cref="ManagementApi.AsGroupAsync"/>) tests use: their API users
    /// are made at start, before the tests run in parallel (see <see cref="ManagementApi.PrepareGroups"/>).
    /// </summary>
    public static readonly IReadOnlyList<string> ApiGroups =
    [
        Umbraco.Cms.Core.Constants.Security.AdminGroupAlias,
        Zaitaku.Web.Editors.EditorGroups.SecretariatAlias,
        Zaitaku.Web.Editors.EditorGroups.AliasFor("ishikai"),
        "editor", // Umbraco's editors: a group without our sections, for the refusals
    ];

    private static readonly Lazy<SiteFactory> SharedSite = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The one site of this test process, started by the first test that asks for it.</summary>
    public static SiteFactory Shared => SharedSite.Value;

    private static SiteFactory Start()
    {
        var site = new SiteFactory();
        site.UseKestrel(0);
        site.StartServer();
        site.BaseUrl = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        // Clients talk to the real server on its port (the test server's default address is port 80).
        site.ClientOptions.BaseAddress = new Uri(site.BaseUrl);
        ManagementApi.PrepareGroups(site, ApiGroups);
        // A page that shows events is cached until its next change in real time; a test that jumps the site's clock
        // past it has the cache forgotten, as the time passing would have.
        site.Clock.Moved += () => site.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>()
            .EvictByTagAsync(Zaitaku.Web.Site.Caching.EvictOnAnyChange.AllContent, default).AsTask().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { site.Dispose(); Mail.Dispose(); };
        return site;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(ContentRoot);
        // The site's settings travel with it into the test's bin; its content root is this site's own folder.
        foreach (var file in Directory.GetFiles(AppContext.BaseDirectory, "appsettings*.json"))
            File.Copy(file, Path.Combine(ContentRoot, Path.GetFileName(file)), overwrite: true);
        builder.UseContentRoot(ContentRoot);
        builder.UseEnvironment("Production");
        // The backoffice's files come from the Umbraco package and ours from the project, as in development.
        builder.UseStaticWebAssets();
        var settings = new Dictionary<string, string>
        {
            // A Debug build cannot run in Umbraco's Production runtime mode; plain HTTP on loopback.
            ["Umbraco:CMS:Runtime:Mode"] = "Development",
            ["Umbraco:CMS:Global:UseHttps"] = "false",
            // Requests name 127.0.0.1 or localhost while the public address is http://localhost: production's strict
            // domain matching would route only the latter (StrictDomainTests runs a site process with it on).
            ["Umbraco:CMS:WebRouting:UseStrictDomainMatching"] = "false",
            ["Umbraco:CMS:Unattended:InstallUnattended"] = "true",
            ["Umbraco:CMS:Unattended:UnattendedUserName"] = "管理者",
            ["Umbraco:CMS:Unattended:UnattendedUserEmail"] = AdminEmail,
            ["Umbraco:CMS:Unattended:UnattendedUserPassword"] = AdminPassword,
            ["ConnectionStrings:umbracoDbDSN"] = $"Data Source={Path.Combine(ContentRoot, "umbraco", "Data", "Umbraco.sqlite.db")};Foreign Keys=True;Pooling=True",
            ["ConnectionStrings:umbracoDbDSN_ProviderName"] = "Microsoft.Data.Sqlite",
            ["Zaitaku:Site:PublicUrl"] = TestPublicUrl,
            ["AllowedHosts"] = "localhost;127.0.0.1",
            ["Zaitaku:Mail:Host"] = "127.0.0.1",
            ["Zaitaku:Mail:Port"] = Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Zaitaku:Mail:Security"] = "None",
            ["Zaitaku:Mail:From"] = "zaitaku@example.jp",
            // Two-factor is required of Umbraco's "translator" group here, not of administrators (production: admin and
            // secretariat), so SiteFactory's administrator signs in with a password in every other test; the sign-in
            // tests (Security/) make their own translators to check the rule.
            ["Zaitaku:Security:TwoFactorRequiredGroups"] = "translator",
        };
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            // The site's own clock, not Umbraco's TimeProvider: a frozen date under Umbraco would expire its sign-in
            // cookies and tokens before a real browser could use them.
            services.RemoveAll<Zaitaku.Web.Hosting.SiteClock>();
            services.AddSingleton(new Zaitaku.Web.Hosting.SiteClock(Clock));
            // Added after the site's own start handlers, so it runs after them (see ManagementApi.CreateApiUserAsync).
            services.AddTransient<Umbraco.Cms.Core.Events.INotificationAsyncHandler<Umbraco.Cms.Core.Notifications.UmbracoApplicationStartingNotification>, ApiUsersOnStart>();
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(ContentRoot, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>
    /// A client that does not follow redirects, so tests see 301s as a browser would receive them. With a real server
    /// the factory's own clients are plain HTTP clients on http://localhost (port 80: nobody) whose handler follows
    /// redirects whatever the options say, so this one is made here: to the site's Kestrel port, redirects not followed.
    /// </summary>
    public HttpClient CreatePlainClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(BaseUrl) };
}
