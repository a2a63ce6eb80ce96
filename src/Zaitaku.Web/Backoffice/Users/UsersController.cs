using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Web.Backoffice.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Users;

/// <summary>Accounts and user groups, for the secretariat's administrators only.</summary>
[Route("umbraco/users")]
[Authorize(Policy = BackofficeSetup.AdministratorsPolicy)]
[RequireTwoFactorWhenMandatory]
[AutoValidateAntiforgeryToken]
public sealed class UsersController(
    UserManager<EditorUser> users, IPublishedCache cache, AuditTrail audit, TwoFactorPolicy twoFactor, TimeProvider clock) : Controller
{
    public sealed record UserRow(EditorUser User, string Group, string? Association, bool LockedOut);
    public sealed record UserListModel(IReadOnlyList<UserRow> Users, bool TwoFactorRequired);

    [HttpGet("")]
    public async Task<IActionResult> UserList()
    {
        var rows = new List<UserRow>();
        var now = clock.GetUtcNow();
        foreach (var user in await users.Users.OrderBy(u => u.Email).ToListAsync())
        {
            var group = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
            var association = user.AssociationKey is { } key ? cache.Current.GetByKey(key)?.Name : null;
            rows.Add(new UserRow(user, UserGroups.DisplayName(group), association, user.LockoutEnd > now));
        }
        return View(new UserListModel(rows, await twoFactor.IsRequiredAsync()));
    }

    public sealed class CreateForm : AccountFields, IValidatableObject
    {
        [Display(Name = "グループ")]
        [Required(ErrorMessage = "グループを選んでください。")]
        public string Group { get; set; } = UserGroups.AssociationEditors;

        [Display(Name = "担当の団体")]
        public Guid? AssociationKey { get; set; }

        [Display(Name = "最初のパスワード")]
        [Required(ErrorMessage = "最初のパスワードを入力してください。")]
        public string Password { get; set; } = "";

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (!UserGroups.All.Contains(Group))
                yield return new ValidationResult("グループを選んでください。", [nameof(Group)]);
            if (Group == UserGroups.AssociationEditors && AssociationKey is null)
                yield return new ValidationResult("職能団体の編集者には、担当の団体を選んでください。", [nameof(AssociationKey)]);
        }
    }

    [HttpGet("create")]
    public IActionResult UserCreate() => View(WithChoices(new CreateForm()));

    [HttpPost("create")]
    public async Task<IActionResult> UserCreate(CreateForm form)
    {
        if (form.AssociationKey is { } key && cache.Current.GetByKey(key)?.Is("association") != true)
            ModelState.AddModelError(nameof(CreateForm.AssociationKey), "担当の団体を一覧から選んでください。");
        if (ModelState.IsValid)
        {
            var user = new EditorUser
            {
                UserName = form.Email.Trim(), Email = form.Email.Trim(), DisplayName = form.DisplayName.Trim(), EmailConfirmed = true,
                AssociationKey = form.Group == UserGroups.AssociationEditors ? form.AssociationKey : null,
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(user, form.Password);
            if (result.Succeeded)
            {
                await users.AddToRoleAsync(user, form.Group);
                await audit.RecordAsync("user.create", user.Email, UserGroups.DisplayName(form.Group));
                TempData["Message"] = $"{user.DisplayName} さん（{user.Email}）を登録しました。最初のパスワードは本人に直接お伝えください。";
                return RedirectToAction(nameof(UserList));
            }
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code.Contains("Email") || error.Code.Contains("UserName") ? nameof(CreateForm.Email) : nameof(CreateForm.Password), error.Description);
        }
        form.Password = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(WithChoices(form));
    }

    [HttpPost("{id}/unlock")]
    public async Task<IActionResult> Unlock(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync("user.unlock", user.Email);
        TempData["Message"] = $"{user.DisplayName} さんのロックを解除しました。";
        return RedirectToAction(nameof(UserList));
    }

    [HttpPost("require-2fa")]
    public async Task<IActionResult> RequireTwoFactor(bool required)
    {
        await twoFactor.SetRequiredAsync(required);
        await audit.RecordAsync("account.2fa-required", detail: required ? "必須にした" : "任意にした");
        TempData["Message"] = required
            ? "二要素認証を必須にしました。まだ設定していない人は、次の操作のときに設定の画面へ案内されます。"
            : "二要素認証を任意にしました。";
        return RedirectToAction(nameof(UserList));
    }

    private CreateForm WithChoices(CreateForm form)
    {
        ViewData["Associations"] = cache.Current.OfType("association").OrderBy(a => a.SortOrder).Select(a => (a.Key, a.Name)).ToList();
        return form;
    }
}
