using System.Security.Claims;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Media;
using Zaitaku.Web.Backoffice.Content;

namespace Zaitaku.Web.Backoffice.Media;

/// <summary>
/// Who reaches which media, decided by the item's top-level folder: reviewers and the secretariat
/// reach everything; an association editor uses their association's folder and the shared one, and
/// changes or deletes only what is in their association's folder.
/// </summary>
public static class MediaScope
{
    public static bool CanUse(ClaimsPrincipal principal, EditorUser user, MediaItem item, MediaLibrary library)
    {
        if (ContentScope.CanPublish(principal)) return true;
        var top = library.TopFolder(item);
        return top is not null && (top.Shared || IsTheirs(principal, user, top));
    }

    public static bool CanManage(ClaimsPrincipal principal, EditorUser user, MediaItem item, MediaLibrary library)
    {
        if (ContentScope.CanPublish(principal)) return true;
        return library.TopFolder(item) is { } top && IsTheirs(principal, user, top);
    }

    private static bool IsTheirs(ClaimsPrincipal principal, EditorUser user, MediaItem top) =>
        principal.IsInRole(UserGroups.AssociationEditors) && user.AssociationKey is { } association && top.AssociationKey == association;
}
