using Microsoft.AspNetCore.Identity;
using Zaitaku.Infrastructure.Accounts;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>
/// OWASP ASVS 5.0 password rules beyond length: no composition rules, but passwords that are known
/// to be common, made of one repeated character or a straight run of a keyboard or number row, or
/// that contain the account's own e-mail name or the site's names, are refused.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<EditorUser>
{
    public const int MaximumLength = 256;
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    private static readonly string[] Runs =
        ["1234567890", "0987654321", "qwertyuiop", "asdfghjkl", "zxcvbnm", "abcdefghijklmnopqrstuvwxyz"];

    private static readonly string[] SiteWords = ["zaitaku", "yamatokoriyama", "koriyama", "umbraco", "password", "passw0rd"];

    private static HashSet<string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Backoffice", "Accounts", "common-passwords.txt");
        return File.ReadLines(path).Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
    }

    public Task<IdentityResult> ValidateAsync(UserManager<EditorUser> manager, EditorUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success); // length is checked by Identity
        var lower = password.Normalize(System.Text.NormalizationForm.FormKC).ToLowerInvariant();
        string? problem = null;
        if (password.Length > MaximumLength) problem = $"パスワードは{MaximumLength}文字以内にしてください。";
        else if (Common.Value.Contains(lower)) problem = "よく使われているパスワードのため使えません。ほかの人が思いつかない言葉を組み合わせてください。";
        else if (lower.Distinct().Count() <= 2) problem = "同じ文字のくり返しに近いパスワードは使えません。";
        else if (IsRun(lower)) problem = "キーボードや数字の並びそのままのパスワードは使えません。";
        else if (SiteWords.Any(w => lower.Contains(w)) && lower.Length - SiteWords.Where(lower.Contains).Max(w => w.Length) < 6)
            problem = "サイト名や「password」を中心にしたパスワードは使えません。";
        else if (user.Email is { } email && email.Split('@')[0] is { Length: >= 4 } local && lower.Contains(local.ToLowerInvariant()))
            problem = "メールアドレスを含むパスワードは使えません。";
        return Task.FromResult(problem is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = problem }));
    }

    private static bool IsRun(string password)
    {
        var compact = new string(password.Where(char.IsLetterOrDigit).ToArray());
        if (compact.Length < 8) return false;
        return Runs.Any(run => IsPieceOf(compact, run) || IsPieceOf(compact, new string(run.Reverse().ToArray())));
    }

    // True when the password is a stretch of the run, repeated as needed (e.g. "123456789012").
    private static bool IsPieceOf(string password, string run)
    {
        var start = run.IndexOf(password[0]);
        if (start < 0) return false;
        for (var i = 0; i < password.Length; i++)
            if (password[i] != run[(start + i) % run.Length]) return false;
        return true;
    }
}
