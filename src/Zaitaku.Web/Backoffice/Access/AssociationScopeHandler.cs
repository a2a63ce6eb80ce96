using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Zaitaku.Core.Content;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Backoffice.Access;

/// <summary>
/// The one access rule of the backoffice, Umbraco's start node enforced on the server, for content,
/// media and forms alike: the secretariat (reviewers and administrators) reaches everything; an
/// association editor reaches what belongs to their association, and nothing else.
/// What "belongs" means per kind of thing:
/// a node is the association's own node, or names the association as its 執筆団体 (in its draft);
/// a media item sits in the association's top-level folder (and one in a shared folder may be used);
/// a form grants the association its entries (an event that association runs); a column slot is the
/// association's turn in the 広報つながり series.
/// </summary>
public sealed class AssociationScopeHandler(UserManager<EditorUser> users, MediaLibrary media)
    : AuthorizationHandler<OperationAuthorizationRequirement>
{
    /// <summary>The groups who publish and reach everything (the Publishers policy).</summary>
    public static readonly string[] SecretariatGroups = [UserGroups.Administrators, UserGroups.Reviewers];

    // One look-up of the person's association per request, however many things a list asks about.
    private (string? UserId, Guid? Association)? _known;

    public static bool IsSecretariat(ClaimsPrincipal principal) => SecretariatGroups.Any(principal.IsInRole);

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement)
    {
        if (IsSecretariat(context.User))
        {
            context.Succeed(requirement);
            return;
        }
        if (!context.User.IsInRole(UserGroups.AssociationEditors)) return;
        IReadOnlyCollection<Guid?> owners;
        var shared = false;
        switch (context.Resource)
        {
            case ContentResource c:
                owners = [c.Node.Key, PropertyValues.ParseDocumentUdi(c.DraftValues.GetValueOrDefault("association"))];
                break;
            case MediaItem item:
                var top = media.TopFolder(item);
                owners = [top?.AssociationKey];
                shared = top?.Shared == true;
                break;
            case Columns.ColumnSlot slot:
                owners = [slot.AssociationKey];
                break;
            case FormDefinition form:
                owners = form.EntryAssociations().Select(k => (Guid?)k).ToList();
                break;
            default:
                return;
        }
        if (requirement == BackofficeOperations.Use && shared)
        {
            context.Succeed(requirement);
            return;
        }
        if (await AssociationOfAsync(context.User) is { } association && owners.Contains(association))
            context.Succeed(requirement);
    }

    private async Task<Guid?> AssociationOfAsync(ClaimsPrincipal principal)
    {
        var id = users.GetUserId(principal);
        if (_known is { } known && known.UserId == id) return known.Association;
        var association = (await users.GetUserAsync(principal))?.AssociationKey;
        _known = (id, association);
        return association;
    }
}
