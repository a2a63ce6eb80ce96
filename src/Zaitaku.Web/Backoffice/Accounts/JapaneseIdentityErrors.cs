using Microsoft.AspNetCore.Identity;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>Identity's messages in Japanese, as editors read them beside the field.</summary>
public sealed class JapaneseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = $"パスワードは{length}文字以上にしてください。覚えやすい言葉をいくつか並べると、長くても覚えやすくなります。" };
    public override IdentityError DuplicateEmail(string email) => new() { Code = nameof(DuplicateEmail), Description = $"{email} はすでに登録されています。" };
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = $"{userName} はすでに登録されています。" };
    public override IdentityError InvalidEmail(string? email) => new() { Code = nameof(InvalidEmail), Description = "メールアドレスの形が正しくありません。" };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = "メールアドレスに使えない文字が含まれています。" };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = "現在のパスワードが違います。" };
    public override IdentityError InvalidToken() => new() { Code = nameof(InvalidToken), Description = "確認コードが正しくないか、期限が切れています。" };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = "処理できませんでした。もう一度お試しください。" };
}
