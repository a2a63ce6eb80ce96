using Microsoft.EntityFrameworkCore;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>
/// The display names behind the user names (e-mail addresses) stored with versions, review requests
/// and the board, so that people read 「山田 花子」 rather than an address. Read once per request.
/// </summary>
public sealed class PeopleNames(ZaitakuDbContext db)
{
    /// <summary>Who wrote the content that came with the installation.</summary>
    public const string SeedUser = "content-seed";

    private Dictionary<string, string>? _names;

    public async Task<string> OfAsync(string? userName)
    {
        if (string.IsNullOrEmpty(userName)) return "―";
        if (userName == SeedUser) return "初期データ";
        _names ??= await db.Users.AsNoTracking().Where(u => u.UserName != null)
            .ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, StringComparer.OrdinalIgnoreCase);
        // A deleted account keeps the name it was stored under: that is all that is known of it.
        return _names.TryGetValue(userName, out var name) && name.Length > 0 ? name : userName;
    }
}
