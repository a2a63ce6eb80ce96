using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Web.Backoffice.Audit;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>Creates the first administrator. No default password ships: this is the only way in.</summary>
public sealed class InstallService(UserManager<EditorUser> users, RoleManager<IdentityRole> roles, AuditTrail audit, TimeProvider clock)
{
    public Task<bool> IsInstalledAsync(CancellationToken ct = default) => users.Users.AnyAsync(ct);

    public async Task<IdentityResult> CreateFirstAdministratorAsync(string email, string displayName, string password, string how)
    {
        if (await IsInstalledAsync())
            return IdentityResult.Failed(new IdentityError { Code = "Installed", Description = "すでに管理者が登録されています。" });
        foreach (var group in UserGroups.All)
            if (!await roles.RoleExistsAsync(group)) await roles.CreateAsync(new IdentityRole(group));

        var user = new EditorUser { UserName = email, Email = email, DisplayName = displayName, CreatedUtc = clock.GetUtcNow().UtcDateTime, EmailConfirmed = true };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) return result;
        await users.AddToRoleAsync(user, UserGroups.Administrators);
        await audit.RecordAsync("account.install", email, how, user.Id, email);
        return result;
    }
}
