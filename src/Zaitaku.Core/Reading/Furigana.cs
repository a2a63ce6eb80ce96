using System.Text.RegularExpressions;

namespace Zaitaku.Core.Reading;

/// <summary>
/// Turns text into pieces with ruby: each word that has a kanji gets its reading in hiragana, with
/// the kana written in the word (okurigana: 看取り → 看取(みと)り; 取り扱い → 取(と)り扱(あつか)い)
/// left outside the ruby. Words without kanji (numbers, Latin, kana) get none.
/// </summary>
public static class Furigana
{
    /// <param name="analyze">The morphological analyser: the text cut into words with their readings.</param>
    public static IReadOnlyList<RubyPart> Annotate(string text, ReadingDictionary dictionary, Func<string, IReadOnlyList<Morpheme>> analyze)
    {
        var parts = new List<RubyPart>();
        foreach (var (piece, reading) in dictionary.Split(text))
        {
            if (reading is not null) AddWord(parts, piece, reading);
            else if (!Kana.HasKanji(piece)) Add(parts, piece, null);
            else foreach (var m in Counters.Apply(analyze(piece))) AddWord(parts, m.Surface, m.Reading);
        }
        return parts;
    }

    /// <summary>The whole text in hiragana where a reading is known (for search by reading).</summary>
    public static string Reading(string text, ReadingDictionary dictionary, Func<string, IReadOnlyList<Morpheme>> analyze)
    {
        var sb = new System.Text.StringBuilder(text.Length + text.Length / 2);
        foreach (var (piece, reading) in dictionary.Split(text))
        {
            if (reading is not null) sb.Append(reading);
            else if (!Kana.HasKanji(piece)) sb.Append(piece);
            else foreach (var m in Counters.Apply(analyze(piece)))
                sb.Append(Kana.HasKanji(m.Surface) && IsUsable(m.Reading) ? Kana.ToHiragana(m.Reading!) : m.Surface);
        }
        return sb.ToString();
    }

    /// <summary>A word, split so that only its kanji carry the reading.</summary>
    public static void AddWord(List<RubyPart> parts, string surface, string? reading)
    {
        if (!Kana.HasKanji(surface) || !IsUsable(reading)) { Add(parts, surface, null); return; }
        var hiragana = Kana.ToHiragana(reading!);
        foreach (var part in Align(surface, hiragana)) Add(parts, part.Text, part.Ruby);
    }

    /// <summary>An unknown word's reading is "*" or empty, or (IPAdic) the surface itself for Latin and digits.</summary>
    private static bool IsUsable(string? reading) =>
        !string.IsNullOrEmpty(reading) && reading != "*" && reading.All(c => Kana.IsHiragana(c) || Kana.IsKatakana(c));

    /// <summary>
    /// Matches the word's kana against its reading: 取り扱い / とりあつかい gives 取=と, り, 扱=あつか, い.
    /// Where that cannot be done unambiguously, the whole word carries the whole reading.
    /// </summary>
    private static IEnumerable<RubyPart> Align(string surface, string reading)
    {
        var runs = new List<(string Text, bool Kanji)>();
        foreach (var c in surface)
        {
            var kanji = Kana.IsKanjiLike(c);
            if (runs.Count > 0 && runs[^1].Kanji == kanji) runs[^1] = (runs[^1].Text + c, kanji);
            else runs.Add((c.ToString(), kanji));
        }
        if (runs.Count == 1) return [new RubyPart(surface, reading)];
        // Kana runs must appear as written (in hiragana); each kanji run takes at least one character.
        var pattern = "^" + string.Concat(runs.Select(r => r.Kanji ? "(.+?)" : Regex.Escape(Kana.ToHiragana(r.Text)))) + "$";
        var m = Regex.Match(reading, pattern);
        // A second way to match (the same kana twice) means we cannot tell which is which.
        var greedy = Regex.Match(reading, pattern.Replace("(.+?)", "(.+)"));
        if (!m.Success || !greedy.Success || m.Value != greedy.Value || !SameGroups(m, greedy))
            return [new RubyPart(surface, reading)];
        var result = new List<RubyPart>();
        var g = 1;
        foreach (var run in runs)
            result.Add(run.Kanji ? new RubyPart(run.Text, m.Groups[g++].Value) : new RubyPart(run.Text, null));
        return result;
    }

    private static bool SameGroups(Match a, Match b)
    {
        for (var i = 1; i < a.Groups.Count; i++) if (a.Groups[i].Value != b.Groups[i].Value) return false;
        return true;
    }

    /// <summary>Joins neighbouring pieces without ruby, so the output has as few pieces as it can.</summary>
    private static void Add(List<RubyPart> parts, string text, string? ruby)
    {
        if (text.Length == 0) return;
        if (ruby is null && parts.Count > 0 && parts[^1].Ruby is null) parts[^1] = new RubyPart(parts[^1].Text + text, null);
        else parts.Add(new RubyPart(text, ruby));
    }
}
