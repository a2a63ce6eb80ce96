using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Scoping;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Sync;
using Umbraco.Cms.Core.Migrations;
using Umbraco.Cms.Infrastructure.Migrations.Upgrade;

namespace Zaitaku.Web.Schema;

/// <summary>
/// At start, brings the database's document types, data types, media types and templates in line with uSync/ when
/// the files changed since the last start. Only the server that publishes does it: the others read the same database.
/// </summary>
public sealed class SchemaOnStart(
    USyncFiles files,
    IRuntimeState runtimeState,
    IServerRoleAccessor serverRole,
    IMigrationPlanExecutor executor,
    ICoreScopeProvider scopeProvider,
    IKeyValueService keyValueService,
    ILogger<SchemaOnStart> logger) : INotificationAsyncHandler<UmbracoApplicationStartingNotification>
{
    public async Task HandleAsync(UmbracoApplicationStartingNotification notification, CancellationToken cancellationToken)
    {
        if (runtimeState.Level != RuntimeLevel.Run || serverRole.CurrentServerRole == ServerRole.Subscriber) return;
        var upgrader = new Upgrader(new SchemaMigrationPlan(files.Hash));
        if (keyValueService.GetValue(upgrader.StateValueKey) == files.Hash) return;

        logger.LogInformation("uSync files changed ({Hash}): applying them", files.Hash[..12]);
        var result = await upgrader.ExecuteAsync(executor, scopeProvider, keyValueService);
        if (!result.Successful)
            throw new USyncException($"uSync の適用に失敗しました: {result.Exception?.Message}");
    }
}
