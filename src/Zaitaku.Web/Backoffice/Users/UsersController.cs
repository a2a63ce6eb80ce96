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
public sealed class UsersController(
    UserManager<EditorUser> users, IPublishedCache cache, AuditTrail audit, TwoFactorPolicy twoFactor, TimeProvider clock,
    Zaitaku.Infrastructure.Data.ZaitakuDbContext db) : BackofficeController
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
        var user = new EditorUser
        {
            UserName = (form.Email ?? "").Trim(), Email = (form.Email ?? "").Trim(), DisplayName = (form.DisplayName ?? "").Trim(), EmailConfirmed = true,
            AssociationKey = form.Group == UserGroups.AssociationEditors ? form.AssociationKey : null,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        await CheckAllAsync(form, user, form.Password, nameof(CreateForm.Password), checkAccount: true);
        if (ModelState.IsValid)
        {
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

    /// <summary>
    /// Everything wrong with the form, reported at once: MVC checks a form's own rules only after every field
    /// passed, and Identity checks the address and the password only on saving.
    /// </summary>
    private async Task CheckAllAsync(IValidatableObject form, EditorUser user, string? password, string passwordField, bool checkAccount)
    {
        void Add(string key, string message)
        {
            if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Any(e => e.ErrorMessage == message)) return;
            ModelState.AddModelError(key, message);
        }
        foreach (var result in form.Validate(new ValidationContext(form)))
            foreach (var member in result.MemberNames) Add(member, result.ErrorMessage!);
        if (checkAccount && !string.IsNullOrWhiteSpace(user.Email)
            && (!ModelState.TryGetValue(nameof(AccountFields.Email), out var email) || email.Errors.Count == 0))
        {
            foreach (var validator in users.UserValidators)
                foreach (var error in (await validator.ValidateAsync(users, user)).Errors)
                    Add(nameof(AccountFields.Email), error.Description);
        }
        if (!string.IsNullOrEmpty(password))
        {
            foreach (var validator in users.PasswordValidators)
                foreach (var error in (await validator.ValidateAsync(users, user, password)).Errors)
                    Add(passwordField, error.Description);
        }
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

    public sealed class EditForm : IValidatableObject
    {
        [Display(Name = "お名前")]
        [Required(ErrorMessage = "お名前を入力してください。")]
        [StringLength(100, ErrorMessage = "お名前は100文字以内にしてください。")]
        public string DisplayName { get; set; } = "";

        [Display(Name = "グループ")]
        [Required(ErrorMessage = "グループを選んでください。")]
        public string Group { get; set; } = UserGroups.AssociationEditors;

        [Display(Name = "担当の団体")]
        public Guid? AssociationKey { get; set; }

        [Display(Name = "利用を止める")]
        public bool Disabled { get; set; }

        [Display(Name = "新しいパスワード（変えるときだけ）")]
        public string? NewPassword { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (!UserGroups.All.Contains(Group))
                yield return new ValidationResult("グループを選んでください。", [nameof(Group)]);
            if (Group == UserGroups.AssociationEditors && AssociationKey is null)
                yield return new ValidationResult("職能団体の編集者には、担当の団体を選んでください。", [nameof(AssociationKey)]);
        }
    }

    public sealed record EditModel(EditorUser User, EditForm Form, bool IsSelf);

    [HttpGet("{id}")]
    public async Task<IActionResult> UserEdit(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        var form = FormFor(user, (await users.GetRolesAsync(user)).FirstOrDefault() ?? "");
        return View(WithChoices(new EditModel(user, form, IsSelf(user))));
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> UserEdit(string id, EditForm form)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        var group = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        if (form.AssociationKey is { } key && form.Group == UserGroups.AssociationEditors && cache.Current.GetByKey(key)?.Is("association") != true)
            ModelState.AddModelError(nameof(EditForm.AssociationKey), "担当の団体を一覧から選んでください。");
        // Nobody locks themselves out, and the site always keeps an administrator who can sign in.
        if (IsSelf(user) && (form.Group != group || form.Disabled))
            ModelState.AddModelError(nameof(EditForm.Group), "ご自分のグループを変えたり、ご自分の利用を止めたりはできません。ほかの管理者に頼んでください。");
        else if (group == UserGroups.Administrators && (form.Group != group || form.Disabled) && await ActiveAdministratorsAsync() <= 1)
            ModelState.AddModelError(nameof(EditForm.Group), "管理者がいなくなるため、変えられません。先にほかの人を管理者にしてください。");
        await CheckAllAsync(form, user, form.NewPassword, nameof(EditForm.NewPassword), checkAccount: false);
        if (ModelState.IsValid && !string.IsNullOrEmpty(form.NewPassword))
        {
            var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), form.NewPassword);
            foreach (var error in reset.Errors) ModelState.AddModelError(nameof(EditForm.NewPassword), error.Description);
            if (reset.Succeeded) await audit.RecordAsync("user.password-reset", user.Email);
        }
        if (!ModelState.IsValid)
        {
            form.NewPassword = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(WithChoices(new EditModel(user, form, IsSelf(user))));
        }

        var wasDisabled = user.LockoutEnd == DateTimeOffset.MaxValue;
        user.DisplayName = form.DisplayName.Trim();
        user.AssociationKey = form.Group == UserGroups.AssociationEditors ? form.AssociationKey : null;
        user.LockoutEnd = form.Disabled ? DateTimeOffset.MaxValue : wasDisabled ? null : user.LockoutEnd;
        await users.UpdateAsync(user);
        if (form.Group != group)
        {
            if (group.Length > 0) await users.RemoveFromRoleAsync(user, group);
            await users.AddToRoleAsync(user, form.Group);
        }
        var changes = new List<string>();
        if (form.Group != group) changes.Add($"グループ：{UserGroups.DisplayName(group)} → {UserGroups.DisplayName(form.Group)}");
        if (form.Disabled != wasDisabled) changes.Add(form.Disabled ? "利用を停止" : "利用を再開");
        // A new group, a stop or a new password takes effect at once: the person's open sessions end.
        if (form.Group != group || form.Disabled || !string.IsNullOrEmpty(form.NewPassword)) await EndSessionsAsync(user);
        await audit.RecordAsync("user.update", user.Email, changes.Count > 0 ? string.Join("／", changes) : null);
        TempData["Message"] = $"{user.DisplayName} さんの設定を保存しました。";
        return RedirectToAction(nameof(UserList));
    }

    [HttpPost("{id}/delete")]
    public async Task<IActionResult> Delete(string id)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null) return NotFound();
        var group = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        string? refusal = IsSelf(user) ? "ご自分は削除できません。ほかの管理者に頼んでください。"
            : group == UserGroups.Administrators && await ActiveAdministratorsAsync() <= 1 ? "管理者がいなくなるため、削除できません。"
            : null;
        if (refusal is not null)
        {
            ModelState.AddModelError(nameof(EditForm.Group), refusal);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(nameof(UserEdit), WithChoices(new EditModel(user, FormFor(user, group), IsSelf(user))));
        }
        await users.DeleteAsync(user); // the person's sessions go with the account (cascade)
        await audit.RecordAsync("user.delete", user.Email, UserGroups.DisplayName(group));
        TempData["Message"] = $"{user.DisplayName} さん（{user.Email}）を削除しました。操作の記録は残ります。";
        return RedirectToAction(nameof(UserList));
    }

    /// <summary>The settings form filled in from the stored account.</summary>
    private static EditForm FormFor(EditorUser user, string group) => new()
    {
        DisplayName = user.DisplayName, Group = group, AssociationKey = user.AssociationKey,
        Disabled = user.LockoutEnd == DateTimeOffset.MaxValue,
    };

    private bool IsSelf(EditorUser user) => user.Id == users.GetUserId(User);

    private async Task<int> ActiveAdministratorsAsync() =>
        (await users.GetUsersInRoleAsync(UserGroups.Administrators)).Count(u => u.LockoutEnd != DateTimeOffset.MaxValue);

    private Task EndSessionsAsync(EditorUser user) =>
        db.BackofficeSessions.Where(s => s.UserId == user.Id).ExecuteDeleteAsync();

    private T WithChoices<T>(T model)
    {
        ViewData["Associations"] = cache.Current.OfType("association").OrderBy(a => a.SortOrder).Select(a => (a.Key, a.Name)).ToList();
        return model;
    }
}
