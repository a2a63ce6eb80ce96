using SkiaSharp;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Tests.TestSupport;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Infrastructure.Tests.Media;

/// <summary>The limits of the upload checks, set small so each can be crossed with a small file.</summary>
public class MediaFileCheckTests
{
    private static string WriteJpeg(TempFolder folder, int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.SteelBlue);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        var path = folder.Combine("upload.jpg");
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_with_both_sizes_in_the_message()
    {
        using var folder = new TempFolder();
        var path = WriteJpeg(folder, 200, 200);
        var check = new MediaFileCheck(new MediaOptions { MaxImageBytes = 100 });

        var refusal = Assert.Throws<MediaRefusedException>(() => check.Check(path, folder.Combine("out")));

        Assert.StartsWith("画像が大きすぎます", refusal.Message);
        Assert.False(File.Exists(folder.Combine("out")));
    }

    [Fact]
    public void The_pixel_limit_holds_before_decoding()
    {
        using var folder = new TempFolder();
        var path = WriteJpeg(folder, 300, 200);
        var check = new MediaFileCheck(new MediaOptions { MaxPixels = 50_000 });

        var refusal = Assert.Throws<MediaRefusedException>(() => check.Check(path, folder.Combine("out")));

        Assert.Contains("300×200ピクセル", refusal.Message);
    }

    [Fact]
    public void A_large_photo_is_stored_scaled_down_to_the_stored_long_side()
    {
        using var folder = new TempFolder();
        var path = WriteJpeg(folder, 1600, 900);
        var check = new MediaFileCheck(new MediaOptions { StoredLongSide = 800 });

        var result = check.Check(path, folder.Combine("out.jpg"));

        Assert.Equal(MediaKind.Image, result.Kind);
        Assert.Equal((800, 450), (result.Width!.Value, result.Height!.Value));
        using var stored = SKBitmap.Decode(folder.Combine("out.jpg"));
        Assert.Equal(800, stored.Width);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "image/png")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D }, "application/pdf")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, null)] // GIF is not offered
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x41, 0x56, 0x45 }, null)] // a RIFF that is a WAV
    public void The_type_comes_from_the_first_bytes(byte[] head, string? expected) =>
        Assert.Equal(expected, MediaFileCheck.Sniff(head));

    [Theory]
    [InlineData("../../etc/passwd", "jpg", "passwd.jpg")]
    [InlineData("C:\\\\Users\\\\写真\\\\運動会.JPG", "jpg", "運動会.jpg")]
    [InlineData("note.pdf.exe", "pdf", "note.pdf.pdf")]
    [InlineData("\u0007\"<>.png", "png", "file.png")]
    public void The_offered_file_name_keeps_no_folder_or_control_characters_and_takes_the_real_extension(string uploaded, string extension, string expected) =>
        Assert.Equal(expected, MediaService.SafeFileName(uploaded, extension));
}
