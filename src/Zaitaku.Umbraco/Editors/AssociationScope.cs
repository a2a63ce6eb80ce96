using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Api.Management.Controllers;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Security;

namespace Zaitaku.Web.Editors;

/// <summary>
/// Keeps a column's 執筆団体 (its <c>association</c> property) and Umbraco's permissions in step: an association editor
/// cannot save a column that names another association (the save is cancelled with a Japanese reason), and after every
/// save, move or delete that can change who owns what, <see cref="EditorGroups.Sync"/> gives the owning group its
/// column and takes it from the others.
/// </summary>
public sealed class AssociationScope(
    EditorGroups groups,
    IBackOfficeSecurityAccessor security,
    IHttpContextAccessor httpContextAccessor,
    ILogger<AssociationScope> logger)
    : INotificationHandler<ContentSavingNotification>,
      INotificationHandler<ContentSavedNotification>,
      INotificationHandler<ContentMovedNotification>,
      INotificationHandler<ContentMovedToRecycleBinNotification>,
      INotificationHandler<ContentDeletedNotification>
{
    public const string Title = "保存できません";
    public const string NotYours = "このコラムの執筆団体は、あなたの団体ではありません。執筆団体には、あなたの団体を選んでください。";
    internal const string RefusalItem = "Zaitaku.Editors.Refusal";

    public void Handle(ContentSavingNotification notification)
    {
        if (security.BackOfficeSecurity?.CurrentUser is not { } user || EditorGroups.IsSecretariat(user)) return;
        var own = groups.AssociationsOf(user);
        if (own.Count == 0) return;
        foreach (var column in notification.SavedEntities.Where(c => c.ContentType.Alias == EditorGroups.ColumnType))
        {
            if (EditorGroups.AssociationOf(column) is { } association && own.Contains(association)) continue;
            logger.LogInformation("Column {Key} refused for {User}: association {Association} is not theirs",
                column.Key, user.Key, EditorGroups.AssociationOf(column));
            notification.CancelOperation(new EventMessage(Title, NotYours, EventMessageType.Error));
            if (httpContextAccessor.HttpContext is { } context) context.Items[RefusalItem] = NotYours;
            return;
        }
    }

    public void Handle(ContentSavedNotification notification) => SyncIf(notification.SavedEntities);

    public void Handle(ContentMovedNotification notification) => SyncIf(notification.MoveInfoCollection.Select(m => m.Entity));

    public void Handle(ContentMovedToRecycleBinNotification notification) => SyncIf(notification.MoveInfoCollection.Select(m => m.Entity));

    public void Handle(ContentDeletedNotification notification) => SyncIf(notification.DeletedEntities);

    /// <summary>
    /// Columns and associations, and the home page's children (a new top-level page is closed to association editors).
    /// Runs after the change is committed, in the request that made it.
    /// </summary>
    private void SyncIf(IEnumerable<IContent> changed)
    {
        if (!groups.Ready) return;
        if (!changed.Any(c => c.ContentType.Alias is EditorGroups.ColumnType or EditorGroups.AssociationType || c.Level <= 2)) return;
        groups.Sync();
    }
}

/// <summary>
/// Gives the editor our reason with the 400 where the Management API would say "Cancelled by notification" (and put our
/// message only in its Umb-Notifications header).
/// </summary>
public sealed class AssociationRefusalFilter : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var executed = await next();
        if (context.Controller is ManagementApiControllerBase
            && context.HttpContext.Items[AssociationScope.RefusalItem] is string message
            && executed.Result is IStatusCodeActionResult { StatusCode: >= 400 })
            executed.Result = new ObjectResult(new ProblemDetails
            {
                Title = message,
                Detail = AssociationScope.Title,
                Status = StatusCodes.Status400BadRequest,
                Type = "Error",
                Extensions = { ["operationStatus"] = "NotYourAssociation" },
            })
            { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
    }
}
