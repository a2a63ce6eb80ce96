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
        AppDomain.CurrentDomain.ProcessExit += (_, _) => site.Dispose();
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
            ["Umbraco:CMS:Unattended:InstallUnattended"] = "true",
            ["Umbraco:CMS:Unattended:UnattendedUserName"] = "管理者",
            ["Umbraco:CMS:Unattended:UnattendedUserEmail"] = AdminEmail,
            ["Umbraco:CMS:Unattended:UnattendedUserPassword"] = AdminPassword,
            ["ConnectionStrings:umbracoDbDSN"] = $"Data Source={Path.Combine(ContentRoot, "umbraco", "Data", "Umbraco.sqlite.db")};Foreign Keys=True;Pooling=True",
            ["ConnectionStrings:umbracoDbDSN_ProviderName"] = "Microsoft.Data.Sqlite",
            ["Zaitaku:Site:PublicUrl"] = TestPublicUrl,
            ["AllowedHosts"] = "localhost;127.0.0.1",
        };
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(ContentRoot, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A client that does not follow redirects, so tests see 301s as a browser would receive them.</summary>
    public HttpClient CreatePlainClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        // On Kestrel a client would otherwise call http://localhost (port 80): the site's own port.
        BaseAddress = new Uri(BaseUrl),
    });
}
