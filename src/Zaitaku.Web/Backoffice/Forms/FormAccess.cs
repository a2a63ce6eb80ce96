using System.Security.Claims;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Backoffice.Content;

namespace Zaitaku.Web.Backoffice.Forms;

/// <summary>
/// Who sees a form's entries: the secretariat and reviewers always; an association's editors only
/// when the form grants their association (for an event that association runs). Nobody else.
/// </summary>
public static class FormAccess
{
    public static bool CanSeeEntries(ClaimsPrincipal principal, EditorUser? user, FormDefinition form) =>
        ContentScope.CanPublish(principal) ||
        (principal.IsInRole(UserGroups.AssociationEditors) && user?.AssociationKey is { } association
            && form.EntryAssociations().Contains(association));
}
