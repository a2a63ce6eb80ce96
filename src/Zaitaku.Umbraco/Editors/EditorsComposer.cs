using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Sync;
using Zaitaku.Web.Seed;

namespace Zaitaku.Web.Editors;

/// <summary>Who may touch what in the backoffice: user groups, start nodes and permissions, kept in step with the content.</summary>
[ComposeAfter(typeof(SeedComposer))]
public sealed class EditorsComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.AddSingleton<EditorGroups>();
        // Added after the seed's handler: asynchronous start handlers run in the order they were added.
        builder.AddNotificationAsyncHandler<UmbracoApplicationStartingNotification, EditorGroupsOnStart>();
        builder.AddNotificationHandler<ContentSavingNotification, AssociationScope>();
        builder.AddNotificationHandler<ContentSavedNotification, AssociationScope>();
        builder.AddNotificationHandler<ContentMovedNotification, AssociationScope>();
        builder.AddNotificationHandler<ContentMovedToRecycleBinNotification, AssociationScope>();
        builder.AddNotificationHandler<ContentDeletedNotification, AssociationScope>();
        builder.Services.Configure<MvcOptions>(o =>
        {
            o.Filters.Add<AssociationRefusalFilter>();
            o.Filters.Add<ItemVisibilityFilter>();
        });
    }
}

/// <summary>At start, after the schema and the seed: the groups made or brought in line with the content (idempotent).</summary>
public sealed class EditorGroupsOnStart(EditorGroups groups, IRuntimeState runtimeState, IServerRoleAccessor serverRole)
    : INotificationAsyncHandler<UmbracoApplicationStartingNotification>
{
    public Task HandleAsync(UmbracoApplicationStartingNotification notification, CancellationToken cancellationToken)
    {
        if (runtimeState.Level == RuntimeLevel.Run && serverRole.CurrentServerRole != ServerRole.Subscriber) groups.Start();
        return Task.CompletedTask;
    }
}
