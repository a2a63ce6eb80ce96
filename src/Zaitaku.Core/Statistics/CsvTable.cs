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
