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
/// The character folding both the index and the query go through. It is a mapping (not a
/// whole-string Normalize) so that Lucene keeps offsets into the original text for highlighting.
/// </summary>
public static class JapaneseNormalization
{
    public static readonly NormalizeCharMap CharMap = BuildCharMap();

    /// <summary>The same folding on a plain string: for comparing synonym entries with what was typed.</summary>
    public static string Fold(string text)
    {
        var nfkc = text.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(nfkc.Length);
        foreach (var c in nfkc) sb.Append(HiraganaToKatakana(c));
        return sb.ToString().ToLowerInvariant();
    }

    private static char HiraganaToKatakana(char c) => c is >= '\u3041' and <= '\u3096' or '\u309D' or '\u309E' ? (char)(c + 0x60) : c;

    private static NormalizeCharMap BuildCharMap()
    {
        var builder = new NormalizeCharMap.Builder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string from, string to)
        {
            if (to.Length > 0 && to != from && seen.Add(from)) builder.Add(from, to);
        }
        string Folded(string s) => string.Concat(s.Normalize(NormalizationForm.FormKC).Select(HiraganaToKatakana));

        // Half-width katakana with a separate voiced mark (ｶﾞ, ﾊﾟ) compose into one character under NFKC.
        for (var c = '\uFF66'; c <= '\uFF9D'; c++)
            foreach (var mark in "\uFF9E\uFF9F")
            {
                var pair = $"{c}{mark}";
                var folded = Folded(pair);
                if (folded.Length == 1) Add(pair, folded);
            }
        // Every other BMP character whose NFKC form differs (full-width Latin, half-width kana, ㈱...), and hiragana.
        for (var i = 0x20; i <= 0xFFFF; i++)
        {
            var c = (char)i;
            if (char.IsSurrogate(c) || char.IsControl(c)) continue;
            var s = c.ToString();
            try
            {
                if (!s.IsNormalized(NormalizationForm.FormKC) || HiraganaToKatakana(c) != c) Add(s, Folded(s));
            }
            catch (ArgumentException) { } // noncharacters such as U+FFFF have no normal form
        }
        return builder.Build();
    }
}
