using Zaitaku.Core.Media;

namespace Zaitaku.Infrastructure.Media;

/// <summary>How a file is described beside its link, as Japanese municipal sites do: 「PDF：1.2MB・8ページ」.</summary>
public static class MediaText
{
    public static string Describe(MediaItem item) => item.Kind switch
    {
        MediaKind.Document => DownloadFileInfo.FormatLabel("PDF", item.Length, item.PageCount),
        MediaKind.Image => $"{TypeLabel(item)}：{DownloadFileInfo.FormatSize(item.Length)}・{item.Width}×{item.Height}",
        _ => "フォルダー",
    };

    public static string TypeLabel(MediaItem item) => item.MediaType switch
    {
        "image/jpeg" => "JPEG",
        "image/png" => "PNG",
        "image/webp" => "WebP",
        "application/pdf" => "PDF",
        _ => item.Extension.ToUpperInvariant(),
    };
}
