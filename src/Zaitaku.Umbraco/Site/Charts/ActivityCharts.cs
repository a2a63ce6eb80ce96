using System.Globalization;
using Zaitaku.Core.Statistics;

namespace Zaitaku.Web.Site.Charts;

/// <summary>
/// The plan's activity indicators (活動指標) as charts: those whose first and last year each hold one
/// plain number, drawn as baseline → target, one chart per unit so that counts and percentages never
/// share a scale. The others are words and stay in the table only. Made from the CSV an editor keeps.
/// </summary>
public static class ActivityCharts
{
    public static IReadOnlyList<BarChart> BaselineToTarget(IReadOnlyList<ActivityIndicator> indicators) =>
        indicators.Where(i => i.IsNumeric).GroupBy(i => i.Unit).Select((unit, n) => Chart(unit.ToList(), n)).ToList();

    private static BarChart Chart(IReadOnlyList<ActivityIndicator> indicators, int n)
    {
        var from = StatisticsCharts.YearName(indicators[0].Baseline.FiscalYear);
        var to = StatisticsCharts.YearName(indicators[0].Target.FiscalYear);
        return new BarChart
        {
            Id = n == 0 ? "chart-activity" : $"chart-activity-{n + 1}",
            Title = $"活動指標の{from}の値と{to}の目標",
            Description = $"数値で示された{indicators.Count}つの活動指標の、{from}の値と{to}の目標を並べた横棒グラフです。" +
                string.Concat(indicators.Select(i =>
                    $"{i.Name}は{YearName(i.Baseline)}が{Figure(i, i.Baseline)}、{YearName(i.Target)}の目標が{Figure(i, i.Target)}。")),
            // A percentage is drawn on its 0–100 track, as the outcome indicators are.
            ScaleMax = indicators[0].Unit == "%" ? 100 : null,
            Groups = indicators.Select(i => new ChartGroup(i.Name,
            [
                new ChartBar(YearName(i.Baseline), i.Baseline.Number!.Value, Figure(i, i.Baseline)),
                new ChartBar($"{YearName(i.Target)}の目標", i.Target.Number!.Value, Figure(i, i.Target)),
            ])).ToList(),
        };
    }

    private static string YearName(ActivityValue value) => StatisticsCharts.YearName(value.FiscalYear);

    /// <summary>「8回」「91.4％」: the figure with its unit.</summary>
    public static string Figure(ActivityIndicator indicator, ActivityValue value) =>
        value.Number!.Value.ToString("0.###", CultureInfo.InvariantCulture) + (indicator.Unit == "%" ? "％" : indicator.Unit);
}
