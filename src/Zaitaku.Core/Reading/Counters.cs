namespace Zaitaku.Core.Reading;

/// <summary>
/// Readings of counters after a number written in digits (7月, 17日, 3人, 2024年度). MeCab reads
/// digits as an unknown word and the counter on its own (月 as つき), so the common counters are
/// read here: dates and ages appear on nearly every page of this site.
/// </summary>
public static class Counters
{
    private static readonly Dictionary<string, string> Plain = new(StringComparer.Ordinal)
    {
        ["月"] = "がつ", ["年"] = "ねん", ["年度"] = "ねんど", ["年間"] = "ねんかん", ["時"] = "じ", ["時間"] = "じかん",
        ["歳"] = "さい", ["才"] = "さい", ["回"] = "かい", ["件"] = "けん", ["階"] = "かい", ["円"] = "えん",
        ["週"] = "しゅう", ["週間"] = "しゅうかん", ["号"] = "ごう", ["名"] = "めい", ["部"] = "ぶ", ["枚"] = "まい",
        ["割"] = "わり", ["か所"] = "かしょ", ["箇所"] = "かしょ", ["ヶ所"] = "かしょ", ["か月"] = "かげつ",
        ["ヶ月"] = "かげつ", ["カ月"] = "かげつ", ["日間"] = "にちかん", ["丁目"] = "ちょうめ", ["番"] = "ばん",
        ["番地"] = "ばんち", ["人"] = "にん", ["日"] = "にち", ["万"] = "まん", ["億"] = "おく", ["位"] = "い",
    };

    /// <summary>The days of the month that are not read as …にち.</summary>
    private static readonly Dictionary<int, string> Days = new()
    {
        [1] = "ついたち", [2] = "ふつか", [3] = "みっか", [4] = "よっか", [5] = "いつか", [6] = "むいか", [7] = "なのか",
        [8] = "ようか", [9] = "ここのか", [10] = "とおか", [14] = "じゅうよっか", [20] = "はつか", [24] = "にじゅうよっか",
    };

    public static bool IsDigits(string text) => text.Length > 0 && text.All(c => c is >= '0' and <= '9' or >= '０' and <= '９');

    /// <summary>The reading of <paramref name="counter"/> after the number <paramref name="digits"/>; null if it is not a counter.</summary>
    /// <returns>With <c>WithNumber</c> true the reading covers the number too (1日 ついたち, 2人 ふたり).</returns>
    public static (string Reading, bool WithNumber)? Reading(string digits, string counter)
    {
        if (!Plain.TryGetValue(counter, out var reading)) return null;
        var number = int.TryParse(digits.Normalize(System.Text.NormalizationForm.FormKC), out var n) ? n : -1;
        return counter switch
        {
            "日" when Days.TryGetValue(number, out var day) => (day, true),
            "人" when number == 1 => ("ひとり", true),
            "人" when number == 2 => ("ふたり", true),
            _ => (reading, false),
        };
    }

    /// <summary>MeCab's words with the counter after each number read as a counter.</summary>
    public static IReadOnlyList<Morpheme> Apply(IReadOnlyList<Morpheme> words)
    {
        if (!words.Any(w => IsDigits(w.Surface))) return words;
        var result = new List<Morpheme>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (i > 0 && IsDigits(words[i - 1].Surface) && Reading(words[i - 1].Surface, word.Surface) is { } counter)
            {
                var (reading, withNumber) = counter;
                if (withNumber)
                {
                    // The reading goes over the number and the counter together.
                    result[^1] = new Morpheme(words[i - 1].Surface + word.Surface, reading);
                    continue;
                }
                word = new Morpheme(word.Surface, reading);
            }
            result.Add(word);
        }
        return result;
    }
}
