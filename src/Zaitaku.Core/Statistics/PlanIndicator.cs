using System.Globalization;

namespace Zaitaku.Core.Statistics;

/// <summary>
/// One of the plan's outcome indicators (成果指標, 資料1 section 3): its value in the baseline year
/// and the target, which the plan states in words (「増加」) rather than as a number.
/// </summary>
public sealed record PlanIndicator(
    string Number, string Name, string Unit, int BaselineFiscalYear, decimal? Baseline, int TargetFiscalYear, string Target, string Survey)
{
    /// <summary>The CSV columns an editor keeps on the indicators page, in order.</summary>
    public static readonly string[] Columns = ["number", "indicator", "unit", "baseline_fiscal_year", "baseline", "target_fiscal_year", "target", "survey"];

    /// <summary>Null when the table is not an indicator table, so the page falls back to a plain table.</summary>
    public static IReadOnlyList<PlanIndicator>? From(CsvTable table)
    {
        var at = Columns.Select(table.Column).ToArray();
        if (at.Any(i => i < 0)) return null;
        var list = new List<PlanIndicator>();
        foreach (var r in table.Rows)
        {
            if (!int.TryParse(r[at[3]], NumberStyles.Integer, CultureInfo.InvariantCulture, out var baseYear)
                || !int.TryParse(r[at[5]], NumberStyles.Integer, CultureInfo.InvariantCulture, out var targetYear)) return null;
            decimal? baseline = decimal.TryParse(r[at[4]], NumberStyles.Number, CultureInfo.InvariantCulture, out var b) ? b : null;
            list.Add(new PlanIndicator(r[at[0]], r[at[1]], r[at[2]], baseYear, baseline, targetYear, r[at[6]], r[at[7]]));
        }
        return list;
    }

    /// <summary>「62.4％」, or 「―」 when the baseline is missing.</summary>
    public string BaselineText => Baseline is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) + UnitText : "―";

    private string UnitText => Unit == "%" ? "％" : Unit;
}
