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
public sealed class AuthenticatorController(UserManager<EditorUser> users, SignInManager<EditorUser> signIn, AuditTrail audit) : Controller
{
    public sealed class SetupModel
    {
        public bool Enabled { get; set; }
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

    [HttpPost("disable")]
    public async Task<IActionResult> Disable()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync("account.2fa-disabled");
        await signIn.RefreshSignInAsync(user);
        TempData["Message"] = "二要素認証を無効にしました。";
        return RedirectToAction(nameof(Authenticator));
    }

    private async Task<SetupModel> BuildAsync(EditorUser user)
    {
        if (user.TwoFactorEnabled) return new SetupModel { Enabled = true };
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
