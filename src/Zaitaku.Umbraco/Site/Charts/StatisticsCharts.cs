using Zaitaku.Core.Dates;
using Zaitaku.Core.Statistics;

namespace Zaitaku.Web.Site.Charts;

/// <summary>
/// The charts of the statistics pages, made from the CSV an editor keeps: change a figure and the
/// bar, its label and the description follow. No number is written here.
/// </summary>
public static class StatisticsCharts
{
    /// <summary>「令和6年度」: short enough to stand beside a bar on a phone.</summary>
    public static string YearName(int fiscalYear) => JapaneseDates.FormatFiscalYear(fiscalYear).Split('（')[0];

    /// <summary>All meetings' participants added up, one bar per year, oldest first.</summary>
    public static BarChart ParticipantsByYear(IReadOnlyList<ParticipationYear> years)
    {
        var totals = years.OrderBy(y => y.FiscalYear)
            .Select(y => (y.FiscalYear, Total: y.Rows.Sum(r => r.Participants ?? 0))).ToList();
        var description = totals.Count == 0 ? "データがありません。" :
            $"{YearName(totals[0].FiscalYear)}から{YearName(totals[^1].FiscalYear)}までの、年度ごとの延べ参加者数（すべての会議の合計）の横棒グラフです。" +
            $"最も多いのは{YearName(totals.MaxBy(t => t.Total).FiscalYear)}の{totals.Max(t => t.Total)}人、" +
            $"{YearName(totals[^1].FiscalYear)}は{totals[^1].Total}人です。";
        return new BarChart
        {
            Id = "chart-participants-by-year",
            Title = "年度ごとの延べ参加者数（すべての会議の合計）",
            Description = description,
            Groups = [new ChartGroup(null, totals.Select(t => new ChartBar(YearName(t.FiscalYear), t.Total, $"{t.Total}人")).ToList())],
        };
    }

    /// <summary>Each body's participants year by year, one group per body, on one shared scale.</summary>
    public static BarChart ParticipantsByBody(IReadOnlyList<ParticipationYear> years)
    {
        var rows = years.OrderBy(y => y.FiscalYear)
            .SelectMany(y => y.Rows.Where(r => r.Participants is not null).Select(r => (y.FiscalYear, r.Body, Participants: r.Participants!.Value)))
            .ToList();
        // The council first, then its working groups in order (部会A, 部会B ...), as the city's table lists them.
        var bodies = years.SelectMany(y => y.Rows.Select(r => r.Body)).Distinct()
            .OrderBy(b => b.StartsWith("部会", StringComparison.Ordinal) ? 1 : 0).ThenBy(b => b, StringComparer.Ordinal).ToList();
        var groups = bodies.Select(b => new ChartGroup(b, rows.Where(r => r.Body == b)
            .Select(r => new ChartBar(YearName(r.FiscalYear), r.Participants, $"{r.Participants}人")).ToList()))
            .Where(g => g.Bars.Count > 0).ToList();
        var busiest = rows.Count == 0 ? default : rows.MaxBy(r => r.Participants);
        return new BarChart
        {
            Id = "chart-participants-by-body",
            Title = "会議ごとの延べ参加者数",
            Description = rows.Count == 0 ? "データがありません。" :
                $"{string.Join("、", groups.Select(g => g.Heading))}の、年度ごとの延べ参加者数の横棒グラフです。" +
                $"最も多いのは{YearName(busiest.FiscalYear)}の{busiest.Body}で{busiest.Participants}人です。",
            Groups = groups,
        };
    }

    /// <summary>The outcome indicators' baseline values on a 0–100% track, each with its target written under it.</summary>
    public static BarChart Indicators(IReadOnlyList<PlanIndicator> indicators)
    {
        var percent = indicators.All(i => i.Unit == "%");
        var baseYears = indicators.Select(i => i.BaselineFiscalYear).Distinct().ToList();
        var title = baseYears.Count == 1 ? $"成果指標の{YearName(baseYears[0])}の値と目標" : "成果指標の値と目標";
        return new BarChart
        {
            Id = "chart-indicators",
            Title = title,
            Description = $"{indicators.Count}つの成果指標の値を、0から100％の横棒で表したグラフです。" +
                string.Join("", indicators.Select(i => $"{i.Number}は{i.BaselineText}（{YearName(i.TargetFiscalYear)}の目標は{i.Target}）。")),
            ScaleMax = percent ? 100 : null,
            LabelsAbove = true,
            Groups = [new ChartGroup(null, indicators.Select(i => new ChartBar(
                $"{i.Number}．{i.Name}", i.Baseline ?? 0,
                baseYears.Count == 1 ? i.BaselineText : $"{YearName(i.BaselineFiscalYear)} {i.BaselineText}",
                $"{YearName(i.TargetFiscalYear)}の目標：{i.Target}")).ToList())],
        };
    }
}
