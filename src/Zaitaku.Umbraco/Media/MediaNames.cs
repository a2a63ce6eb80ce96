using System.Globalization;

namespace Zaitaku.Web.Media;

/// <summary>
/// Names a person reads: a media item's name and the name its file is offered under. Invisible characters are
/// refused, not quietly taken out: a right-to-left override turns 「資料」 + U+202E + "fdp.exe" into what looks like
/// 資料exe.pdf, and an editor should see the name that is stored.
/// </summary>
public static class MediaNames
{
    /// <returns>Why the name cannot be used, for the editor, or null when it can.</returns>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return null;
        foreach (var c in name)
        {
            if (char.IsControl(c))
                return $"ファイル名や名前に、見えない制御文字（U+{(int)c:X4}）が含まれています。名前を付け直してから登録してください。";
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format)
                return $"ファイル名や名前に、文字の向きや表示を変える見えない文字（U+{(int)c:X4}）が含まれています。見た目と違う名前に見せかけられるため、名前を付け直してから登録してください。";
        }
        return null;
    }
}
