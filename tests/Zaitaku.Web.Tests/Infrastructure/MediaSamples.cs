using System.Text;
using SkiaSharp;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>Good and bad files for the upload checks, made byte by byte so each is exactly what its name says.</summary>
public static class MediaSamples
{
    /// <summary>A photo-like JPEG (a gradient, so it compresses like a picture, not like a flat colour).</summary>
    public static byte[] Jpeg(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [SKColors.SteelBlue, SKColors.Orange, SKColors.SeaGreen], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, width, height, paint);
        }
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    public static byte[] Png(int width, int height) => Jpeg(width, height, SKEncodedImageFormat.Png);

    public static byte[] Webp(int width, int height) => Jpeg(width, height, SKEncodedImageFormat.Webp);

    /// <summary>A JPEG with an EXIF block saying "turn me 90° clockwise" and carrying a GPS position.</summary>
    public static byte[] JpegWithGpsAndOrientation(int width, int height)
    {
        var jpeg = Jpeg(width, height);
        var tiff = new List<byte>();
        tiff.AddRange("II*\0"u8.ToArray());
        tiff.AddRange(BitConverter.GetBytes(8));
        // IFD0: Orientation = 6 (RightTop), GPSInfo → the GPS IFD at offset 38.
        tiff.AddRange(BitConverter.GetBytes((short)2));
        tiff.AddRange(Entry(0x0112, 3, 1, 6));
        tiff.AddRange(Entry(0x8825, 4, 1, 38));
        tiff.AddRange(BitConverter.GetBytes(0));
        // GPS IFD: GPSLatitudeRef "N", and a latitude a test can look for.
        tiff.AddRange(BitConverter.GetBytes((short)2));
        tiff.AddRange(Entry(0x0001, 2, 2, 'N'));
        tiff.AddRange(Entry(0x001D, 2, 11, 68)); // GPSDateStamp at offset 68
        tiff.AddRange(BitConverter.GetBytes(0));
        tiff.AddRange(Encoding.ASCII.GetBytes("2026:11:24\0"));
        var app1 = new List<byte> { 0xFF, 0xE1 };
        var payload = Encoding.ASCII.GetBytes("Exif\0\0").Concat(tiff).ToArray();
        app1.Add((byte)((payload.Length + 2) >> 8));
        app1.Add((byte)((payload.Length + 2) & 0xFF));
        app1.AddRange(payload);
        return [.. jpeg[..2], .. app1, .. jpeg[2..]];
    }

    private static byte[] Entry(ushort tag, ushort type, int count, int value) =>
        [.. BitConverter.GetBytes(tag), .. BitConverter.GetBytes(type), .. BitConverter.GetBytes(count), .. BitConverter.GetBytes(value)];

    public static byte[] TruncatedJpeg() => Jpeg(1200, 900)[..4000];

    /// <summary>A valid PNG header declaring 50000×50000 pixels (10 GB decoded) and almost no data.</summary>
    public static byte[] PngBomb()
    {
        var ihdr = new List<byte>();
        ihdr.AddRange(BigEndian(50000));
        ihdr.AddRange(BigEndian(50000));
        ihdr.AddRange(new byte[] { 8, 2, 0, 0, 0 });
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Chunk("IHDR", [.. ihdr]), .. Chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), .. Chunk("IEND", [])];
    }

    public static byte[] SvgWithScript() =>
        Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)</script></svg>");

    /// <summary>A real JPEG that also carries a web page in a comment segment.</summary>
    public static byte[] HtmlJpegPolyglot()
    {
        var jpeg = Jpeg(64, 64);
        var html = Encoding.ASCII.GetBytes("<html><body><script>alert(1)</script></body></html>");
        byte[] comment = [0xFF, 0xFE, (byte)((html.Length + 2) >> 8), (byte)((html.Length + 2) & 0xFF), .. html];
        return [.. jpeg[..2], .. comment, .. jpeg[2..]];
    }

    public static byte[] ExeNamedJpg() => [.. "MZ"u8.ToArray(), 0x90, 0x00, .. new byte[400]];

    /// <summary>A one-page PDF; with <paramref name="openAction"/> it runs that action when opened; with <paramref name="text"/> (ASCII) the page says it.</summary>
    public static byte[] Pdf(string? openAction = null, string? trailerExtra = null, string? text = null)
    {
        var page = text is null
            ? "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"
            : "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 6 0 R >>";
        var objects = new List<string>
        {
            "<< /Type /Catalog /Pages 2 0 R" + (openAction is null ? "" : " /OpenAction 4 0 R") + " >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            page,
        };
        if (openAction is not null || text is not null) objects.Add(openAction ?? "<< >>");
        if (text is not null)
        {
            var stream = $"BT /F1 24 Tf 72 720 Td ({text}) Tj ET";
            objects.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
            objects.Add($"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream");
        }
        var body = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(body.Length);
            body.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }
        var xref = body.Length;
        body.Append($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) body.Append($"{offset:D10} 00000 n \n");
        body.Append($"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R{trailerExtra} >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(body.ToString());
    }

    public static byte[] PdfWithJavaScript() => Pdf("<< /Type /Action /S /JavaScript /JS (app.alert\\('x'\\)) >>");

    public static byte[] PdfWithLaunch() => Pdf("<< /Type /Action /S /Launch /F (calc.exe) >>");

    public static byte[] EncryptedPdf() =>
        Pdf(trailerExtra: " /Encrypt << /Filter /Standard /V 1 /R 2 /O <" + new string('a', 64) + "> /U <" + new string('b', 64) + "> /P -44 >> /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]");

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    private static byte[] Chunk(string type, byte[] data)
    {
        var typeBytes = Encoding.ASCII.GetBytes(type);
        return [.. BigEndian(data.Length), .. typeBytes, .. data, .. BigEndian((int)Crc32([.. typeBytes, .. data]))];
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
