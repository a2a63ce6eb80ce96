using System.Text;
using SkiaSharp;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Exceptions;
using Zaitaku.Core.Media;

namespace Zaitaku.Infrastructure.Media;

/// <summary>Why an upload was refused, in words for the editor, and which field the message belongs beside.</summary>
public sealed class MediaRefusedException(string message, string field = "file") : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>A file that passed every check, ready to be stored (images already re-encoded).</summary>
public sealed record CheckedFile(MediaKind Kind, string MediaType, string Path, long Length, int? Width, int? Height, int? PageCount);

/// <summary>
/// OWASP ASVS V5 file checks: the type from the content, not the name; size and pixel limits before
/// decoding; images decoded and re-encoded (which drops EXIF, GPS included, and anything hidden in
/// the file); PDFs opened with PdfPig and refused when broken, encrypted or holding anything beyond a
/// plain document (<see cref="PdfActiveContent"/>).
/// </summary>
public sealed class MediaFileCheck(MediaOptions options, ImageDecodeGate? gate = null)
{
    private readonly ImageDecodeGate _gate = gate ?? new ImageDecodeGate(options.ConcurrentImageDecodes);

    public const string AllowedTypesText = "JPEG・PNG・WebP の画像か、PDF";

    /// <param name="path">The upload as received, in a temporary file.</param>
    /// <param name="outputPath">Where a re-encoded image is written (a PDF is kept as it is).</param>
    public CheckedFile Check(string path, string outputPath)
    {
        var length = new FileInfo(path).Length;
        if (length == 0) throw new MediaRefusedException("ファイルが空です（0バイト）。中身のあるファイルを選んでください。");
        var head = ReadHead(path, 64);
        var type = Sniff(head) ?? throw new MediaRefusedException(DescribeUnknown(head));
        if (type == "application/pdf")
        {
            if (length > options.MaxDocumentBytes)
                throw new MediaRefusedException($"PDF が大きすぎます（{Megabytes(length)}）。{Megabytes(options.MaxDocumentBytes)}までにしてください。");
            var pages = CheckPdf(path);
            return new CheckedFile(MediaKind.Document, type, path, length, null, null, pages);
        }
        if (length > options.MaxImageBytes)
            throw new MediaRefusedException($"画像が大きすぎます（{Megabytes(length)}）。{Megabytes(options.MaxImageBytes)}までにしてください。");
        RefuseHiddenMarkup(path);
        return _gate.Run(() => ReencodeImage(path, outputPath, type));
    }

