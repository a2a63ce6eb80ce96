using Zaitaku.Core.Tests.TestSupport;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Core.Tests.Media;

public class DownloadFileInfoTests
{
    [Theory]
    [InlineData(1L, "1KB")]
    [InlineData(1024L, "1KB")]
    [InlineData(1536L, "2KB")]
    [InlineData(1258291L, "1.2MB")] // 1.2 MiB
    [InlineData(10L * 1024 * 1024, "10.0MB")]
    public void FormatSize_gives_sizes_as_city_sites_do(long bytes, string expected) =>
        Assert.Equal(expected, DownloadFileInfo.FormatSize(bytes));

    [Fact]
    public void Describe_gives_type_size_and_pages() =>
        Assert.Equal("PDF：12KB・8ページ", new DownloadFileInfo("PDF", 12 * 1024, 8).Describe());

    [Fact]
    public void Describe_leaves_out_pages_when_unknown() =>
        Assert.Equal("DOCX：1.2MB", new DownloadFileInfo("DOCX", 1258291, null).Describe());

    [Fact]
    public void Inspect_reads_a_pdf_in_the_media_folder()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp.Combine("media", "seed"));
        var sample = Path.Combine(Repository.ContentSeedFolder, "media", "watashi-note-sample.pdf");
        File.Copy(sample, temp.Combine("media", "seed", "watashi-note-sample.pdf"));

        var info = new DownloadFileInspector(temp.Combine("media")).Inspect("/media/seed/watashi-note-sample.pdf");

        Assert.NotNull(info);
        Assert.Equal($"PDF：{DownloadFileInfo.FormatSize(new FileInfo(sample).Length)}・8ページ", info.Describe());
    }

    [Fact]
    public void Inspect_still_describes_an_unreadable_pdf_without_pages()
    {
        using var temp = new TempFolder();
        temp.Write("media/broken.pdf", "not a pdf");

        var info = new DownloadFileInspector(temp.Combine("media")).Inspect("/media/broken.pdf");

        Assert.Equal("PDF：1KB", info?.Describe());
    }

    [Theory]
    [InlineData("/media/../secret.txt")]
    [InlineData("/media/seed/../../secret.txt")]
    [InlineData("/media/../media-private/secret.txt")] // a sibling folder whose name starts with "media"
    [InlineData("/secret.txt")]
    [InlineData("/media/missing.pdf")]
    [InlineData(null)]
    public void Inspect_refuses_paths_outside_the_media_folder(string? url)
    {
        using var temp = new TempFolder();
        temp.Write("secret.txt", "secret");
        temp.Write("media-private/secret.txt", "secret");
        temp.Write("media/readme.txt", "public");

        var inspector = new DownloadFileInspector(temp.Combine("media"));

        Assert.NotNull(inspector.Inspect("/media/readme.txt")); // the folder itself is readable
        Assert.Null(inspector.Inspect(url));
    }
}
