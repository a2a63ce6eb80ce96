using Asp.Versioning;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Api.Management.Controllers;
using Umbraco.Cms.Api.Management.Routing;
using Umbraco.Cms.Core.Models.Membership;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Core.Services;

namespace Zaitaku.Web.Security;

/// <summary>Whether the signed-in backoffice user must turn two-factor sign-in on before doing anything else.</summary>
public sealed class TwoFactorRequirement(IOptionsMonitor<SecurityOptions> options, ITwoFactorLoginService twoFactor)
{
    /// <summary>True for a person (not an API user) in one of the required groups (<see cref="SecurityOptions"/>).</summary>
    public bool AppliesTo(IUser user) =>
        user.Kind == UserKind.Default
        && user.Groups.Any(g => options.CurrentValue.TwoFactorRequiredGroupAliases.Contains(g.Alias));

    public async Task<bool> MustSetUpAsync(IUser user) => AppliesTo(user) && !await twoFactor.IsTwoFactorEnabledAsync(user.Key);

    public const string Title = "二要素認証の設定が必要です";
    public const string Detail =
        "管理者と事務局のアカウントは、認証アプリによる二要素認証を設定するまで、ほかの操作ができません。右上のアカウントのメニューから「二要素認証」を開いて設定してください。";
}

/// <summary>
/// Until a user who must use two-factor sign-in has turned it on, every Management API call is refused with 403 and
/// our Japanese reason, except what the backoffice needs to start and to set two-factor up: the user's own profile
/// and its two-factor endpoints (user/current…), sign-in and sign-out (security/…), and the server, manifest,
/// culture and our status endpoints. The backoffice opens Umbraco's own two-factor dialog for them on arrival
/// (App_Plugins/ZaitakuSecurity). API users (client credentials) have no second factor and are not concerned.
/// </summary>
public sealed class TwoFactorRequirementFilter(IBackOfficeSecurityAccessor security, TwoFactorRequirement requirement) : IAsyncActionFilter
{
    private static readonly string[] AllowedNamespaces =
    [
        "Umbraco.Cms.Api.Management.Controllers.User.Current",
        "Umbraco.Cms.Api.Management.Controllers.Security",
        "Umbraco.Cms.Api.Management.Controllers.Server",
        "Umbraco.Cms.Api.Management.Controllers.Manifest",
        "Umbraco.Cms.Api.Management.Controllers.Culture",
        "Umbraco.Cms.Api.Management.Controllers.Profiling",
        typeof(TwoFactorStatusController).Namespace!,
    ];

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var ns = context.Controller.GetType().Namespace ?? "";
        if (context.Controller is not ManagementApiControllerBase
            || AllowedNamespaces.Any(a => ns.Equals(a, StringComparison.Ordinal) || ns.StartsWith(a + ".", StringComparison.Ordinal))
            || security.BackOfficeSecurity?.CurrentUser is not { } user
            || !await requirement.MustSetUpAsync(user))
        {
            await next();
            return;
        }
        context.Result = new ObjectResult(new ProblemDetails
        {
            Title = TwoFactorRequirement.Title,
            Detail = TwoFactorRequirement.Detail,
            Status = StatusCodes.Status403Forbidden,
            Type = "Error",
            Extensions = { ["operationStatus"] = "TwoFactorRequired" },
        })
        { StatusCode = StatusCodes.Status403Forbidden, ContentTypes = { "application/problem+json" } };
    }
}

/// <summary>The answer of <c>GET /umbraco/management/api/v1/zaitaku/security/two-factor</c>.</summary>
public sealed record TwoFactorStatus(bool Required, bool Enabled, string Title, string Detail);

/// <summary>Tells the backoffice whether the current user must turn two-factor sign-in on (our entry point asks).</summary>
[ApiVersion("1.0")]
[VersionedApiBackOfficeRoute("zaitaku/security")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class TwoFactorStatusController(IBackOfficeSecurityAccessor security, TwoFactorRequirement requirement, ITwoFactorLoginService twoFactor)
    : ManagementApiControllerBase
{
    [HttpGet("two-factor")]
    [ProducesResponseType<TwoFactorStatus>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get()
    {
        if (security.BackOfficeSecurity?.CurrentUser is not { } user) return Unauthorized();
        return Ok(new TwoFactorStatus(requirement.AppliesTo(user), await twoFactor.IsTwoFactorEnabledAsync(user.Key),
            TwoFactorRequirement.Title, TwoFactorRequirement.Detail));
    }
}
