using System.Runtime.CompilerServices;
using Zaitaku.Core.Publishing;
using Zaitaku.Core.Readability;

namespace Zaitaku.Web.Site.Reading;

/// <summary>
/// The text checker run over every published page's body: the administrators' report and the figures
/// the アクセシビリティ方針 page states. Made at most once per published snapshot.
/// </summary>
public sealed class SiteTextReport(TextChecker checker, IPublishedCache cache, TimeProvider clock)
{
    public sealed record PageResult(PublishedContent Page, TextCheckResult Result);

    public sealed record Report(DateTime CheckedUtc, IReadOnlyList<PageResult> Pages)
    {
        public int Errors => Pages.Sum(p => p.Result.Errors.Count());
        public int Warnings => Pages.Sum(p => p.Result.Warnings.Count());
        public int PagesWithErrors => Pages.Count(p => p.Result.HasErrors);
    }

    private readonly ConditionalWeakTable<PublishedSnapshot, Report> _bySnapshot = new();

    /// <summary>The report for the site as published now; <paramref name="fresh"/> checks again even if done already.</summary>
    public Report Current(bool fresh = false)
    {
        var snapshot = cache.Current;
        if (!fresh && _bySnapshot.TryGetValue(snapshot, out var report)) return report;
        var pages = snapshot.All.Where(n => n.Url is not null && n.HasValue("body"))
            .OrderBy(n => n.Url, StringComparer.Ordinal)
            .Select(n => new PageResult(n, checker.Check(n.Value("body"))))
            .ToList();
        report = new Report(clock.GetUtcNow().UtcDateTime, pages);
        _bySnapshot.AddOrUpdate(snapshot, report);
        return report;
    }
}
