using System.Text.RegularExpressions;

namespace Zaitaku.Core.Rendering;

/// <summary>
/// Pieces of Japanese text that must stay on one line: a number with its unit (「24人」「3回」),
/// a date (「12月15日」「2024年」), a time (「10:00」) and a telephone number. Japanese text may break
/// between any two characters, so without this a narrow screen shows 「24」 at the end of one line
/// and 「人」 at the start of the next.
/// </summary>
public static partial class NoBreakText
{
    [GeneratedRegex(
        @"(?<![\d+])(?:\+81[-\s]?|0)\d{1,4}-\d{1,4}-\d{3,4}(?!\d)" +                       // telephone
        // 「令和6年（2024年）12月15日」 is three pieces, each kept whole; the whole would not fit a phone at 200%.
        @"|(?:令和|平成|昭和)?\d{1,4}年度?|\d{1,2}月\d{1,2}日|\d{1,2}[:：]\d{2}" +
        @"|(?<![A-Za-z])[RH]\d{1,2}(?:年度)?" +                                                      // R6, H28年度
        @"|\d[\d,，.．]*\s?(?:人|名|回|件|団体|か所|ヶ所|箇所|か月|ヶ月|日|時間|時|分|歳|%|％|円|部|号|ページ|倍|割|MB|KB|GB|枚|冊)")]
    public static partial Regex Pattern();

    /// <summary>The text cut into pieces: runs that may break anywhere, and runs to keep whole.</summary>
    public static IEnumerable<(string Text, bool KeepWhole)> Split(string text)
    {
        var at = 0;
        foreach (Match match in Pattern().Matches(text))
        {
            if (match.Index > at) yield return (text[at..match.Index], false);
            yield return (match.Value, true);
            at = match.Index + match.Length;
        }
        if (at < text.Length) yield return (text[at..], false);
    }
}
