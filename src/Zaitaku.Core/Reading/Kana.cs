namespace Zaitaku.Core.Reading;

/// <summary>Which characters are kanji, which are kana, and katakana readings turned into hiragana.</summary>
public static class Kana
{
    /// <summary>
    /// A kanji, or a mark that stands for one in a word: 々 (人々), 〆, ヶ (一ヶ月), and anything outside the
    /// BMP (the CJK extensions); those are what a reader may not know how to read.
    /// </summary>
    public static bool IsKanjiLike(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF'
            or '\u3005' or '\u3006' or '\u30F6' or '\u30F5' || char.IsSurrogate(c);

    public static bool HasKanji(string text)
    {
        foreach (var c in text) if (IsKanjiLike(c)) return true;
        return false;
    }

    public static bool IsHiragana(char c) => c is >= '\u3041' and <= '\u309F' || c == 'ー';
    public static bool IsKatakana(char c) => c is >= '\u30A1' and <= '\u30FA' or >= '\u30FC' and <= '\u30FF' and not '\u30F5' and not '\u30F6';

    /// <summary>Whether the word is all kana (the prolonged sound mark counts): what a query typed by reading looks like.</summary>
    public static bool IsKanaOnly(string text) => text.Length > 0 && text.All(c => IsHiragana(c) || IsKatakana(c));

    /// <summary>Katakana to hiragana, other characters as they are (ー stays ー).</summary>
    public static string ToHiragana(string text) =>
        string.Create(text.Length, text, (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
                span[i] = s[i] is >= '\u30A1' and <= '\u30F6' ? (char)(s[i] - 0x60) : s[i];
        });
}
