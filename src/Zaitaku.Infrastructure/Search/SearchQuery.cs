using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Zaitaku.Infrastructure.Search;

/// <summary>A run of index terms that must appear at these relative positions (a phrase, or one term).</summary>
public sealed record Phrase(IReadOnlyList<(string Term, int Position)> Terms);

/// <summary>
/// What a resident typed, made safe and turned into Lucene queries without Lucene's query syntax:
/// every word must be found (AND), each word as a phrase in the title or the text, or as one of its
/// synonyms. Nothing typed is parsed as an operator, so + - && ( ) " * ? : \ / are just characters.
/// </summary>
public sealed class SearchQuery
{
    public const int MaxLength = 100;
    public const int MaxWords = 10;
    public const float TitleBoost = 4f;
    /// <summary>A match by reading only counts for little, so pages with the words as typed come first.</summary>
    public const float ReadingBoost = 0.05f;
    /// <summary>Shorter kana words (かい, しょう) are in the readings of too many unrelated words.</summary>
    public const int MinReadingLength = 3;

    /// <summary>For each word typed in kana only, the phrase to find in the readings; null for other words.</summary>
    private readonly IReadOnlyList<Phrase?> _readings = [];

    private SearchQuery(string text, bool truncated, IReadOnlyList<IReadOnlyList<Phrase>> words, IReadOnlyList<string> highlights,
        IReadOnlyList<Phrase?>? readings = null)
    {
        _readings = readings ?? [];
        Text = text;
        Truncated = truncated;
        Words = words;
        Highlights = highlights;
    }

    /// <summary>The query as searched: control characters removed, at most <see cref="MaxLength"/> characters.</summary>
    public string Text { get; }
    public bool Truncated { get; }
    /// <summary>For each word, the phrases any one of which satisfies it (the word and its synonyms).</summary>
    public IReadOnlyList<IReadOnlyList<Phrase>> Words { get; }
    /// <summary>Each searched spelling, folded (NFKC, katakana, lower case), for marking in snippets.</summary>
    public IReadOnlyList<string> Highlights { get; }
    public bool IsEmpty => Words.Count == 0;

    public static SearchQuery Parse(string? raw, SearchSynonyms synonyms, Analyzer analyzer)
    {
        var (text, truncated) = Clean(raw);
        var words = new List<IReadOnlyList<Phrase>>();
        var highlights = new List<string>();
        var readings = new List<Phrase?>();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Distinct().Take(MaxWords))
        {
            var variants = synonyms.Expand(word).Select(v => (Spelling: v, Phrase: ToPhrase(analyzer, v))).Where(v => v.Phrase is not null).ToList();
            if (variants.Count == 0) continue;
            words.Add(variants.Select(v => v.Phrase!).Distinct(PhraseComparer.Instance).ToList());
            readings.Add(Zaitaku.Core.Reading.Kana.IsKanaOnly(word) && word.Length >= MinReadingLength ? variants[0].Phrase : null);
            highlights.AddRange(variants.Select(v => v.Spelling));
        }
        return new SearchQuery(text, truncated, words, highlights.Distinct().ToList(), readings);
    }

    private static (string Text, bool Truncated) Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw)) return ("", false);
        var chars = new List<char>(Math.Min(raw.Length, MaxLength * 2));
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsHighSurrogate(c) && i + 1 < raw.Length && char.IsLowSurrogate(raw[i + 1])) { chars.Add(c); chars.Add(raw[++i]); }
            else if (char.IsSurrogate(c)) continue; // half a pair is not text
            else chars.Add(char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c);
        }
        var text = string.Join(' ', new string([.. chars]).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (text.Length <= MaxLength) return (text, false);
        var cut = char.IsHighSurrogate(text[MaxLength - 1]) ? MaxLength - 1 : MaxLength;
        return (text[..cut].TrimEnd(), true);
    }

    /// <summary>
    /// Analyses one spelling and covers it with bigrams where it can: 認知症 becomes 認知@0 + 知症@1, which
    /// only a text containing 認知症 has. A lone CJK character (薬) stays a unigram.
    /// </summary>
    internal static Phrase? ToPhrase(Analyzer analyzer, string text)
    {
        var unigrams = new SortedDictionary<int, string>();
        var bigrams = new Dictionary<int, string>();
        using (var stream = analyzer.GetTokenStream(SearchFields.Text, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            var type = stream.AddAttribute<ITypeAttribute>();
            stream.Reset();
            var position = -1;
            while (stream.IncrementToken())
            {
                position += increment.PositionIncrement;
                if (type.Type == "<DOUBLE>") bigrams[position] = term.ToString();
                else unigrams[position] = term.ToString();
            }
            stream.End();
        }
        if (unigrams.Count == 0) return null;

        var terms = new List<(string, int)>();
        var last = unigrams.Keys.Max();
        for (var p = unigrams.Keys.Min(); p <= last;)
        {
            if (bigrams.TryGetValue(p, out var bigram)) { terms.Add((bigram, p)); p += 2; continue; }
            // The last character of a CJK run: the bigram ending on it is rarer than the character alone.
            if (bigrams.TryGetValue(p - 1, out var before)) terms.Add((before, p - 1));
            else if (unigrams.TryGetValue(p, out var unigram)) terms.Add((unigram, p));
            p++;
        }
        var first = terms[0].Item2;
        return new Phrase(terms.Distinct().Select(t => (t.Item1, t.Item2 - first)).ToList());
    }

    public Query ToLucene()
    {
        var all = new BooleanQuery();
        for (var w = 0; w < Words.Count; w++)
        {
            var word = Words[w];
            var any = new BooleanQuery();
            foreach (var phrase in word)
            {
                var title = PhraseQuery(SearchFields.Title, phrase);
                title.Boost = TitleBoost;
                any.Add(title, Occur.SHOULD);
                any.Add(PhraseQuery(SearchFields.Text, phrase), Occur.SHOULD);
            }
            // A word typed in kana also finds the kanji it reads as (にんちしょう → 認知症).
            if (w < _readings.Count && _readings[w] is { } reading)
            {
                var byReading = PhraseQuery(SearchFields.Reading, reading);
                byReading.Boost = ReadingBoost;
                any.Add(byReading, Occur.SHOULD);
            }
            all.Add(any, Occur.MUST);
        }
        return all;
    }

    private static Query PhraseQuery(string field, Phrase phrase)
    {
        if (phrase.Terms.Count == 1) return new TermQuery(new Term(field, phrase.Terms[0].Term));
        var query = new PhraseQuery();
        foreach (var (term, position) in phrase.Terms) query.Add(new Term(field, term), position);
        return query;
    }

    private sealed class PhraseComparer : IEqualityComparer<Phrase>
    {
        public static readonly PhraseComparer Instance = new();
        public bool Equals(Phrase? x, Phrase? y) => x is not null && y is not null && x.Terms.SequenceEqual(y.Terms);
        public int GetHashCode(Phrase p) => p.Terms.Aggregate(0, (h, t) => HashCode.Combine(h, t.Term, t.Position));
    }
}
