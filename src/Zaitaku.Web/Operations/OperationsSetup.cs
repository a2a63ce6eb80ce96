using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using Serilog;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Cluster;
using Zaitaku.Web.Operations.Backup;
using Zaitaku.Web.Operations.Health;
using Zaitaku.Web.Operations.Logs;
using Zaitaku.Web.Operations.Metrics;

namespace Zaitaku.Web.Operations;

/// <summary>
/// What the people who run the site use: the daily backup, /health/live and /health/ready for the
/// load balancer, metrics for Prometheus on a port of their own, and the structured log the
/// backoffice's log viewer reads.
/// </summary>
public static class OperationsSetup
{
    public const string ReadyTag = "ready";

    public static IServiceCollection AddZaitakuOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<BackupOptions>(configuration.GetSection("Zaitaku:Backup"));
        // DailyBackup itself starts from Hosting/BackgroundJobs, after the site is initialised.

        services.Configure<HealthOptions>(configuration.GetSection("Zaitaku:Health"));
        var checks = services.AddHealthChecks()
            .AddDbContextCheck<ZaitakuDbContext>("database", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<SearchIndexCheck>("search-index", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<DataFolderSpaceCheck>("data-folder-space", HealthStatus.Unhealthy, [ReadyTag])
            .AddCheck<MailOutboxCheck>("mail-outbox", HealthStatus.Degraded, [ReadyTag]);
        services.AddSingleton<SearchIndexCheck>();
        // Redis is checked only where the site is configured to use one (several nodes), on the node's own connection.
        if (services.AddZaitakuRedis(configuration))
            checks.AddRedis(sp => sp.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>(), "redis", HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(3));

        services.AddSingleton<SiteMetrics>();
        services.Configure<OutputCacheOptions>(o => o.AddBasePolicy(new OutputCacheMeter()));
        var metrics = configuration.GetSection("Zaitaku:Metrics").Get<MetricsOptions>() ?? new MetricsOptions();
        services.Configure<MetricsOptions>(configuration.GetSection("Zaitaku:Metrics"));
        if (metrics.Port > 0)
        {
            // A listener of its own rather than a second Kestrel endpoint: endpoints set in code make
            // Kestrel ignore --urls and ASPNETCORE_URLS, which every deployment of this site uses.
            services.AddOpenTelemetry().WithMetrics(m => m
                .AddMeter(SiteMetrics.MeterName)
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusHttpListener(o =>
                {
                    o.Host = metrics.Address;
                    o.Port = metrics.Port;
                    o.ScrapeEndpointPath = metrics.Path;
                }));
        }

        services.Configure<LogViewerOptions>(configuration.GetSection("Zaitaku:Logs"));
        services.AddSingleton<LogReader>();
        return services;
    }

    /// <summary>Call after the backoffice's middleware, so the signed-in user is known.</summary>
    public static WebApplication UseZaitakuOperations(this WebApplication app)
    {
        app.UseFormSubmissionMeter();
        // Each backoffice request's log lines carry who made it, for the log viewer's user filter.
        app.Use(async (context, next) =>
        {
            if (context.User.Identity is { IsAuthenticated: true, Name: { } name })
            {
                context.RequestServices.GetService<IDiagnosticContext>()?.Set("UserName", name);
                using (Serilog.Context.LogContext.PushProperty("UserName", name)) await next(context);
            }
            else await next(context);
        });
        return app;
    }

    public static WebApplication MapZaitakuOperations(this WebApplication app)
    {
        // Liveness: the process answers. No dependency is asked, so a database outage does not get
        // every node restarted at once.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithMetadata(new Site.RequestLogLevels.FileAnswers());
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithMetadata(new Site.RequestLogLevels.FileAnswers());
        return app;
    }

    /// <summary>A small JSON answer: the overall status and each check's status and description (never an exception's details).</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            durationMs = (long)report.TotalDuration.TotalMilliseconds,
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                durationMs = (long)e.Value.Duration.TotalMilliseconds,
            }),
        }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
