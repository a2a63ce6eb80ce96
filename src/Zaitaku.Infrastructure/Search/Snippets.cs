namespace Zaitaku.Infrastructure.Search;

/// <summary>A piece of a snippet; the view wraps matches in &lt;mark&gt; and encodes everything.</summary>
public sealed record SnippetPart(string Text, bool IsMatch);

/// <summary>
/// Our own highlighter (the registry has no Lucene.Net.Highlighter): folds the stored text the way the
/// analyser does, keeping offsets, finds each searched word (and synonym) in it, and cuts the window
/// that shows the most of them. Matches are marked in the original spelling (ﾃﾞｲｻｰﾋﾞｽ, not デイサービス).
/// </summary>
public static class Snippets
{
    public const int Length = 120;
    /// <summary>Long PDFs are only scanned this far for a snippet, to keep each result cheap.</summary>
    private const int ScanLimit = 20_000;
    private const int Lead = 24;

    /// <param name="words">Folded words, as in <see cref="SearchQuery.Highlights"/>.</param>
    public static IReadOnlyList<SnippetPart> Make(string text, IEnumerable<string> words)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var spans = Merge(Find(text.AsSpan(0, Math.Min(text.Length, ScanLimit)), words));
        var start = 0;
        if (spans.Count > 0)
        {
            var best = -1;
            foreach (var (s, _) in spans)
            {
                var candidate = Math.Max(0, s - Lead);
                var covered = spans.Count(x => x.Start >= candidate && x.End <= candidate + Length);
                if (covered > best) { best = covered; start = candidate; }
            }
        }
        if (start > 0 && char.IsLowSurrogate(text[start])) start--;
        var end = Math.Min(text.Length, start + Length);
        if (end < text.Length && char.IsHighSurrogate(text[end - 1])) end--;

        var parts = new List<SnippetPart>();
        if (start > 0) parts.Add(new SnippetPart("…", false));
        var at = start;
        foreach (var (s, e) in spans)
        {
            if (e <= start || s >= end) continue;
            var ms = Math.Max(s, start);
            var me = Math.Min(e, end);
            if (ms > at) parts.Add(new SnippetPart(text[at..ms], false));
            parts.Add(new SnippetPart(text[ms..me], true));
            at = me;
        }
        if (at < end) parts.Add(new SnippetPart(text[at..end], false));
        if (end < text.Length) parts.Add(new SnippetPart("…", false));
        return parts;
    }

    private static List<(int Start, int End)> Find(ReadOnlySpan<char> text, IEnumerable<string> words)
    {
        // Folded into pooled buffers: a hit's snippet used to allocate the folded text and two offset arrays, ten
        // times the text's size, for every hit of every search (docs/benchmarks.md).
        var buffers = JapaneseNormalization.Rent(text.Length);
        try
        {
            var length = JapaneseNormalization.FoldInto(text, ref buffers);
            var folded = buffers.Folded.AsSpan(0, length);
            var spans = new List<(int, int)>();
            foreach (var word in words)
            {
                if (word.Length == 0) continue;
                for (var from = 0; from <= length - word.Length;)
                {
                    var at = folded[from..].IndexOf(word.AsSpan(), StringComparison.Ordinal);
                    if (at < 0) break;
                    var i = from + at;
                    spans.Add((buffers.Start[i], buffers.End[i + word.Length - 1]));
                    from = i + word.Length;
                }
            }
            return spans;
        }
        finally { JapaneseNormalization.Return(buffers); }
    }

    private static List<(int Start, int End)> Merge(List<(int Start, int End)> spans)
    {
        spans.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var s in spans)
        {
            if (merged.Count > 0 && s.Start <= merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, s.End));
            else merged.Add(s);
        }
        return merged;
    }
}
