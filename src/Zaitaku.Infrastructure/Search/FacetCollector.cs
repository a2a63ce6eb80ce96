using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Zaitaku.Infrastructure.Search;

/// <summary>
/// Counts sections and associations over every match, and passes the matches that the chosen
/// filters let through to the collector of the top results. Counts are kept per segment by
/// ordinal and turned into names once, at the end.
/// </summary>
public sealed class FacetCollector(ICollector top, string? section, string? association) : ICollector
{
    private sealed class Segment(SortedDocValues? sections, SortedDocValues? associations, int sectionFilter, int associationFilter)
    {
        public readonly SortedDocValues? Sections = sections;
        public readonly SortedDocValues? Associations = associations;
        public readonly int SectionFilter = sectionFilter;
        public readonly int AssociationFilter = associationFilter;
        public readonly int[] SectionCounts = new int[Math.Max(1, sections?.ValueCount ?? 0)];
        public readonly int[] AssociationCounts = new int[Math.Max(1, associations?.ValueCount ?? 0)];
    }

    private readonly List<Segment> _segments = [];
    private Segment? _current;
    public int Selected { get; private set; }

    public bool AcceptsDocsOutOfOrder => false;
    public void SetScorer(Scorer scorer) => top.SetScorer(scorer);

    public void SetNextReader(AtomicReaderContext context)
    {
        var sections = context.AtomicReader.GetSortedDocValues(SearchFields.Section);
        var associations = context.AtomicReader.GetSortedDocValues(SearchFields.Association);
        // A filter value this segment does not have: no document here passes (-2 never equals an ordinal).
        int Filter(SortedDocValues? values, string? value) =>
            value is null ? -1 : values is null ? -2 : values.LookupTerm(new BytesRef(value)) is var o and >= 0 ? o : -2;
        _current = new Segment(sections, associations, Filter(sections, section), Filter(associations, association));
        _segments.Add(_current);
        top.SetNextReader(context);
    }

    public void Collect(int doc)
    {
        var s = _current!;
        var sectionOrd = s.Sections?.GetOrd(doc) ?? -1;
        var associationOrd = s.Associations?.GetOrd(doc) ?? -1;
        var inSection = s.SectionFilter == -1 || sectionOrd == s.SectionFilter;
        var inAssociation = s.AssociationFilter == -1 || associationOrd == s.AssociationFilter;
        if (inAssociation && sectionOrd >= 0) s.SectionCounts[sectionOrd]++;
        if (inSection && associationOrd >= 0) s.AssociationCounts[associationOrd]++;
        if (inSection && inAssociation)
        {
            Selected++;
            top.Collect(doc);
        }
    }

    public IReadOnlyList<FacetCount> SectionCounts() => Counts(s => s.Sections, s => s.SectionCounts);
    public IReadOnlyList<FacetCount> AssociationCounts() => Counts(s => s.Associations, s => s.AssociationCounts);

    private List<FacetCount> Counts(Func<Segment, SortedDocValues?> values, Func<Segment, int[]> counts)
    {
        var byName = new Dictionary<string, int>(StringComparer.Ordinal);
        var bytes = new BytesRef();
        foreach (var segment in _segments)
        {
            if (values(segment) is not { } v) continue;
            var c = counts(segment);
            for (var ord = 0; ord < v.ValueCount; ord++)
            {
                if (c[ord] == 0) continue;
                v.LookupOrd(ord, bytes);
                var name = bytes.Utf8ToString();
                if (name.Length > 0) byName[name] = byName.GetValueOrDefault(name) + c[ord];
            }
        }
        return byName.Select(kv => new FacetCount(kv.Key, kv.Value))
            .OrderByDescending(f => f.Count).ThenBy(f => f.Value, StringComparer.Ordinal).ToList();
    }
}
