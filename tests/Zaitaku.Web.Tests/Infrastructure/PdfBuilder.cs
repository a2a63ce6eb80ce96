using System.Text;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// Writes a PDF from its objects (object 1 is the catalog, object 2 the page tree, object 3 the page),
/// with a classic cross-reference table, or with the objects named in <paramref name="compressed"/>
/// inside an object stream and a cross-reference stream, as PDF 1.5 writers do.
/// </summary>
public static class PdfBuilder
{
    public static byte[] Build(IReadOnlyList<string> objects, IReadOnlyCollection<int>? compressed = null, string version = "1.7")
    {
        compressed ??= [];
        var body = new StringBuilder($"%PDF-{version}\n");
        var offsets = new Dictionary<int, int>();
        for (var i = 1; i <= objects.Count; i++)
        {
            if (compressed.Contains(i)) continue;
            offsets[i] = Encoding.Latin1.GetByteCount(body.ToString());
            body.Append($"{i} 0 obj\n{objects[i - 1]}\nendobj\n");
        }
        if (compressed.Count == 0)
        {
            var xref = Encoding.Latin1.GetByteCount(body.ToString());
            body.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
            for (var i = 1; i <= objects.Count; i++) body.Append($"{offsets[i]:D10} 00000 n \n");
            body.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            return Encoding.Latin1.GetBytes(body.ToString());
        }

        // The object stream: "number offset" pairs, then the objects themselves.
        var streamNumber = objects.Count + 1;
        var members = compressed.Order().ToList();
        var header = new StringBuilder();
        var contents = new StringBuilder();
        foreach (var number in members)
        {
            header.Append($"{number} {contents.Length} ");
            contents.Append(objects[number - 1]).Append('\n');
        }
        var first = header.Length;
        var data = header.ToString() + contents;
        offsets[streamNumber] = Encoding.Latin1.GetByteCount(body.ToString());
        body.Append($"{streamNumber} 0 obj\n<< /Type /ObjStm /N {members.Count} /First {first} /Length {data.Length} >>\nstream\n{data}\nendstream\nendobj\n");

        var xrefNumber = streamNumber + 1;
        var xrefOffset = Encoding.Latin1.GetByteCount(body.ToString());
        offsets[xrefNumber] = xrefOffset;
        var entries = new List<byte>();
        void Entry(byte type, int field2, int field3) =>
            entries.AddRange([type, (byte)(field2 >> 24), (byte)(field2 >> 16), (byte)(field2 >> 8), (byte)field2, (byte)(field3 >> 8), (byte)field3]);
        Entry(0, 0, 65535);
        for (var i = 1; i <= xrefNumber; i++)
        {
            if (compressed.Contains(i)) Entry(2, streamNumber, members.IndexOf(i));
            else Entry(1, offsets[i], 0);
        }
        body.Append($"{xrefNumber} 0 obj\n<< /Type /XRef /Size {xrefNumber + 1} /W [1 4 2] /Root 1 0 R /Length {entries.Count} >>\nstream\n");
        var head = Encoding.Latin1.GetBytes(body.ToString());
        var tail = Encoding.Latin1.GetBytes($"\nendstream\nendobj\nstartxref\n{xrefOffset}\n%%EOF\n");
        return [.. head, .. entries, .. tail];
    }

    /// <summary>A catalog (with <paramref name="catalogExtra"/>), one page (with <paramref name="pageExtra"/>) and further objects from number 4.</summary>
    public static byte[] Document(string catalogExtra = "", string pageExtra = "", IReadOnlyList<string>? more = null, IReadOnlyCollection<int>? compressed = null) =>
        Build([
            $"<< /Type /Catalog /Pages 2 0 R {catalogExtra} >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] {pageExtra} >>",
            .. more ?? [],
        ], compressed);
}
