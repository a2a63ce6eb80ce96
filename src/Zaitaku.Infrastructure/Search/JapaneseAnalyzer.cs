using System.Text;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.CharFilters;
using Lucene.Net.Analysis.Cjk;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Util;

namespace Zaitaku.Infrastructure.Search;

/// <summary>
/// Japanese text for the index and for queries, without a morphological analyser (the registry has
/// no Kuromoji): NFKC and hiragana→katakana as a character filter, Unicode word breaks, lower case,
/// then CJK unigrams with bigrams stacked on them. A query is matched as a phrase of bigrams
/// (<see cref="SearchQuery"/>), so 認知症 does not match 認知機能, and a single 薬 still finds 薬剤師会.
/// </summary>
public sealed class JapaneseAnalyzer : Analyzer
{
    public static readonly LuceneVersion Version = LuceneVersion.LUCENE_48;

    protected override TextReader InitReader(string fieldName, TextReader reader) =>
        new MappingCharFilter(JapaneseNormalization.CharMap, reader);

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(Version, reader);
        TokenStream stream = new LowerCaseFilter(Version, tokenizer);
        stream = new CJKBigramFilter(stream, CJKScript.HAN | CJKScript.HIRAGANA | CJKScript.KATAKANA | CJKScript.HANGUL, outputUnigrams: true);
        return new TokenStreamComponents(tokenizer, stream);
    }
}

/// <summary>
/// The character folding both the index and the query go through: NFKC, then hiragana to katakana.
/// Applied character by character from a table built once with .NET's own NFKC, so that offsets into
/// the original text are kept (Lucene's MappingCharFilter for the index, <see cref="FoldWithOffsets"/>
/// for snippets).
/// </summary>
public static class JapaneseNormalization
{
    private const string VoicedMarks = "\uFF9E\uFF9F";
    /// <summary>For each BMP character, what it folds to; null where it stays itself.</summary>
    private static readonly string?[] Table = BuildTable();
    /// <summary>Half-width katakana followed by a separate voiced mark (ｶﾞ, ﾊﾟ), which NFKC composes into one character.</summary>
    private static readonly Dictionary<(char, char), char> Pairs = BuildPairs();
    public static readonly NormalizeCharMap CharMap = BuildCharMap();

    /// <summary>The folding plus lower case, on a plain string: for synonym entries and what was typed.</summary>
    public static string Fold(string text) => FoldWithOffsets(text).Text;

    /// <summary>The folded, lower-cased text, and for each of its characters where it came from in the original.</summary>
    public static (string Text, int[] Start, int[] End) FoldWithOffsets(string text)
    {
        var sb = new StringBuilder(text.Length);
        var start = new List<int>(text.Length);
        var end = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (i + 1 < text.Length && VoicedMarks.Contains(text[i + 1]) && Pairs.TryGetValue((c, text[i + 1]), out var composed))
            {
                Append(composed.ToString(), i, i + 2);
                i++;
            }
            else Append(Table[c] ?? c.ToString(), i, i + 1);
        }
        return (sb.ToString(), start.ToArray(), end.ToArray());

        void Append(string s, int from, int to)
        {
            foreach (var ch in s)
            {
                sb.Append(char.ToLowerInvariant(ch));
                start.Add(from);
                end.Add(to);
            }
        }
    }

    private static char HiraganaToKatakana(char c) => c is >= '\u3041' and <= '\u3096' or '\u309D' or '\u309E' ? (char)(c + 0x60) : c;

    private static string Folded(string s) => string.Concat(s.Normalize(NormalizationForm.FormKC).Select(HiraganaToKatakana));

    private static string?[] BuildTable()
    {
        var table = new string?[char.MaxValue + 1];
        for (var i = 0x20; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c) || char.IsControl(c)) continue;
            var s = c.ToString();
            try
            {
                if (!s.IsNormalized(NormalizationForm.FormKC) || HiraganaToKatakana(c) != c)
                {
                    var folded = Folded(s);
                    if (folded.Length > 0 && folded != s) table[i] = folded;
                }
            }
            catch (ArgumentException) { } // noncharacters such as U+FFFF have no normal form
        }
        return table;
    }

    private static Dictionary<(char, char), char> BuildPairs()
    {
        var pairs = new Dictionary<(char, char), char>();
        for (var c = '\uFF66'; c <= '\uFF9D'; c++)
            foreach (var mark in VoicedMarks)
                if (Folded($"{c}{mark}") is { Length: 1 } folded) pairs[(c, mark)] = folded[0];
        return pairs;
    }

    private static NormalizeCharMap BuildCharMap()
    {
        var builder = new NormalizeCharMap.Builder();
        foreach (var ((c, mark), composed) in Pairs) builder.Add($"{c}{mark}", composed.ToString());
        for (var i = 0; i < Table.Length; i++)
            if (Table[i] is { } folded) builder.Add(((char)i).ToString(), folded);
        return builder.Build();
    }
}
