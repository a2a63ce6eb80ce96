using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Sync;
using Zaitaku.Web.Forms.Data;
using Zaitaku.Web.Schema;

namespace Zaitaku.Web.Forms;

/// <summary>
/// At start, on the server that publishes (Umbraco's SchedulingPublisher, or a single server): brings our tables up
/// to date with EF Core's migrations for the database Umbraco runs on (SQLite or SQL Server), then imports the
/// seeded forms into a site that has none. Subscribers read the same database and do neither. EF Core takes its own
/// database lock while migrating, so two servers starting together cannot both apply a migration.
/// </summary>
public sealed class FormsOnStart(
    IRuntimeState runtimeState, IServerRoleAccessor serverRole, IOptionsMonitor<ConnectionStrings> connectionStrings,
    FormSeed seed, DistributedCache distributedCache, IConfiguration configuration, ILogger<FormsOnStart> logger)
    : INotificationAsyncHandler<UmbracoApplicationStartingNotification>
{
    public async Task HandleAsync(UmbracoApplicationStartingNotification notification, CancellationToken cancellationToken)
    {
        if (runtimeState.Level != RuntimeLevel.Run || serverRole.CurrentServerRole == ServerRole.Subscriber) return;
        await MigrateAsync(cancellationToken);
        if (await seed.ImportIfEmptyAsync(SchemaComposer.ResolveBesideApp(configuration["Zaitaku:ContentSeedFolder"] ?? "content-seed")) > 0)
            distributedCache.RefreshAll(FormCacheRefresher.UniqueId);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var settings = connectionStrings.CurrentValue;
        var connectionString = settings.ConnectionString?.Replace("|DataDirectory|", AppDomain.CurrentDomain.GetData("DataDirectory")?.ToString());
        if (string.IsNullOrEmpty(connectionString) || string.IsNullOrEmpty(settings.ProviderName)) return;
        await using var db = FormsDbContext.ForMigrations(settings.ProviderName, connectionString);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0) return;
        logger.LogInformation("Forms: applying {Count} database migrations ({Migrations})", pending.Count, string.Join(", ", pending));
        await db.Database.MigrateAsync(cancellationToken);
    }
}
