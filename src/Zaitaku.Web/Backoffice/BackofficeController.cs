using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Web.Backoffice.Access;
using Zaitaku.Web.Backoffice.Accounts;

namespace Zaitaku.Web.Backoffice;

/// <summary>
/// The convention of every backoffice controller: signed in as a member of a user group, with
/// two-factor when the policy requires it, and an antiforgery token on every post. A controller
/// for fewer people adds its own <c>[Authorize(Policy = ...)]</c> (both must pass). Per-thing access
/// (this node, this file, this form) is asked with <see cref="MayAsync"/>.
/// The account pages (sign-in, password, authenticator) are outside it: they come before two-factor.
/// </summary>
[Authorize(Policy = BackofficeSetup.EditorsPolicy)]
[RequireTwoFactorWhenMandatory]
[AutoValidateAntiforgeryToken]
public abstract class BackofficeController : Controller
{
    private IAuthorizationService Authorization => HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();

    /// <summary>Whether the signed-in person may do this to a node (<see cref="ContentResource"/>), a media item or a form.</summary>
    protected async Task<bool> MayAsync(object resource, OperationAuthorizationRequirement operation) =>
        (await Authorization.AuthorizeAsync(User, resource, operation)).Succeeded;

    /// <summary>The things of a list the signed-in person may do this to, in their order.</summary>
    protected async Task<List<T>> AllowedAsync<T>(IEnumerable<T> items, OperationAuthorizationRequirement operation, Func<T, object>? resource = null)
    {
        var allowed = new List<T>();
        foreach (var item in items)
            if (await MayAsync(resource is null ? item! : resource(item), operation)) allowed.Add(item);
        return allowed;
    }

    /// <summary>Whether the signed-in person publishes (the secretariat: reviewers and administrators).</summary>
    protected async Task<bool> CanPublishAsync() =>
        (await Authorization.AuthorizeAsync(User, BackofficeSetup.PublishersPolicy)).Succeeded;
}
