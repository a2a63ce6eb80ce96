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
    InstallService install, SignInManager<EditorUser> signIn, UserManager<EditorUser> users, AuditTrail audit, SignInGuard guard) : Controller
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

    /// <summary>
    /// One answer for every failure: an unknown address, a wrong password, a locked account and a
    /// stopped one all read 「メールアドレスまたはパスワードが違います…」 and cost the same hashing, so
    /// nobody learns which addresses have accounts. A locked or stopped account is not told so even
    /// with the right password: checking it would let guessing go on through the lockout, and the
    /// secretariat, who stops accounts, tells the person. Each failure counts against the client's
    /// address (<see cref="SignInGuard"/>).
    /// </summary>
    [HttpPost("login"), AllowAnonymous]
    public async Task<IActionResult> Login(LoginForm form)
    {
        if (!ModelState.IsValid) return FormError(form);
        var address = SignInGuard.AddressOf(HttpContext);
        if (guard.WaitFor(address) is { } wait) return TooManyFailures(form, wait);
        var user = await users.FindByEmailAsync(form.Email.Trim());
        Microsoft.AspNetCore.Identity.SignInResult result;
        var alreadyLocked = user is not null && await users.IsLockedOutAsync(user);
        if (user is null || alreadyLocked)
        {
            guard.SpendEqualWork(form.Password);
            result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }
        else result = await signIn.PasswordSignInAsync(user, form.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await audit.RecordAsync("account.login", userId: user!.Id, userName: user.Email);
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }
        if (result.RequiresTwoFactor) return RedirectToAction(nameof(LoginTwoFactor), new { returnUrl = form.ReturnUrl });
        guard.Failed(address);
        // The failure that locks the account is a lockout; tries on an account already locked are failures.
        await audit.RecordAsync(result.IsLockedOut && !alreadyLocked ? "account.lockout" : "account.login-failed",
            detail: alreadyLocked ? "locked" : null, userId: user?.Id, userName: form.Email);
        ModelState.AddModelError("", SignInFailed);
        form.Password = "";
        return FormError(form);
    }

    public const string SignInFailed =
        "メールアドレスまたはパスワードが違います。続けて5回間違えたアカウントは、15分間ロックされています。時間をおいてお試しになるか、事務局にご連絡ください。";

    private IActionResult TooManyFailures(object form, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, wait.TotalSeconds));
        Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        ModelState.AddModelError("", seconds < 60
            ? $"この端末からのログインの失敗が続いたため、しばらくお待ちください。{seconds}秒ほどたってから、もう一度お試しください。"
            : $"この端末からのログインの失敗が続いたため、しばらくお待ちください。{(seconds + 59) / 60}分ほどたってから、もう一度お試しください。");
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (form is LoginForm login) login.Password = "";
        return View(form);
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
        var address = SignInGuard.AddressOf(HttpContext);
        if (guard.WaitFor(address) is { } wait) return TooManyFailures(form, wait);
        var code = new string(form.Code.Where(char.IsDigit).ToArray());
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (!result.Succeeded) guard.Failed(address);
        if (result.Succeeded)
        {
            await audit.RecordAsync("account.login", detail: "two-factor", userId: user.Id, userName: user.Email);
            return LocalRedirect(SafeReturnUrl(form.ReturnUrl));
        }
        await audit.RecordAsync(result.IsLockedOut ? "account.lockout" : "account.login-failed", detail: "two-factor", userId: user.Id, userName: user.Email);
        ModelState.AddModelError(nameof(TwoFactorForm.Code), result.IsLockedOut
            ? "続けて失敗したため、このアカウントは15分間ロックされています。"
            : "確認コードが違います。認証アプリの最新のコードを入力してください（一度使ったコードは使えません）。");
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
