using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>Changing one's own password: the first thing a new account does with the password the secretariat gave.</summary>
[Route("umbraco/account/password")]
[Authorize(Policy = BackofficeSetup.EditorsPolicy)]
[AutoValidateAntiforgeryToken]
public sealed class PasswordController(UserManager<EditorUser> users, SignInManager<EditorUser> signIn, AuditTrail audit,
    DbTicketStore sessions) : Controller
{
    public sealed class PasswordForm
    {
        [Display(Name = "いまのパスワード")]
        [Required(ErrorMessage = "いまのパスワードを入力してください。")]
        public string CurrentPassword { get; set; } = "";

        [Display(Name = "新しいパスワード")]
        [Required(ErrorMessage = "新しいパスワードを入力してください。")]
        public string NewPassword { get; set; } = "";
    }

    [HttpGet("")]
    public IActionResult ChangePassword() => View(new PasswordForm());

    [HttpPost("")]
    public async Task<IActionResult> ChangePassword(PasswordForm form)
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return Challenge();
        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
            if (result.Succeeded)
            {
                await audit.RecordAsync("account.password-changed");
                // The security stamp changed: sign in again here so this session continues, and end
                // every other session now (a copied cookie, a forgotten browser), not at the next stamp check.
                await signIn.RefreshSignInAsync(user);
                await sessions.EndOtherSessionsAsync(user.Id, HttpContext);
                TempData["Message"] = "パスワードを変更しました。";
                return RedirectToAction("Dashboard", "Dashboard");
            }
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? nameof(PasswordForm.CurrentPassword) : nameof(PasswordForm.NewPassword), error.Description);
        }
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(new PasswordForm());
    }
}
