using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace Zaitaku.Infrastructure.Search;

/// <summary>A piece of a snippet; the view wraps matches in &lt;mark&gt; and encodes everything.</summary>
public sealed record SnippetPart(string Text, bool IsMatch);

/// <summary>
/// Our own highlighter (the registry has no Lucene.Net.Highlighter): analyses the stored text with the
/// same analyser, finds where the query's phrases occur, and cuts the window that shows the most of them.
/// </summary>
public static class Snippets
{
    public const int Length = 120;
    /// <summary>Long PDFs are only scanned this far for a snippet, to keep each result cheap.</summary>
    private const int ScanLimit = 12_000;
    private const int Lead = 24;

    public static IReadOnlyList<SnippetPart> Make(Analyzer analyzer, string text, IEnumerable<Phrase> phrases)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var spans = Merge(Find(analyzer, text.Length > ScanLimit ? text[..ScanLimit] : text, phrases));
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

    private static List<(int Start, int End)> Find(Analyzer analyzer, string text, IEnumerable<Phrase> phrases)
    {
        var byTerm = new Dictionary<string, List<(int Position, int Start, int End)>>(StringComparer.Ordinal);
        var at = new Dictionary<(string, int), (int Start, int End)>();
        using (var stream = analyzer.GetTokenStream(SearchFields.Text, text))
        {
            var term = stream.AddAttribute<ICharTermAttribute>();
            var increment = stream.AddAttribute<IPositionIncrementAttribute>();
            var offset = stream.AddAttribute<IOffsetAttribute>();
            stream.Reset();
            var position = -1;
            while (stream.IncrementToken())
            {
                position += increment.PositionIncrement;
                var t = term.ToString();
                if (!byTerm.TryGetValue(t, out var list)) byTerm[t] = list = [];
                list.Add((position, offset.StartOffset, offset.EndOffset));
                at[(t, position)] = (offset.StartOffset, offset.EndOffset);
            }
            stream.End();
        }

        var spans = new List<(int, int)>();
        foreach (var phrase in phrases)
        {
            var (firstTerm, firstPosition) = phrase.Terms[0];
            if (!byTerm.TryGetValue(firstTerm, out var anchors)) continue;
            foreach (var anchor in anchors)
            {
                var basePosition = anchor.Position - firstPosition;
                int start = anchor.Start, end = anchor.End;
                var all = true;
                foreach (var (t, p) in phrase.Terms.Skip(1))
                {
                    if (!at.TryGetValue((t, basePosition + p), out var hit)) { all = false; break; }
                    start = Math.Min(start, hit.Start);
                    end = Math.Max(end, hit.End);
                }
                if (all) spans.Add((start, Math.Min(end, text.Length)));
            }
        }
        return spans;
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
