namespace Zaitaku.Infrastructure.Media;

public sealed class MediaOptions
{
    /// <summary>
    /// Where the media files live: {DataFolder}/media unless set. With several nodes, a folder every
    /// node mounts (NFS or SMB; README, "Several nodes"). Resized copies stay per node in {DataFolder}/media-cache.
    /// </summary>
    public string? Folder { get; set; }
    public long MaxImageBytes { get; set; } = 20 * 1024 * 1024;
    public long MaxDocumentBytes { get; set; } = 50 * 1024 * 1024;
    /// <summary>
    /// Checked from the header before any pixel is decoded, against decompression bombs. No page shows
    /// more than 1,920 px and uploads are stored at 3,200 px: 40 million pixels still takes a 40 MP
    /// camera's photo or an A3 page scanned at 400 dpi (31 MP), and nothing a column needs is larger.
    /// </summary>
    public long MaxPixels { get; set; } = 40_000_000;
    public int MaxSide { get; set; } = 10_000;
    /// <summary>
    /// A PNG can only be decoded whole, at 4 bytes a pixel: 20 million pixels (80 MB) still takes an
    /// A3 page scanned at 300 dpi (17 MP) or any screenshot; a larger picture is a photo, better sent as JPEG.
    /// </summary>
    public long MaxPngPixels { get; set; } = 20_000_000;
    /// <summary>Images decoded at once (uploads and derivatives); 0 works it out from the memory the process may use.</summary>
    public int ConcurrentImageDecodes { get; set; }
    /// <summary>Larger photos are scaled down on upload: no page shows more, and every derivative is cheaper.</summary>
    public int StoredLongSide { get; set; } = 3200;
    /// <summary>Memory for the bytes of often-served media files (derivatives); 0 sends every file from disk.</summary>
    public long MemoryCacheBytes { get; set; } = 32 * 1024 * 1024;
    /// <summary>Files larger than this are always sent from disk.</summary>
    public long MemoryCacheMaxFileBytes { get; set; } = 512 * 1024;
}
