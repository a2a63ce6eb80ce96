using System.ComponentModel.DataAnnotations;

namespace Zaitaku.Web.Backoffice.Accounts;

/// <summary>The fields every account form asks for, with their Japanese messages.</summary>
public abstract class AccountFields
{
    [Display(Name = "お名前")]
    [Required(ErrorMessage = "お名前を入力してください。")]
    [StringLength(100, ErrorMessage = "お名前は100文字以内にしてください。")]
    public string DisplayName { get; set; } = "";

    [Display(Name = "メールアドレス")]
    [Required(ErrorMessage = "メールアドレスを入力してください。")]
    [EmailAddress(ErrorMessage = "メールアドレスの形が正しくありません。")]
    public string Email { get; set; } = "";
}
