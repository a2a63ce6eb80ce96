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
        var buffers = Rent(text.Length);
        try
        {
            var length = FoldInto(text, ref buffers);
            return (new string(buffers.Folded, 0, length), buffers.Start[..length], buffers.End[..length]);
        }
        finally { Return(buffers); }
    }

    /// <summary>Buffers from the shared pool for <see cref="FoldInto"/>; give them back with <see cref="Return"/>.</summary>
    public struct FoldBuffers
    {
        public char[] Folded;
        public int[] Start;
        public int[] End;
    }

    public static FoldBuffers Rent(int length) => new()
    {
        Folded = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(16, length + length / 4)),
        Start = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(16, length + length / 4)),
        End = System.Buffers.ArrayPool<int>.Shared.Rent(Math.Max(16, length + length / 4)),
    };

    public static void Return(FoldBuffers buffers)
    {
        System.Buffers.ArrayPool<char>.Shared.Return(buffers.Folded);
        System.Buffers.ArrayPool<int>.Shared.Return(buffers.Start);
        System.Buffers.ArrayPool<int>.Shared.Return(buffers.End);
    }

    /// <summary>
    /// The folding of <see cref="FoldWithOffsets"/> into pooled buffers (grown when a character folds into several),
    /// so that a snippet costs no allocation per character of the text it looks at.
    /// </summary>
    /// <returns>How many folded characters the buffers hold.</returns>
    public static int FoldInto(ReadOnlySpan<char> text, ref FoldBuffers buffers)
    {
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (i + 1 < text.Length && VoicedMarks.Contains(text[i + 1]) && Pairs.TryGetValue((c, text[i + 1]), out var composed))
            {
                Append(ref buffers, ref n, composed, i, i + 2);
                i++;
            }
            else if (Table[c] is { } folded)
            {
                foreach (var ch in folded) Append(ref buffers, ref n, ch, i, i + 1);
            }
            else Append(ref buffers, ref n, c, i, i + 1);
        }
        return n;

        static void Append(ref FoldBuffers b, ref int n, char ch, int from, int to)
        {
            if (n == b.Folded.Length || n == b.Start.Length || n == b.End.Length) Grow(ref b, n);
            b.Folded[n] = char.ToLowerInvariant(ch);
            b.Start[n] = from;
            b.End[n] = to;
            n++;
        }
    }

    private static void Grow(ref FoldBuffers buffers, int used)
    {
        var bigger = Rent(used * 2);
        buffers.Folded.AsSpan(0, used).CopyTo(bigger.Folded);
        buffers.Start.AsSpan(0, used).CopyTo(bigger.Start);
        buffers.End.AsSpan(0, used).CopyTo(bigger.End);
        Return(buffers);
        buffers = bigger;
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
