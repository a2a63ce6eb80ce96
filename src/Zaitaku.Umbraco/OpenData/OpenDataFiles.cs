using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Zaitaku.Core.Dates;

namespace Zaitaku.Web.OpenData;

/// <summary>Writes a dataset as CSV (UTF-8 with BOM, so Excel opens it as Japanese) and as JSON.</summary>
public static class OpenDataFiles
{
    public static byte[] ToCsv(Dataset dataset)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }))
        {
            foreach (var column in dataset.Columns) csv.WriteField(column.Name);
            csv.NextRecord();
            foreach (var row in dataset.Rows)
            {
                foreach (var cell in row) csv.WriteField(Cell(cell));
                csv.NextRecord();
            }
        }
        return stream.ToArray();
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static byte[] ToJson(Dataset dataset)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true,
            // Japanese stays readable; <, > and & are still escaped.
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        }))
        {
            w.WriteStartObject();
            w.WriteString("title", dataset.Title);
            w.WriteString("description", dataset.Description);
            w.WriteString("publisher", dataset.Publisher);
            w.WriteString("license", OpenDataCatalog.LicenseUrl);
            w.WriteString("licenseName", OpenDataCatalog.LicenseName);
            if (dataset.SourceAbsoluteUrl is not null) w.WriteString("source", dataset.SourceAbsoluteUrl);
            w.WriteString("modified", JapaneseDates.JapanDate(dataset.ModifiedUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            if (dataset.SampleNote is not null) w.WriteString("sampleNote", dataset.SampleNote);
            w.WriteStartArray("columns");
            foreach (var c in dataset.Columns)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("description", c.Description);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("records");
            foreach (var row in dataset.Rows)
            {
                w.WriteStartObject();
                for (var i = 0; i < dataset.Columns.Count; i++)
                {
                    var name = dataset.Columns[i].Name;
                    switch (row[i])
                    {
                        case null: w.WriteNull(name); break;
                        case int n: w.WriteNumber(name, n); break;
                        case decimal d: w.WriteNumber(name, d); break;
                        default: w.WriteString(name, row[i]!.ToString()); break;
                    }
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return stream.ToArray();
    }
}
