using Microsoft.AspNetCore.Identity;
using Zaitaku.Core.Accounts;
using Zaitaku.Infrastructure.Accounts;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>
/// OWASP ASVS 5.0 password rules beyond length (6.2.4, 6.2.11): no composition rules, but a password
/// is refused when it is, or is merely dressed up from, something an attacker tries first:
/// <list type="bullet">
/// <item>one of the 3,546 most common passwords (Openwall's password.lst, <c>openwall-password.lst</c>)
/// or of our own longer ones (<c>common-passwords.txt</c>), both in Zaitaku.Core;</item>
/// <item>the same after undoing the usual disguises: capitals, look-alike symbols (P@ssw0rd),
/// digits or symbols added before or after (admin1234567), separators (pass-word);</item>
/// <item>one character repeated, a short piece repeated (abc123abc123), a run along a keyboard
/// or number row, which may carry on to the next row (qwertyuiopas);</item>
/// <item>the site's own names or the account's e-mail name, alone or with digits and symbols
/// (zaitaku-12345).</item>
/// </list>
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<EditorUser>
{
    // The rules and the lists are shared with the Umbraco site: Zaitaku.Core.Accounts.CommonPasswords.
    public const int MaximumLength = CommonPasswords.MaximumLength;

    /// <summary>How many passwords the lists hold (the tests check the list is really there).</summary>
    public static int ListedCount => CommonPasswords.ListedCount;

    public Task<IdentityResult> ValidateAsync(UserManager<EditorUser> manager, EditorUser user, string? password) =>
        Task.FromResult(Problem(password, user.Email) is { } problem
            ? IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = problem })
            : IdentityResult.Success);

    /// <summary>Why the password is refused, in Japanese, or null when it is acceptable.</summary>
    public static string? Problem(string? password, string? email) => CommonPasswords.Problem(password, email);
}
