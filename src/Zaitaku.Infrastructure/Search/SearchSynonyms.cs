namespace Zaitaku.Infrastructure.Search;

/// <summary>
/// The synonym list the secretariat edits: one group per line, words separated by commas
/// (「,」「、」「，」). A word typed in a query is also searched as every other word of its group.
/// Applied at query time only, so an edit takes effect at once, without a rebuild.
/// </summary>
public sealed class SearchSynonyms
{
    public const string SettingKey = "Search.Synonyms";

    /// <summary>What the site starts with until the secretariat saves its own list.</summary>
    public const string Default = """
        ACP, 人生会議, アドバンス・ケア・プランニング
        ケアマネ, ケアマネジャー, 介護支援専門員, CM
        包括, 地域包括支援センター
        """;

    public const int MaxLines = 500;
    public const int MaxWordLength = 50;

    private static readonly char[] Separators = [',', '、', '，', '､'];
    private readonly IReadOnlyList<IReadOnlyList<string>> _groups;
    private readonly IReadOnlyList<IReadOnlyList<string>> _foldedGroups;

    private SearchSynonyms(IReadOnlyList<IReadOnlyList<string>> groups)
    {
        _groups = groups;
        _foldedGroups = groups.Select(g => (IReadOnlyList<string>)g.Select(JapaneseNormalization.Fold).ToList()).ToList();
    }

    public IReadOnlyList<IReadOnlyList<string>> Groups => _groups;

    public static SearchSynonyms Parse(string? text, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var groups = new List<IReadOnlyList<string>>();
        var lines = (text ?? "").Replace("\r\n", "\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var words = lines[i].Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(w => !w.Any(char.IsControl)).Distinct(StringComparer.Ordinal).ToList();
            if (words.Count == 0) continue;
            if (words.Count == 1) { found.Add($"{i + 1}行目：同じ意味の言葉を「,」で区切って2つ以上書いてください。"); continue; }
            if (words.Any(w => w.Length > MaxWordLength)) { found.Add($"{i + 1}行目：1つの言葉は{MaxWordLength}文字までにしてください。"); continue; }
            groups.Add(words);
        }
        if (groups.Count > MaxLines) found.Add($"同義語のまとまりは{MaxLines}行までにしてください。");
        problems = found;
        return new SearchSynonyms(groups);
    }

    public static SearchSynonyms Parse(string? text) => Parse(text, out _);

    public string Format() => string.Join("\n", _groups.Select(g => string.Join(", ", g)));

    /// <summary>
    /// The spellings to search for one word of a query: itself, and for each synonym it contains,
    /// the word with that synonym replaced by each of the others (so ケアマネの研修 also finds
    /// 介護支援専門員の研修). Latin synonyms such as CM must be the whole word, or 'acme' would match.
    /// </summary>
    public IReadOnlyList<string> Expand(string word, int max = 12)
    {
        var folded = JapaneseNormalization.Fold(word);
        var variants = new List<string> { folded };
        foreach (var group in _foldedGroups)
        {
            // The longest entry found wins: 地域包括支援センター, not the 包括 inside it.
            var entry = group.OrderByDescending(e => e.Length).FirstOrDefault(e => e.Length > 0 &&
                (folded == e || (!e.All(char.IsAscii) && folded.Contains(e, StringComparison.Ordinal))));
            if (entry is null) continue;
            var whole = folded == entry;
            foreach (var other in group)
                    if (other != entry)
                {
                    var variant = whole ? other : folded.Replace(entry, other, StringComparison.Ordinal);
                    if (!variants.Contains(variant)) variants.Add(variant);
                    if (variants.Count >= max) return variants;
                }
        }
        return variants;
    }
}
