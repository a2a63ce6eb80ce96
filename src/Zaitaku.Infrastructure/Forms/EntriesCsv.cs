using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Forms;

namespace Zaitaku.Infrastructure.Forms;

/// <summary>
/// A form's entries as CSV that Excel opens correctly: UTF-8 with a BOM, CRLF, Japanese headers, and no cell that Excel
/// would run as a formula. Columns: the entry's facts, today's fields in their order, then any older question that
/// entries still answer.
/// </summary>
public static class EntriesCsv
{
    public static byte[] Write(FormDefinition form, IReadOnlyList<(FormEntry Entry, IReadOnlyList<EntryValue> Values)> answers,
        Func<EntryStatus, string> statusText)
    {
        var columns = form.GetFields().Select(f => (f.Key, f.Label)).ToList();
        foreach (var value in answers.SelectMany(a => a.Values))
            if (value.FieldKey != Guid.Empty && columns.All(c => c.Key != value.FieldKey)) columns.Add((value.FieldKey, value.Label));

        var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true))
        using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            NewLine = "\r\n",
            // A cell starting with = + - @ is not run as a formula by Excel; Japanese Excel reads the full-width
            // ＝ ＋ ＠ － and the minus sign − as those too.
            InjectionOptions = InjectionOptions.Escape,
            InjectionCharacters = ['=', '@', '+', '-', '\t', '\r', '＝', '＠', '＋', '－', '−'],
        }))
        {
            foreach (var header in new[] { "受付番号", "受付日時", "状態", "対応", "送信したページ" }.Concat(columns.Select(c => c.Label)))
                csv.WriteField(header);
            csv.NextRecord();
            foreach (var (entry, values) in answers)
            {
                csv.WriteField(entry.Receipt);
                csv.WriteField(JapaneseDates.ToJapanTime(entry.CreatedUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
                csv.WriteField(statusText(entry.Status));
                csv.WriteField(entry.HandledUtc is null ? "未対応" : "対応済み");
                csv.WriteField(entry.PageUrl ?? "");
                foreach (var (key, _) in columns) csv.WriteField(values.FirstOrDefault(v => v.FieldKey == key)?.Value ?? "");
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }
}
