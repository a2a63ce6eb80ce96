using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Zaitaku.Core.Statistics;

/// <summary>A table an editor keeps as CSV (the Zaitaku.CsvTable property editor): a header row, then data.</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    public static CsvTable Parse(string csv)
    {
        using var reader = new CsvReader(new StringReader(csv.Trim()), new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
            MissingFieldFound = null,
        });
        var rows = new List<IReadOnlyList<string>>();
        string[] header = [];
        if (reader.Read() && reader.ReadHeader()) header = reader.HeaderRecord ?? [];
        while (reader.Read())
            rows.Add(Enumerable.Range(0, header.Length).Select(i => reader.TryGetField<string>(i, out var v) ? v ?? "" : "").ToList());
        return new CsvTable(header, rows);
    }

    public int Column(string name) => Header.ToList().FindIndex(h => h == name);
}

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
