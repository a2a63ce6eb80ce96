using Microsoft.AspNetCore.Identity;
using Umbraco.Cms.Core.Security;
using Zaitaku.Core.Accounts;

namespace Zaitaku.Web.Security;

/// <summary>
/// Our common-password rules (Openwall's list and its disguises, keyboard and kana runs: <see cref="CommonPasswords"/>)
/// for backoffice passwords, beside Umbraco's own length rule (Umbraco:CMS:Security:UserPassword:RequiredLength 12).
/// Umbraco's user manager runs every IPasswordValidator of BackOfficeIdentityUser: on a user's own change, an
/// administrator's change and a reset. The message is ours, in Japanese.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<BackOfficeIdentityUser>
{
    public const string Code = "CommonPassword";

    public Task<IdentityResult> ValidateAsync(UserManager<BackOfficeIdentityUser> manager, BackOfficeIdentityUser user, string? password) =>
        Task.FromResult(CommonPasswords.Problem(password, user.Email) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = Code, Description = problem })
            : IdentityResult.Success);
}
