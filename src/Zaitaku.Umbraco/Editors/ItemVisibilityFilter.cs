using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Umbraco.Cms.Api.Management.Controllers.Document.Item;
using Umbraco.Cms.Api.Management.Controllers.Media.Item;
using Umbraco.Cms.Api.Management.ViewModels.Document.Item;
using Umbraco.Cms.Api.Management.ViewModels.Media.Item;
using Umbraco.Cms.Core.Actions;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Services;

namespace Zaitaku.Web.Editors;

/// <summary>
/// Umbraco's item endpoints (<c>item/document</c>, <c>item/document/search</c>, <c>item/media</c>,
/// <c>item/media/search</c>: a name, a type and an icon for pickers and references) answer for any key, whatever the
/// user may browse; its tree and every other endpoint honour the permissions. Here they honour them too: an item the
/// user may not browse (another association's column, its media folder) is left out, as if it did not exist.
/// </summary>
public sealed class ItemVisibilityFilter(
    IBackOfficeSecurityAccessor security,
    IContentPermissionService contentPermissions,
    IMediaPermissionService mediaPermissions) : IAsyncActionFilter
{
    private static readonly ISet<string> Browse = new HashSet<string> { ActionBrowse.ActionLetter };

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var executed = await next();
        if (context.Controller is not (ItemDocumentItemController or SearchDocumentItemController or ItemMediaItemController or SearchMediaItemController)
            || executed.Result is not ObjectResult { Value: { } value } result
            || security.BackOfficeSecurity?.CurrentUser is not { } user) return;

        switch (value)
        {
            case IEnumerable<DocumentItemResponseModel> documents:
                var readable = await contentPermissions.FilterAuthorizedAccessAsync(user, documents.Select(d => d.Id), Browse);
                result.Value = documents.Where(d => readable.Contains(d.Id)).ToList();
                break;
            case PagedModel<DocumentItemResponseModel> page:
                var found = await contentPermissions.FilterAuthorizedAccessAsync(user, page.Items.Select(d => d.Id), Browse);
                result.Value = Filtered(page, found);
                break;
            case IEnumerable<MediaItemResponseModel> media:
                var reachable = await mediaPermissions.FilterAuthorizedAccessAsync(user, media.Select(m => m.Id));
                result.Value = media.Where(m => reachable.Contains(m.Id)).ToList();
                break;
            case PagedModel<MediaItemResponseModel> mediaPage:
                var reached = await mediaPermissions.FilterAuthorizedAccessAsync(user, mediaPage.Items.Select(m => m.Id));
                result.Value = Filtered(mediaPage, reached);
                break;
        }
    }

    private static PagedModel<T> Filtered<T>(PagedModel<T> page, ISet<Guid> kept) where T : Umbraco.Cms.Api.Management.ViewModels.Item.ItemResponseModelBase
    {
        var items = page.Items.Where(i => kept.Contains(i.Id)).ToList();
        return new PagedModel<T> { Items = items, Total = page.Total - (page.Items.Count() - items.Count) };
    }
}
