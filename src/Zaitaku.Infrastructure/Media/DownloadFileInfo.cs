using System.Collections.Concurrent;
using System.Globalization;
using UglyToad.PdfPig;

namespace Zaitaku.Infrastructure.Media;

/// <summary>Type, size and page count of a downloadable file, for link text such as 「（PDF：1.2MB・8ページ）」.</summary>
public sealed record DownloadFileInfo(string TypeLabel, long Bytes, int? Pages)
{
    /// <summary>「PDF：1.2MB・8ページ」</summary>
    public string Describe() => FormatLabel(TypeLabel, Bytes, Pages);

    public static string FormatLabel(string typeLabel, long bytes, int? pages) =>
        $"{typeLabel}：{FormatSize(bytes)}" + (pages is { } p ? $"・{p}ページ" : "");

    /// <summary>Sizes as Japanese municipal sites give them: KB below 1 MB, else MB with one decimal.</summary>
    public static string FormatSize(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, (int)Math.Ceiling(bytes / 1024.0))}KB"
        : (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + "MB";
}

/// <summary>Reads file facts once per file version (path, size and time), since PDFs are opened to count pages.</summary>
public sealed class DownloadFileInspector(string mediaFolder)
{
    private readonly ConcurrentDictionary<(string, long, DateTime), DownloadFileInfo?> _cache = new();

    /// <param name="mediaUrl">A media URL such as /media/seed/watashi-note-sample.pdf.</param>
    public DownloadFileInfo? Inspect(string? mediaUrl)
    {
        if (mediaUrl is null || !mediaUrl.StartsWith("/media/", StringComparison.Ordinal)) return null;
        var full = Path.GetFullPath(Path.Combine(mediaFolder, mediaUrl["/media/".Length..]));
        // With the separator, a sibling such as media-private/ does not pass for media/.
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(mediaFolder)) + Path.DirectorySeparatorChar;
        if (!full.StartsWith(root, StringComparison.Ordinal) || !File.Exists(full)) return null;
        var file = new FileInfo(full);
        return _cache.GetOrAdd((full, file.Length, file.LastWriteTimeUtc), _ => Read(file));
    }

    private static DownloadFileInfo Read(FileInfo file)
    {
        var extension = file.Extension.TrimStart('.').ToUpperInvariant();
        if (extension != "PDF") return new DownloadFileInfo(extension, file.Length, null);
        try
        {
            using var pdf = PdfDocument.Open(file.FullName);
            return new DownloadFileInfo("PDF", file.Length, pdf.NumberOfPages);
        }
        catch (Exception)
        {
            // An unreadable PDF still downloads; the page count is simply not shown.
            return new DownloadFileInfo("PDF", file.Length, null);
        }
    }
}
