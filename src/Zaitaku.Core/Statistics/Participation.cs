using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Zaitaku.Core.Statistics;

/// <summary>
/// The meeting participation statistics (資料1 section 4) grouped by fiscal year, newest first.
/// Null when the CSV does not have the expected columns, so the page falls back to a plain table.
/// </summary>
public sealed record ParticipationYear(int FiscalYear, string Label, IReadOnlyList<ParticipationRow> Rows)
{
    public static IReadOnlyList<ParticipationYear>? From(CsvTable table)
    {
        int year = table.Column("fiscal_year"), label = table.Column("fiscal_year_label"), body = table.Column("body"),
            meetings = table.Column("meetings"), organizations = table.Column("organizations"), participants = table.Column("participants");
        if (new[] { year, label, body, meetings, organizations, participants }.Any(i => i < 0)) return null;
        var rows = new List<(int Year, string Label, ParticipationRow Row)>();
        foreach (var r in table.Rows)
        {
            if (!int.TryParse(r[year], out var y)) return null;
            rows.Add((y, r[label], new ParticipationRow(r[body], ToInt(r[meetings]), ToInt(r[organizations]), ToInt(r[participants]))));
        }
        return rows.GroupBy(r => r.Year).OrderByDescending(g => g.Key)
            .Select(g => new ParticipationYear(g.Key, g.First().Label, g.Select(x => x.Row).ToList())).ToList();
    }

    private static int? ToInt(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;
}

public sealed record ParticipationRow(string Body, int? Meetings, int? Organizations, int? Participants);
