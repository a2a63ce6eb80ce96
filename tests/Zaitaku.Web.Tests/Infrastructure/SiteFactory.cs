using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// The whole site on a fresh data folder of its own: real SQLite file, real uSync, real content seed.
/// The clock is controllable so "today" is the same on every run.
/// </summary>
public class SiteFactory : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "zaitaku-tests", Guid.NewGuid().ToString("N"));
    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));
    public CapturedLog Log { get; } = new();
    /// <summary>
    /// The address the tests' sites are configured with. Production refuses to start without one;
    /// requests name localhost (TestServer) or 127.0.0.1 (Kestrel for the browser), both allowed.
    /// </summary>
    public const string TestPublicUrl = "http://localhost";
    private readonly Dictionary<string, string?> _settings = new()
    {
        ["Zaitaku:Site:PublicUrl"] = TestPublicUrl,
        ["AllowedHosts"] = "localhost;127.0.0.1",
    };

    /// <summary>Requests may name the client address they stand for in this header (sign-in throttling is per address).</summary>
    public const string ClientAddressHeader = "X-Test-Client-Address";

    /// <summary>Keep the data folder when this site stops, for a test that starts another site on it.</summary>
    public bool KeepDataFolder { get; set; }

    /// <summary>Another instance of the site on this one's data folder (its database, keys and media), as a second server would be.</summary>
    public SiteFactory SecondInstance() => OnDataFolder(DataFolder);

    /// <summary>A site on an existing data folder: another instance, or the same site after a restart.</summary>
    public static SiteFactory OnDataFolder(string folder) => new SiteFactory().WithSetting("Zaitaku:DataFolder", folder);

    /// <summary>Reads or changes the site's database in a scope of its own, as one request would.</summary>
    public async Task<T> WithDatabaseAsync<T>(Func<Zaitaku.Infrastructure.Data.ZaitakuDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Zaitaku.Infrastructure.Data.ZaitakuDbContext>());
    }

    /// <inheritdoc cref="WithDatabaseAsync{T}"/>
    public async Task WithDatabaseAsync(Func<Zaitaku.Infrastructure.Data.ZaitakuDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<Zaitaku.Infrastructure.Data.ZaitakuDbContext>());
    }

    /// <summary>Works with the database and one more service of the same scope (ContentService, FormEntries...), as one request would.</summary>
    public async Task<T> WithDatabaseAsync<TService, T>(Func<Zaitaku.Infrastructure.Data.ZaitakuDbContext, TService, Task<T>> work) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Zaitaku.Infrastructure.Data.ZaitakuDbContext>(), scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <inheritdoc cref="WithDatabaseAsync{TService, T}"/>
    public async Task WithDatabaseAsync<TService>(Func<Zaitaku.Infrastructure.Data.ZaitakuDbContext, TService, Task> work) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<Zaitaku.Infrastructure.Data.ZaitakuDbContext>(), scope.ServiceProvider.GetRequiredService<TService>());
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Adds services before the host is built (a test's fault injection).</summary>
    public SiteFactory WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    public SiteFactory WithSetting(string key, string? value)
    {
        _settings[key] = value;
        return this;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Zaitaku:DataFolder", DataFolder);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, ClientAddressFromHeader>();
            services.AddSingleton<Serilog.Core.ILogEventSink>(Log);
            foreach (var configure in _services) configure(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (KeepDataFolder) return;
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>A client that does not follow redirects, so tests see 301s as a browser would receive them.</summary>
    public HttpClient CreatePlainClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}

/// <summary>Sets the connection's remote address from <see cref="SiteFactory.ClientAddressHeader"/>, as several clients would have.</summary>
internal sealed class ClientAddressFromHeader : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(SiteFactory.ClientAddressHeader, out var value)
                && System.Net.IPAddress.TryParse(value.ToString(), out var address))
                context.Connection.RemoteIpAddress = address;
            return nextMiddleware(context);
        });
        next(app);
    };
}
