using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models.Entities;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Notifications;

namespace Zaitaku.Web.Security;

/// <summary>
/// Ends a user's backoffice sessions when their password or their groups change. What Umbraco 18.3.2 already does:
/// revokes the user's tokens when the account is locked, disabled or deleted, and (with AllowConcurrentLogins off, the
/// default) on each new sign-in; a password change renews the security stamp, which the sign-in cookie is checked against
/// on every request, so the cookie stops minting tokens. What it does not: the access and refresh tokens already handed
/// out (reference tokens, checked against the database) keep working after a password change or a group change until
/// they expire. This handler deletes them then, so the change takes effect on the next request.
/// A password change (own, by an administrator, or by reset) and a change of groups are both a save of the user whose
/// password hash or groups are dirty: seen while saving, the tokens are deleted once the save is done (Umbraco's saved
/// notification comes after its transaction; deleting them inside it, from UserPasswordChangedNotification, waited
/// on SQLite's write lock held by that very transaction).
/// </summary>
public sealed class SessionEnd(IOpenIddictTokenManager tokens, ILogger<SessionEnd> logger) :
    INotificationAsyncHandler<UserSavingNotification>,
    INotificationAsyncHandler<UserSavedNotification>
{
    private const string GroupsChanged = "Zaitaku.Security.SessionsToEnd";

    public Task HandleAsync(UserSavingNotification notification, CancellationToken cancellationToken)
    {
        // An existing user whose password or groups are being changed (a new user has no session).
        var changed = notification.SavedEntities
            .Where(u => u.HasIdentity && u is ICanBeDirty dirty
                && (dirty.IsPropertyDirty(nameof(IUser.Groups)) || dirty.IsPropertyDirty(nameof(IUser.RawPasswordValue))))
            .Select(u => u.Key).ToList();
        notification.State[GroupsChanged] = changed;
        return Task.CompletedTask;
    }

    public async Task HandleAsync(UserSavedNotification notification, CancellationToken cancellationToken)
    {
        if (notification.State.TryGetValue(GroupsChanged, out var value) && value is List<Guid> keys)
            foreach (var key in keys) await RevokeAsync(key, "password or groups changed");
    }

    private async Task RevokeAsync(Guid userKey, string why)
    {
        logger.LogInformation("Ending the backoffice sessions of user {UserKey}: {Why}", userKey, why);
        await tokens.RevokeUmbracoUserTokens(userKey);
    }
}
