using SkiaSharp;
using Zaitaku.Infrastructure.Tests.TestSupport;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Infrastructure.Tests.Media;

/// <summary>
/// Issue 11, item 4: PNG, which Skia decodes only whole, has a lower pixel limit than JPEG and WebP
/// (decoded at a reduced scale), and image decodes wait their turn at a gate sized to memory.
/// </summary>
public class ImageBombTests
{
    /// <summary>A PNG whose left half is one colour and right half another, half transparent.</summary>
    private static string WriteHalves(TempFolder folder, string name, int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.DrawRect(0, 0, width / 2, height, new SKPaint { Color = new SKColor(0xC0, 0x20, 0x20) });
            canvas.DrawRect(width / 2, 0, width - width / 2, height, new SKPaint { Color = new SKColor(0x20, 0x40, 0xC0, 0x80) });
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 9);
        var path = folder.Combine(name);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    [Fact]
    public void A_png_over_the_lower_png_limit_is_refused_before_decoding_while_a_jpeg_of_that_size_is_taken()
    {
        using var folder = new TempFolder();
        var png = WriteHalves(folder, "large.png", 6000, 4000);
        var check = new MediaFileCheck(new MediaOptions { MaxPngPixels = 20_000_000 });

        var refusal = Assert.Throws<MediaRefusedException>(() => check.Check(png, folder.Combine("out.png")));

        Assert.Contains("PNG 画像の大きさ（6000×4000ピクセル）が上限を超えています", refusal.Message);
        Assert.Contains("2,000万画素", refusal.Message);
        using var bitmap = new SKBitmap(6000, 4000);
        using (var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 80)) File.WriteAllBytes(folder.Combine("large.jpg"), data.ToArray());
        Assert.Equal(3200, check.Check(folder.Combine("large.jpg"), folder.Combine("out.jpg")).Width);
    }

    [Fact]
    public void Concurrent_uploads_decode_one_at_a_time_when_the_gate_has_one_slot_and_all_succeed()
    {
        using var folder = new TempFolder();
        var gate = new ImageDecodeGate(1);
        var check = new MediaFileCheck(new MediaOptions(), gate);
        var paths = Enumerable.Range(0, 3).Select(i => WriteHalves(folder, $"large{i}.png", 4800, 3200)).ToList();

        var results = paths.AsParallel().WithDegreeOfParallelism(3)
            .Select((path, i) => check.Check(path, folder.Combine($"out{i}.png"))).ToList();

        Assert.Equal(1, gate.Peak);
        Assert.All(results, r => Assert.Equal((3200, 2133), (r.Width!.Value, r.Height!.Value)));
    }

    [Fact]
    public void The_gate_is_sized_to_memory_and_never_below_one()
    {
        var gate = new ImageDecodeGate();

        Assert.InRange(gate.Slots, 1, Environment.ProcessorCount);
    }

    [Fact]
    public void The_default_pixel_limit_refuses_the_60_megapixel_png_that_cost_half_a_gigabyte()
    {
        var options = new MediaOptions();

        Assert.True(12_000L * 5_000 > options.MaxPixels);
        Assert.True(8_000L * 5_000 <= options.MaxPixels);
        Assert.True(4_961L * 3_508 <= options.MaxPngPixels); // A3 at 300 dpi
    }
}
