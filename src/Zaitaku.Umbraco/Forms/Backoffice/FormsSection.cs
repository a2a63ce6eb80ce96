using Microsoft.AspNetCore.Authorization;
using Umbraco.Cms.Core.Security;

namespace Zaitaku.Web.Forms.Backoffice;

/// <summary>
/// The backoffice's フォーム section (App_Plugins/ZaitakuForms): who may see form entries is who has the section in
/// one of their user groups, as with Umbraco's own sections. Entries are personal data: the server checks it on
/// every call, whatever the client shows.
/// </summary>
public static class FormsSection
{
    /// <summary>The section's alias, as the manifest names it and user groups store it.</summary>
    public const string Alias = "Zaitaku.Section.Forms";

    public const string Policy = "ZaitakuFormsSectionAccess";

    public sealed class Requirement : IAuthorizationRequirement;

    public sealed class Handler(IBackOfficeSecurityAccessor security) : AuthorizationHandler<Requirement>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, Requirement requirement)
        {
            if (security.BackOfficeSecurity?.CurrentUser?.AllowedSections.Contains(Alias) == true) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
