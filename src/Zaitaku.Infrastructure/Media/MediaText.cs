using Zaitaku.Core.Media;

namespace Zaitaku.Infrastructure.Media;

/// <summary>How a file is described beside its link, as Japanese municipal sites do: 「PDF：1.2MB・8ページ」.</summary>
public static class MediaText
{
    public static string Describe(MediaItem item) => item.Kind switch
    {
        MediaKind.Document => FormatLabel("PDF", item.Length, item.PageCount),
        MediaKind.Image => $"{TypeLabel(item)}：{FormatSize(item.Length)}・{item.Width}×{item.Height}",
        _ => "フォルダー",
    };

    /// <summary>「PDF：1.2MB・8ページ」</summary>
    public static string FormatLabel(string typeLabel, long bytes, int? pages) =>
        $"{typeLabel}：{FormatSize(bytes)}" + (pages is { } p ? $"・{p}ページ" : "");

    /// <summary>Sizes as Japanese municipal sites give them: KB below 1 MB, else MB with one decimal.</summary>
    public static string FormatSize(long bytes) => bytes < 1024 * 1024
        ? $"{Math.Max(1, (int)Math.Ceiling(bytes / 1024.0))}KB"
        : (bytes / (1024.0 * 1024.0)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "MB";

    public static string TypeLabel(MediaItem item) => item.MediaType switch
    {
        "image/jpeg" => "JPEG",
        "image/png" => "PNG",
        "image/webp" => "WebP",
        "application/pdf" => "PDF",
        _ => item.Extension.ToUpperInvariant(),
    };
}
