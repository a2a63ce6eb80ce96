namespace Zaitaku.Core.Reading;

/// <summary>
/// The site's own readings, which win over MeCab's (大和郡山 やまとこおりやま): place names, people's
/// names and terms MeCab reads wrongly. Kept as text the secretariat edits, one word a line:
/// the word, a space or comma, and its reading in hiragana.
/// </summary>
public sealed class ReadingDictionary
{
    public const string SettingKey = "Reading.Dictionary";
    public const int MaxEntries = 1000;
    public const int MaxWordLength = 30;

    /// <summary>What the site starts with until the secretariat saves its own list.</summary>
    public const string Default = """
        大和郡山 やまとこおりやま
        郡山 こおりやま
        """;

    public static readonly ReadingDictionary Empty = new([]);

    private static readonly char[] Separators = [' ', '\u3000', '\t', ',', '、', '，'];
    private readonly Dictionary<char, List<KeyValuePair<string, string>>> _byFirst;

    private ReadingDictionary(IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        Entries = entries;
        // Longest first, so 大和郡山 wins over the 郡山 inside it.
        _byFirst = entries.OrderByDescending(e => e.Key.Length).GroupBy(e => e.Key[0])
            .ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>Word → reading (hiragana), in the order written.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries { get; }

    public static ReadingDictionary Parse(string? text, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var entries = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = (text ?? "").Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var parts = lines[i].Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (parts.Length == 0) continue;
            if (parts.Length != 2) { found.Add($"{i + 1}行目：言葉と読みを、空白で区切って1つずつ書いてください。例：大和郡山 やまとこおりやま"); continue; }
            var (word, reading) = (parts[0], Kana.ToHiragana(parts[1]));
            if (word.Length > MaxWordLength || reading.Length > MaxWordLength * 4) { found.Add($"{i + 1}行目：言葉は{MaxWordLength}文字までにしてください。"); continue; }
            if (!Kana.HasKanji(word)) { found.Add($"{i + 1}行目：「{word}」には漢字がありません。ふりがなは漢字にだけ付きます。"); continue; }
            if (!reading.All(Kana.IsHiragana)) { found.Add($"{i + 1}行目：「{parts[1]}」の読みは、ひらがなで書いてください。"); continue; }
            if (!seen.Add(word)) { found.Add($"{i + 1}行目：「{word}」は、ほかの行にもあります。1つにしてください。"); continue; }
            entries.Add(KeyValuePair.Create(word, reading));
        }
        if (entries.Count > MaxEntries) found.Add($"読みの辞書は{MaxEntries}語までにしてください。");
        problems = found;
        return new ReadingDictionary(entries);
    }

    public static ReadingDictionary Parse(string? text) => Parse(text, out _);

    public string Format() => string.Join("\n", Entries.Select(e => e.Key + " " + e.Value));

    /// <summary>
    /// The text cut at the dictionary's words, leftmost and longest first: each piece with the
    /// dictionary's reading, or null where the analyser is to read it.
    /// </summary>
    public IEnumerable<(string Text, string? Reading)> Split(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!_byFirst.TryGetValue(text[i], out var candidates)) continue;
            foreach (var (word, reading) in candidates)
            {
                if (string.CompareOrdinal(text, i, word, 0, word.Length) != 0) continue;
                if (i > start) yield return (text[start..i], null);
                yield return (word, reading);
                start = i + word.Length;
                i = start - 1;
                break;
            }
        }
        if (start < text.Length) yield return (text[start..], null);
    }
}
