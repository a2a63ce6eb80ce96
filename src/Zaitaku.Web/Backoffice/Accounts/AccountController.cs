using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>Install, sign in (with two-factor), sign out.</summary>
[Route("umbraco")]
[AutoValidateAntiforgeryToken]
public sealed class AccountController(
    InstallService install, SignInManager<EditorUser> signIn, UserManager<EditorUser> users, AuditTrail audit) : Controller
{
    public sealed class InstallForm : AccountFields
    {
        [Display(Name = "パスワード")]
        [Required(ErrorMessage = "パスワードを入力してください。")]
        public string Password { get; set; } = "";
    }

    [HttpGet("install"), AllowAnonymous]
    public async Task<IActionResult> Install() =>
        await install.IsInstalledAsync() ? NotFound() : View(new InstallForm());

    [HttpPost("install"), AllowAnonymous]
    public async Task<IActionResult> Install(InstallForm form)
    {
        if (await install.IsInstalledAsync()) return NotFound();
        if (!ModelState.IsValid) return FormError(form);
        var result = await install.CreateFirstAdministratorAsync(form.Email.Trim(), form.DisplayName.Trim(), form.Password, "install page");
        if (!result.Succeeded)
        {
            AddErrors(result, nameof(InstallForm.Password));
            return FormError(form);
        }
        TempData["Message"] = "管理者を登録しました。登録したメールアドレスとパスワードでログインしてください。";
        return RedirectToAction(nameof(Login));
    }

    public sealed class LoginForm
    {
        [Display(Name = "メールアドレス")]
        [Required(ErrorMessage = "メールアドレスを入力してください。")]
        public string Email { get; set; } = "";

        [Display(Name = "パスワード")]
        [Required(ErrorMessage = "パスワードを入力してください。")]
        public string Password { get; set; } = "";

        public string? ReturnUrl { get; set; }
    }

    [HttpGet("login"), AllowAnonymous]
    public async Task<IActionResult> Login(string? returnUrl)
    {
        if (!await install.IsInstalledAsync()) return RedirectToAction(nameof(Install));
        return View(new LoginForm { ReturnUrl = returnUrl });
    }

    [HttpPost("login"), AllowAnonymous]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!ModelState.IsValid) return FormError(form);
        var user = await users.FindByEmailAsync(form.Email.Trim());
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync("account.login", userId: user!.Id, userName: user.Email);
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }
        if (result.RequiresTwoFactor) return RedirectToAction(nameof(LoginTwoFactor), new { returnUrl = form.ReturnUrl });
        if (result.IsLockedOut)
        {
            await audit.RecordAsync("account.lockout", userId: user?.Id, userName: form.Email);
            ModelState.AddModelError("", user?.LockoutEnd == DateTimeOffset.MaxValue
                ? "このアカウントは、管理者が利用を止めています。事務局にご連絡ください。"
                : "ログインに続けて失敗したため、このアカウントは15分間ロックされています。時間をおいてお試しになるか、事務局にご連絡ください。");
        }
        else
        {
            await audit.RecordAsync("account.login-failed", userId: user?.Id, userName: form.Email);
            // The same message whether the address exists or not, so accounts cannot be discovered.
            ModelState.AddModelError("", "メールアドレスまたはパスワードが違います。");
        }
        form.Password = "";
        return FormError(form);
    }

    public sealed class TwoFactorForm
    {
        [Display(Name = "確認コード（6けた）")]
        [Required(ErrorMessage = "認証アプリに表示されている6けたの確認コードを入力してください。")]
        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "確認コードは6けたの数字です。")]
        public string Code { get; set; } = "";

        public string? ReturnUrl { get; set; }
    }

    [HttpGet("login/2fa"), AllowAnonymous]
    public async Task<IActionResult> LoginTwoFactor(string? returnUrl) =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(Login))
            : View(new TwoFactorForm { ReturnUrl = returnUrl });

    [HttpPost("login/2fa"), AllowAnonymous]
    public async Task<IActionResult> LoginTwoFactor(TwoFactorForm form)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null) return RedirectToAction(nameof(Login));
        if (!ModelState.IsValid) return FormError(form);
        var code = new string(form.Code.Where(char.IsDigit).ToArray());
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            await audit.RecordAsync("account.login", detail: "two-factor", userId: user.Id, userName: user.Email);
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }
        await audit.RecordAsync(result.IsLockedOut ? "account.lockout" : "account.login-failed", detail: "two-factor", userId: user.Id, userName: user.Email);
        ModelState.AddModelError(nameof(TwoFactorForm.Code), result.IsLockedOut
            ? "続けて失敗したため、このアカウントは15分間ロックされています。"
            : "確認コードが違います。認証アプリの最新のコードを入力してください。");
        form.Code = "";
        return FormError(form);
    }

    [HttpPost("logout"), Authorize]
    public async Task<IActionResult> Logout()
    {
        await audit.RecordAsync("account.logout");
        // Signing out removes the server-side session (DbTicketStore): a copy of the cookie is worthless.
        await signIn.SignOutAsync();
        TempData["Message"] = "ログアウトしました。";
        return RedirectToAction(nameof(Login));
    }

    [HttpGet("denied"), Authorize]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    private IActionResult FormError(object form)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(form);
    }

    private void AddErrors(IdentityResult result, string field)
    {
        foreach (var error in result.Errors) ModelState.AddModelError(field, error.Description);
    }

    private string SafeReturnUrl(string? returnUrl) =>
        returnUrl is not null && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith(BackofficeSetup.BasePath, StringComparison.Ordinal)
            ? returnUrl : BackofficeSetup.BasePath;
}
