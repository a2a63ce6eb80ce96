using Microsoft.Extensions.Configuration;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Sync;
using Zaitaku.Web.Schema;

namespace Zaitaku.Web.Seed;

/// <summary>
/// On the first start of an empty site, after the schema: imports content-seed/ and publishes it. A site with any
/// content is left alone, so an editor's work is never overwritten.
/// </summary>
public sealed class SeedOnStart(ContentSeed seed, IRuntimeState runtimeState, IServerRoleAccessor serverRole, IConfiguration configuration)
    : INotificationAsyncHandler<UmbracoApplicationStartingNotification>
{
    // Asynchronous like SchemaOnStart: Umbraco runs a notification's synchronous handlers before its asynchronous
    // ones, and asynchronous ones in the order they were added, which puts this one after the schema.
    public Task HandleAsync(UmbracoApplicationStartingNotification notification, CancellationToken cancellationToken)
    {
        if (runtimeState.Level != RuntimeLevel.Run || serverRole.CurrentServerRole == ServerRole.Subscriber) return Task.CompletedTask;
        if (seed.IsNeeded())
            seed.Import(SchemaComposer.ResolveBesideApp(configuration["Zaitaku:ContentSeedFolder"] ?? "content-seed"));
        return Task.CompletedTask;
    }
}