    /// <summary>The type by magic numbers. SVG, HTML and programs are not among them, whatever their name says.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return "image/jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return "image/png";
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8)) return "image/webp";
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        return null;
    }

    private static string DescribeUnknown(ReadOnlySpan<byte> head)
    {
        var text = Encoding.UTF8.GetString(head).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').ToLowerInvariant();
        if (text.StartsWith("<svg") || text.StartsWith("<?xml"))
            return "SVG 画像は、中にプログラムを含められるため登録できません。PNG か JPEG に書き出してから登録してください。";
        if (head.StartsWith("MZ"u8) || head.StartsWith("\u007fELF"u8))
            return $"このファイルはプログラムです。登録できるのは{AllowedTypesText}だけです（ファイル名の拡張子ではなく、中身で判断しています）。";
        return $"このファイルは{AllowedTypesText}ではありません。ファイルの中身で判断しています。別の形式のファイルは、この形に書き出してから登録してください。";
    }

    /// <summary>
    /// A file that is an image and a web page at once (a polyglot) is refused outright, before any
    /// decoder sees it: re-encoding would drop the markup, but such a file is never an honest photo.
    /// </summary>
    private static void RefuseHiddenMarkup(string path)
    {
        byte[][] markers = ["<script"u8.ToArray(), "<html"u8.ToArray(), "<svg"u8.ToArray(), "<?php"u8.ToArray(), "<iframe"u8.ToArray(), "<body"u8.ToArray()];
        // In 1 MB pieces that overlap by a marker's length, so a 20 MB photo costs 1 MB of memory, not 20.
        const int overlap = 8;
        var buffer = new byte[1024 * 1024 + overlap];
        using var stream = File.OpenRead(path);
        var kept = 0;
        int read;
        while ((read = stream.Read(buffer, kept, buffer.Length - kept)) > 0)
        {
            ReadOnlySpan<byte> bytes = buffer.AsSpan(0, kept + read);
            foreach (var marker in markers)
            {
                if (IndexOfIgnoreCase(bytes, marker) >= 0)
                    throw new MediaRefusedException("この画像には、ウェブページやプログラムの一部が埋め込まれています。安全のため登録できません。画像を開き直して保存し直したものを登録してください。");
            }
            kept = Math.Min(overlap, bytes.Length);
            bytes[^kept..].CopyTo(buffer);
        }
    }

    private CheckedFile ReencodeImage(string path, string outputPath, string type)
    {
        using var stream = File.OpenRead(path);
        using var codec = SKCodec.Create(stream, out var result);
        if (codec is null)
            throw new MediaRefusedException("画像ファイルが壊れているため、読み取れません。元の画像から保存し直してください。");
        // Only the header has been read: the pixel limit holds before any memory is given to pixels.
        var info = codec.Info;
        if (info.Width > options.MaxSide || info.Height > options.MaxSide || (long)info.Width * info.Height > options.MaxPixels)
            throw new MediaRefusedException($"画像の大きさ（{info.Width}×{info.Height}ピクセル）が上限を超えています。縦横それぞれ{options.MaxSide}ピクセル、合わせて{options.MaxPixels / 10_000:#,0}万画素までにしてください。写真なら、スマートフォンや編集ソフトで縮小してから登録してください。");
        if (type == "image/png" && (long)info.Width * info.Height > options.MaxPngPixels)
            throw new MediaRefusedException($"PNG 画像の大きさ（{info.Width}×{info.Height}ピクセル）が上限を超えています。PNG は{options.MaxPngPixels / 10_000:#,0}万画素までです。写真なら JPEG で保存するか、縮小してから登録してください。");

        // Row by row into the stored size where the codec allows it: the full-size picture is never in memory.
        var decoded = ImageCodecs.DecodeWithin(codec, options.StoredLongSide)
            ?? throw new MediaRefusedException("画像ファイルが途中で切れているか壊れているため、読み取れません。元の画像から保存し直してください。");
        using var fitted = ImageCodecs.FitWithin(ImageCodecs.Upright(decoded, codec.EncodedOrigin), options.StoredLongSide);
        var format = type switch { "image/png" => SKEncodedImageFormat.Png, "image/webp" => SKEncodedImageFormat.Webp, _ => SKEncodedImageFormat.Jpeg };
        using (var output = File.Create(outputPath))
        {
            if (!fitted.Encode(output, format, 90))
                throw new MediaRefusedException("画像を保存し直せませんでした。別の形式（JPEG か PNG）で保存してから登録してください。");
        }
        return new CheckedFile(MediaKind.Image, type, outputPath, new FileInfo(outputPath).Length, fitted.Width, fitted.Height, null);
    }

    /// <returns>The page count.</returns>
    private static int CheckPdf(string path)
    {
        var raw = File.ReadAllBytes(path);
        // An /Encrypt entry means the content is encrypted, whatever password (or none) opens it.
        if (IndexOfIgnoreCase(raw, "/Encrypt"u8) >= 0)
            throw new MediaRefusedException("パスワードで保護された（暗号化された）PDF は登録できません。保護を外した PDF を登録してください。");
        PdfDocument document;
        try
        {
            document = PdfDocument.Open(path, new ParsingOptions { UseLenientParsing = false, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException)
        {
            throw new MediaRefusedException("パスワードで保護された PDF は登録できません。保護を外した PDF を登録してください。");
        }
        catch (Exception)
        {
            throw new MediaRefusedException("PDF ファイルが壊れているため、開けません。元のファイルから PDF を作り直してください。");
        }
        using (document)
        {
            if (document.IsEncrypted)
                throw new MediaRefusedException("暗号化された PDF は登録できません。保護を外した PDF を登録してください。");
            int pages;
            try
            {
                pages = document.NumberOfPages;
                if (pages == 0) throw new MediaRefusedException("ページのない PDF は登録できません。");
                if (PdfActiveContent.Find(document) is { } found)
                    throw new MediaRefusedException(ActiveContentMessage(found));
            }
            catch (MediaRefusedException) { throw; }
            catch (Exception)
            {
                throw new MediaRefusedException("PDF ファイルが壊れているため、開けません。元のファイルから PDF を作り直してください。");
            }
            // Belt and braces: names written in the file outside any object the cross-reference lists.
            if (IndexOfIgnoreCase(raw, "/JavaScript"u8) >= 0 || IndexOfIgnoreCase(raw, "/Launch"u8) >= 0)
                throw new MediaRefusedException(ActiveContentMessage("JavaScript"));
            return pages;
        }
    }

    private static string ActiveContentMessage(string found) =>
        $"この PDF には、読むための文書には要らないもの（{found}）が含まれています。開くと動くプログラム、ほかのアプリやファイルを開く設定、"
        + "入力内容の送信、埋め込まれたファイルは、安全のため登録できません。印刷機能で「PDF に保存」するなどして、文書だけの PDF を作り直してから登録してください。";

    /// <summary>Whether a stored PDF passes today's check: one stored before a stricter check is served only as a download.</summary>
    public static bool IsPlainPdf(string path)
    {
        try
        {
            CheckPdf(path);
            return true;
        }
        catch (MediaRefusedException)
        {
            return false;
        }
    }

    private static byte[] ReadHead(string path, int count)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[count];
        var read = stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false);
        return buffer[..read];
    }

    private static int IndexOfIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && Lower(haystack[i + j]) == Lower(needle[j])) j++;
            if (j == needle.Length) return i;
        }
        return -1;
    }

    private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;

    private static string Megabytes(long bytes) => $"{bytes / (1024.0 * 1024.0):0.#}MB";
}
