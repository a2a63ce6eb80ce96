using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Infrastructure.Tests.Media;

public class MediaTextTests
{
    [Theory]
    [InlineData(1L, "1KB")]
    [InlineData(1024L, "1KB")]
    [InlineData(1536L, "2KB")]
    [InlineData(1258291L, "1.2MB")] // 1.2 MiB
    [InlineData(10L * 1024 * 1024, "10.0MB")]
    public void FormatSize_gives_sizes_as_city_sites_do(long bytes, string expected) =>
        Assert.Equal(expected, MediaText.FormatSize(bytes));

    [Fact]
    public void A_pdf_is_described_with_type_size_and_pages() =>
        Assert.Equal("PDF：1.2MB・8ページ", MediaText.Describe(new MediaItem { Kind = MediaKind.Document, MediaType = "application/pdf", Length = 1258291, PageCount = 8 }));

    [Fact]
    public void An_image_is_described_with_type_size_and_pixels() =>
        Assert.Equal("JPEG：320KB・1600×1200", MediaText.Describe(new MediaItem { Kind = MediaKind.Image, MediaType = "image/jpeg", Length = 320 * 1024, Width = 1600, Height = 1200 }));
}
