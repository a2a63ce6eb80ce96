using System.ComponentModel.DataAnnotations;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using QRCoder;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>Two-factor sign-in with an authenticator app (TOTP).</summary>
[Route("umbraco/account/authenticator")]
[Authorize(Policy = BackofficeSetup.EditorsPolicy)]
[AutoValidateAntiforgeryToken]
public sealed class AuthenticatorController(UserManager<EditorUser> users, SignInManager<EditorUser> signIn, AuditTrail audit,
    TwoFactorPolicy policy, SignInGuard guard) : Controller
{
    public sealed class SetupModel
    {
        public bool Enabled { get; set; }
        /// <summary>Administrators have made two-factor sign-in mandatory: it cannot be turned off.</summary>
        public bool Mandatory { get; set; }

        [Display(Name = "いまのパスワード、または確認コード（6けた）")]
        public string Confirmation { get; set; } = "";
        public string SharedKey { get; set; } = "";
        public string QrSvg { get; set; } = "";

        [Display(Name = "確認コード（6けた）")]
        [Required(ErrorMessage = "認証アプリに表示された6けたの確認コードを入力してください。")]
        [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "確認コードは6けたの数字です。")]
        public string Code { get; set; } = "";
    }

    [HttpGet("")]
    public async Task<IActionResult> Authenticator()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        return View(await BuildAsync(user));
    }

    [HttpPost("")]
    public async Task<IActionResult> Authenticator(SetupModel form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (ModelState.IsValid)
        {
            var code = new string(form.Code.Where(char.IsDigit).ToArray());
            if (await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
            {
                await users.SetTwoFactorEnabledAsync(user, true);
                await audit.RecordAsync("account.2fa-enabled");
                await signIn.RefreshSignInAsync(user);
                TempData["Message"] = "二要素認証を有効にしました。次回から、ログインのときに確認コードを入力します。";
                return RedirectToAction(nameof(Authenticator));
            }
            ModelState.AddModelError(nameof(SetupModel.Code), "確認コードが違います。認証アプリの最新のコードを入力してください。");
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(await BuildAsync(user));
    }

    /// <summary>
    /// Turning two-factor sign-in off needs the password or a current code again, so a session left
    /// open (or taken over) cannot quietly weaken the account; while it is mandatory, it cannot be done.
    /// </summary>
    [HttpPost("disable")]
    public async Task<IActionResult> Disable([FromForm] string? confirmation)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        ModelState.Clear();
        var address = SignInGuard.AddressOf(HttpContext);
        if (await policy.IsRequiredAsync())
            ModelState.AddModelError("", "管理者の設定により二要素認証は必須のため、無効にできません。");
        else if (!user.TwoFactorEnabled)
            return RedirectToAction(nameof(Authenticator));
        else if (guard.WaitFor(address) is not null)
            ModelState.AddModelError(nameof(SetupModel.Confirmation), "確認の失敗が続いたため、しばらく待ってからお試しください。");
        else if (string.IsNullOrWhiteSpace(confirmation))
            ModelState.AddModelError(nameof(SetupModel.Confirmation), "無効にするには、いまのパスワードか、認証アプリの確認コードを入力してください。");
        else if (!await ConfirmsAsync(user, confirmation.Trim()))
        {
            guard.Failed(address);
            await audit.RecordAsync("account.2fa-disable-refused");
            ModelState.AddModelError(nameof(SetupModel.Confirmation), "パスワードまたは確認コードが違います。");
        }
        else
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await audit.RecordAsync("account.2fa-disabled");
            await signIn.RefreshSignInAsync(user);
            TempData["Message"] = "二要素認証を無効にしました。";
            return RedirectToAction(nameof(Authenticator));
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(nameof(Authenticator), await BuildAsync(user));
    }

    // A password has 12 characters or more, so six digits can only be a code.
    private async Task<bool> ConfirmsAsync(EditorUser user, string typed)
    {
        var digits = new string(typed.Where(char.IsAsciiDigit).ToArray());
        return typed.Length <= 7 && digits.Length == 6
            ? await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits)
            : await users.CheckPasswordAsync(user, typed);
    }

    private async Task<SetupModel> BuildAsync(EditorUser user)
    {
        if (user.TwoFactorEnabled) return new SetupModel { Enabled = true, Mandatory = await policy.IsRequiredAsync() };
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Zaitaku.Web")}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={Uri.EscapeDataString("Zaitaku.Web")}&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(qr).GetGraphic(5);
        return new SetupModel { SharedKey = FormatKey(key!), QrSvg = svg };
    }

    // Groups of four, as authenticator apps show them, so the key can be typed by hand.
    private static string FormatKey(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4) result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        return result.ToString().TrimEnd().ToLowerInvariant();
    }
}
