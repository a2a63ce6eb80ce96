using System.Globalization;

namespace Zaitaku.Core.Statistics;

/// <summary>
/// One of the plan's activity indicators (活動指標): what the city does under one of its measures (施策),
/// with the value the city's document gives for each fiscal year, kept as written. Most are words
/// (「実施」「維持」) or two figures (「7→8」); only some are one plain number in both the first and
/// the last year, and those can be drawn as baseline → target.
/// </summary>
public sealed record ActivityIndicator(string Area, string Name, string Unit, IReadOnlyList<ActivityValue> Values)
{
    /// <summary>The leading CSV columns; every further column is headed by a fiscal year (2023, 2024 ...).</summary>
    public static readonly string[] Columns = ["area", "indicator", "unit"];

    /// <summary>Null when the table is not an activity indicator table (a column missing, a year heading that is not a year).</summary>
    public static IReadOnlyList<ActivityIndicator>? From(CsvTable table)
    {
        if (table.Header.Count <= Columns.Length || Columns.Where((c, i) => table.Header[i] != c).Any()) return null;
        var years = new List<int>();
        foreach (var heading in table.Header.Skip(Columns.Length))
        {
            if (!int.TryParse(heading, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1989 || year > 2200) return null;
            years.Add(year);
        }
        return table.Rows.Where(r => r.Any(c => c.Length > 0))
            .Select(r => new ActivityIndicator(r[0], r[1], r[2],
                years.Select((y, i) => new ActivityValue(y, r[Columns.Length + i])).ToList()))
            .ToList();
    }

    public ActivityValue Baseline => Values[0];
    public ActivityValue Target => Values[^1];

    /// <summary>True when the first and the last year each hold one plain number: a chart can show baseline → target.</summary>
    public bool IsNumeric => Baseline.Number is not null && Target.Number is not null;

    /// <summary>The measures in the order the table first names them, for 「1．」「2．」 headings.</summary>
    public static IReadOnlyList<string> Areas(IEnumerable<ActivityIndicator> indicators) =>
        indicators.Select(i => i.Area).Distinct().ToList();
}

/// <summary>A year's value as the city wrote it, and its number when it is one plain number.</summary>
public sealed record ActivityValue(int FiscalYear, string Text)
{
    public decimal? Number =>
        decimal.TryParse(Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>「－」 for an empty cell, as the city's table marks a year with nothing planned.</summary>
    public string Display => Text.Length == 0 ? "－" : Text;
}
