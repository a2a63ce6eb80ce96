using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>Whether administrators have made two-factor sign-in mandatory for every account.</summary>
public sealed class TwoFactorPolicy(ZaitakuDbContext db)
{
    public async Task<bool> IsRequiredAsync(CancellationToken ct = default) =>
        await db.BackofficeSettings.AnyAsync(s => s.Key == BackofficeSetting.RequireTwoFactor && s.Value == "true", ct);

    public async Task SetRequiredAsync(bool required, CancellationToken ct = default)
    {
        var setting = await db.BackofficeSettings.FindAsync([BackofficeSetting.RequireTwoFactor], ct);
        if (setting is null) db.BackofficeSettings.Add(setting = new BackofficeSetting { Key = BackofficeSetting.RequireTwoFactor });
        setting.Value = required ? "true" : "false";
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// When two-factor sign-in is mandatory, a signed-in account without it can only reach the page
/// that sets it up (and log out) until it has done so.
/// </summary>
public sealed class RequireTwoFactorFilter(TwoFactorPolicy policy, UserManager<EditorUser> users) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (context.Controller is AuthenticatorController or AccountController or PasswordController
            || context.HttpContext.User.Identity?.IsAuthenticated != true
            || !await policy.IsRequiredAsync())
        {
            await next();
            return;
        }
        var user = await users.GetUserAsync(context.HttpContext.User);
        if (user is not null && !user.TwoFactorEnabled)
        {
            context.HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionaryFactory>()
                .GetTempData(context.HttpContext)["Message"] = "管理者の設定により、二要素認証の設定が必要です。設定すると、ほかの画面を使えるようになります。";
            context.Result = new RedirectResult(BackofficeSetup.BasePath + "/account/authenticator");
            return;
        }
        await next();
    }
}

/// <summary>Marks a backoffice controller whose pages need two-factor sign-in when it is mandatory.</summary>
public sealed class RequireTwoFactorWhenMandatoryAttribute() : TypeFilterAttribute(typeof(RequireTwoFactorFilter));
