using System.Net;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Cluster;

/// <summary>The "Zaitaku:Cluster" configuration section: what several nodes behind a load balancer share.</summary>
public sealed class ClusterOptions
{
    /// <summary>
    /// Where the Data Protection keys live: "Database" (every node shares them; the default on
    /// PostgreSQL) or "DataFolder" ({DataFolder}/keys, one node; the default on SQLite).
    /// </summary>
    public string? KeyStore { get; set; }
    /// <summary>Addresses of the reverse proxies (nginx) whose X-Forwarded-For and X-Forwarded-Proto are believed. None: the headers are ignored.</summary>
    public List<string> KnownProxies { get; set; } = [];
    /// <summary>Networks of such proxies, in CIDR notation (10.0.0.0/24).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool KeysInDatabase(DatabaseProvider provider) =>
        KeyStore is { Length: > 0 } store ? store.Equals("Database", StringComparison.OrdinalIgnoreCase) : provider == DatabaseProvider.PostgreSql;
}

/// <summary>
/// What lets several nodes run as one site (README, "Several nodes"): Data Protection keys in the
/// database, attempt counts in Redis, background jobs one node at a time, and the client's address
/// from a known proxy only. Change notifications between nodes are in <see cref="Notifications.NotificationSetup"/>.
/// </summary>
public static class ClusterSetup
{
    public static IServiceCollection AddZaitakuCluster(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClusterOptions>(configuration.GetSection("Zaitaku:Cluster"));
        services.AddSingleton<ClusterLock>();
        if (services.AddZaitakuRedis(configuration)) services.AddSingleton<SharedAttempts>();

        var cluster = configuration.GetSection("Zaitaku:Cluster").Get<ClusterOptions>() ?? new ClusterOptions();
        var provider = configuration.GetSection("Zaitaku:Database").GetValue<DatabaseProvider>("Provider");
        if (cluster.KeysInDatabase(provider))
        {
            var connectionString = configuration.GetConnectionString("Zaitaku");
            services.AddDbContext<DataProtectionKeysDbContext>((sp, o) =>
            {
                if (provider == DatabaseProvider.PostgreSql) o.UseNpgsql(connectionString);
                else o.UseSqlite(string.IsNullOrWhiteSpace(connectionString)
                    ? $"Data Source={Path.Combine(sp.GetRequiredService<IOptions<ZaitakuOptions>>().Value.ResolvedDataFolder, "zaitaku.db")}"
                    : connectionString);
            });
            // After Hosting/DataProtectionSetup's file-system repository is configured: this one replaces it. The key
            // certificate's encryptor (DataProtectionSetup) is untouched, so keys stay encrypted in the table.
            services.AddOptions<KeyManagementOptions>().PostConfigure<IServiceProvider, IOptions<ZaitakuOptions>, ILoggerFactory>(
                (o, sp, zaitaku, loggers) => o.XmlRepository = new DatabaseKeyRepository(sp, loggers,
                    Path.Combine(zaitaku.Value.ResolvedDataFolder, "keys")));
        }
        return services;
    }

    /// <summary>
    /// First in the pipeline: the client's address and scheme from X-Forwarded-For/-Proto, believed only
    /// from the configured proxies (anyone else could name any address and escape the rate limits).
    /// </summary>
    public static WebApplication UseZaitakuForwardedHeaders(this WebApplication app)
    {
        var cluster = app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        if (cluster.KnownProxies.Count == 0 && cluster.KnownNetworks.Count == 0) return app;
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            ForwardLimit = 1,
        };
        // The defaults trust loopback; only what is configured is trusted here.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in cluster.KnownProxies) options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in cluster.KnownNetworks) options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        app.UseForwardedHeaders(options);
        return app;
    }
}
