using System.Security.Claims;
using Zaitaku.Core.Content;
using Zaitaku.Infrastructure.Accounts;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>
/// Umbraco's start node, enforced on the server: an association editor reaches their association's
/// node and the columns whose 執筆団体 is their association, and nothing else; reviewers and
/// administrators reach everything. Only reviewers and administrators publish.
/// </summary>
public static class ContentScope
{
    public static bool CanPublish(ClaimsPrincipal user) =>
        user.IsInRole(UserGroups.Administrators) || user.IsInRole(UserGroups.Reviewers);

    public static bool CanEdit(ClaimsPrincipal principal, EditorUser user, ContentNode node, IReadOnlyDictionary<string, string> draftValues)
    {
        if (CanPublish(principal)) return true;
        if (!principal.IsInRole(UserGroups.AssociationEditors) || user.AssociationKey is not { } association) return false;
        return node.Key == association
            || PropertyValues.ParseDocumentUdi(draftValues.GetValueOrDefault("association")) == association;
    }
}
