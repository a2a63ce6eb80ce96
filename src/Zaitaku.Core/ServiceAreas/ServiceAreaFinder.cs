using System.Text;
using System.Text.RegularExpressions;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Core.ServiceAreas;

/// <summary>One 町名 a 地域包括支援センター covers, as the secretariat writes it: 「見本五町（みほんごちょう）1丁目〜3丁目」.</summary>
public sealed record Town(string Name, string? Reading, string? Note)
{
    public string Label => Note is null ? Name : $"{Name} {Note}";
}

/// <summary>
/// A 地域包括支援センター with the 町名 it covers (ServiceArea nodes under a 相談窓口). The center is the published
/// node of whichever engine reads it, so the finder itself needs neither.
/// </summary>
public sealed record ServiceArea<TCenter>(TCenter Center, IReadOnlyList<Town> Towns);

public enum TownLookup { NotAsked, Found, Ambiguous, Unknown, TooLong }

public sealed record TownLookupResult<TCenter>(TownLookup Outcome, string Query, IReadOnlyList<(ServiceArea<TCenter> Area, Town Town)> Matches);

/// <summary>
/// Finds the 地域包括支援センター for a 町名 as a resident types it: kanji or hiragana (or katakana),
/// full- or half-width, with or without 「町」. Works on the published content alone.
/// </summary>
public static partial class ServiceAreaFinder
{
    public const int MaxQueryLength = 30;

    [GeneratedRegex(@"^(?<name>[^（(]+?)\s*(?:[（(](?<reading>[^）)]*)[）)]\s*(?<note>.*))?$")]
    private static partial Regex TownLine();

    public static IReadOnlyList<ServiceArea<PublishedContent>> Areas(PublishedSnapshot snapshot) =>
        snapshot.OfType("serviceArea")
            .Where(c => c.Parent?.Url is not null)
            .OrderBy(c => c.Parent?.SortOrder).ThenBy(c => c.SortOrder)
            .Select(c => new ServiceArea<PublishedContent>(c, ParseTowns(c.Value("towns"))))
            .ToList();

    public static IReadOnlyList<Town> ParseTowns(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => TownLine().Match(line))
            .Where(m => m.Success)
            .Select(m => new Town(m.Groups["name"].Value.Trim(),
                m.Groups["reading"].Success && m.Groups["reading"].Length > 0 ? m.Groups["reading"].Value.Trim() : null,
                m.Groups["note"].Success && m.Groups["note"].Length > 0 ? m.Groups["note"].Value.Trim() : null))
            .ToList();

    public static TownLookupResult<TCenter> Find<TCenter>(IReadOnlyList<ServiceArea<TCenter>> areas, string? query)
    {
        var typed = (query ?? "").Trim();
        if (typed.Length == 0) return new(TownLookup.NotAsked, "", []);
        if (typed.Length > MaxQueryLength) return new(TownLookup.TooLong, typed[..MaxQueryLength], []);

        var key = Fold(typed);
        if (key.Length == 0) return new(TownLookup.Unknown, typed, []);
        var all = areas.SelectMany(a => a.Towns.Select(t => (Area: a, Town: t))).ToList();
        // Exactly the town first (「見本五町」 is not 「見本五十町」); then the start of one, for 「みほんご」.
        var matches = all.Where(m => Keys(m.Town).Contains(key)).ToList();
        if (matches.Count == 0) matches = all.Where(m => Keys(m.Town).Any(k => k.StartsWith(key, StringComparison.Ordinal))).ToList();
        // One area per center: the areas matched are the centers that could be meant.
        var centers = matches.Select(m => m.Area).Distinct(ReferenceEqualityComparer.Instance).Count();
        var outcome = centers switch { 0 => TownLookup.Unknown, 1 => TownLookup.Found, _ => TownLookup.Ambiguous };
        return new(outcome, typed, matches);
    }

    private static IEnumerable<string> Keys(Town town)
    {
        foreach (var spelling in new[] { town.Name, town.Reading })
        {
            if (spelling is null) continue;
            var folded = Fold(spelling);
            yield return folded;
            // People often leave off 町 (ちょう / まち).
            foreach (var suffix in new[] { "町", "ちょう", "まち" })
                if (folded.Length > suffix.Length && folded.EndsWith(suffix, StringComparison.Ordinal))
                    yield return folded[..^suffix.Length];
        }
    }

    /// <summary>Full- and half-width alike (NFKC), katakana as hiragana, no spaces or symbols.</summary>
    public static string Fold(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var folded = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            if (c is >= 'ァ' and <= 'ヶ') folded.Append((char)(c - 0x60));
            else if (char.IsLetterOrDigit(c) || c == 'ー') folded.Append(char.ToLowerInvariant(c));
        }
        return folded.ToString();
    }
}
