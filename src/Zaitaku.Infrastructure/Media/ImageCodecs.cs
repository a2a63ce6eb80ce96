using SkiaSharp;

namespace Zaitaku.Infrastructure.Media;

/// <summary>
/// Decoding, orienting, scaling and cropping with SkiaSharp. Each step takes ownership of the
/// bitmap it is given (returning it, or disposing it and returning a new one), so a chain of steps
/// holds at most two bitmaps at once.
/// </summary>
public static class ImageCodecs
{
    private static readonly SKSamplingOptions Quality = new(SKCubicResampler.Mitchell);
    private static readonly float[] Eighths = [0.125f, 0.25f, 0.375f, 0.5f, 0.625f, 0.75f, 0.875f, 1f];

    /// <summary>
    /// Decodes at the smallest scale the codec offers that still covers <paramref name="longSide"/>,
    /// which saves most of the memory and time for small sizes. JPEG decodes at any eighth (a
    /// 4000 px photo stored at 3200 px decodes at 7/8: 37 MB of pixels instead of 48); WebP at any
    /// scale; PNG only whole (Skia's PNG codec offers neither scaling nor row-by-row reading), which is
    /// why PNGs have a lower pixel limit (<see cref="MediaOptions.MaxPngPixels"/>).
    /// </summary>
    /// <returns>Null when the data is truncated or broken.</returns>
    public static SKBitmap? Decode(SKCodec codec, int longSide, int? minWidth = null, int? minHeight = null)
    {
        var size = codec.Info.Size;
        foreach (var scale in Eighths)
        {
            var scaled = scale < 1 ? codec.GetScaledDimensions(scale) : size;
            var coversLongSide = Math.Max(scaled.Width, scaled.Height) >= Math.Min(longSide, Math.Max(size.Width, size.Height));
            var coversBox = scaled.Width >= Math.Min(minWidth ?? 0, size.Width) && scaled.Height >= Math.Min(minHeight ?? 0, size.Height);
            if (scale < 1 && !(coversLongSide && coversBox)) continue;
            var info = new SKImageInfo(scaled.Width, scaled.Height, SKImageInfo.PlatformColorType,
                codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
            var bitmap = new SKBitmap(info);
            var result = codec.GetPixels(info, bitmap.GetPixels());
            if (result == SKCodecResult.Success) return bitmap;
            bitmap.Dispose();
            return null;
        }
        return null;
    }

    /// <summary>
    /// Decodes to fit within <paramref name="longSide"/> holding only the result in memory: the codec's smallest
    /// scale that covers the size (JPEG: any eighth), then row by row, each row averaged into the smaller result as it
    /// arrives (a box filter). A 20 MP PNG, which Skia decodes only whole (80 MB), costs the 3200 px result (33 MB)
    /// and one row. Falls back to <see cref="Decode"/> and a resize where the codec reads no rows (WebP, interlaced PNG).
    /// </summary>
    /// <returns>Null when the data is truncated or broken.</returns>
    public static SKBitmap? DecodeWithin(SKCodec codec, int longSide)
    {
        var size = codec.Info.Size;
        var decodeSize = size;
        foreach (var scale in Eighths)
        {
            var scaled = scale < 1 ? codec.GetScaledDimensions(scale) : size;
            if (Math.Max(scaled.Width, scaled.Height) >= Math.Min(longSide, Math.Max(size.Width, size.Height))) { decodeSize = scaled; break; }
        }
        var ratio = Math.Min(1.0, (double)longSide / Math.Max(decodeSize.Width, decodeSize.Height));
        var target = new SKSizeI(Math.Max(1, (int)Math.Round(decodeSize.Width * ratio)), Math.Max(1, (int)Math.Round(decodeSize.Height * ratio)));
        var alpha = codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var rowInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, alpha);
        if (codec.StartScanlineDecode(rowInfo) != SKCodecResult.Success || codec.ScanlineOrder != SKCodecScanlineOrder.TopDown)
        {
            var whole = Decode(codec, longSide);
            return whole is null ? null : FitWithin(whole, longSide);
        }

        var result = new SKBitmap(new SKImageInfo(target.Width, target.Height, SKColorType.Rgba8888, alpha));
        using var rowBitmap = new SKBitmap(new SKImageInfo(decodeSize.Width, 1, SKColorType.Rgba8888, alpha));
        var sums = new long[target.Width * 4];
        var counts = new int[target.Width];
        // Which result column each source column falls in, worked out once.
        var columnOf = new int[decodeSize.Width];
        for (var x = 0; x < decodeSize.Width; x++) columnOf[x] = Math.Min(target.Width - 1, (int)((long)x * target.Width / decodeSize.Width));
        var currentRow = 0;
        for (var y = 0; y < decodeSize.Height; y++)
        {
            // A row the codec could not read means the file is truncated or broken (the codec would fill it grey).
            if (codec.GetScanlines(rowBitmap.GetPixels(), 1, rowBitmap.RowBytes) != 1)
            {
                result.Dispose();
                return null;
            }
            var outY = Math.Min(target.Height - 1, (int)((long)y * target.Height / decodeSize.Height));
            if (outY != currentRow)
            {
                WriteRow(result, currentRow, sums, counts);
                currentRow = outY;
            }
            ReadOnlySpan<byte> row = rowBitmap.GetPixelSpan();
            for (var x = 0; x < decodeSize.Width; x++)
            {
                var c = columnOf[x] * 4;
                var p = x * 4;
                sums[c] += row[p];
                sums[c + 1] += row[p + 1];
                sums[c + 2] += row[p + 2];
                sums[c + 3] += row[p + 3];
                counts[columnOf[x]]++;
            }
        }
        WriteRow(result, currentRow, sums, counts);
        return result;
    }

    private static void WriteRow(SKBitmap result, int y, long[] sums, int[] counts)
    {
        var output = result.GetPixelSpan().Slice(y * result.RowBytes, counts.Length * 4);
        for (var x = 0; x < counts.Length; x++)
        {
            var n = Math.Max(1, counts[x]);
            for (var c = 0; c < 4; c++) output[x * 4 + c] = (byte)((sums[x * 4 + c] + n / 2) / n);
        }
        Array.Clear(sums);
        Array.Clear(counts);
    }

    /// <summary>Turns a photo the way its EXIF orientation says, since re-encoding drops the EXIF that said it.</summary>
    public static SKBitmap Upright(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return bitmap;
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        float w = swap ? bitmap.Height : bitmap.Width, h = swap ? bitmap.Width : bitmap.Height;
        // x' = ScaleX·x + SkewX·y + TransX; y' = SkewY·x + ScaleY·y + TransY
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            _ => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1), // LeftBottom
        };
        var turned = new SKBitmap(new SKImageInfo((int)w, (int)h, bitmap.ColorType, bitmap.AlphaType));
        using (var canvas = new SKCanvas(turned))
        {
            canvas.SetMatrix(matrix);
            canvas.DrawBitmap(bitmap, 0, 0);
        }
        bitmap.Dispose();
        return turned;
    }

    public static SKBitmap FitWithin(SKBitmap bitmap, int longSide)
    {
        var longest = Math.Max(bitmap.Width, bitmap.Height);
        if (longest <= longSide) return bitmap;
        var ratio = (double)longSide / longest;
        return Resize(bitmap, Math.Max(1, (int)Math.Round(bitmap.Width * ratio)), Math.Max(1, (int)Math.Round(bitmap.Height * ratio)));
    }

    /// <summary>Scales to cover width×height, then cuts the box around the focal point (fractions 0–1).</summary>
    public static SKBitmap Crop(SKBitmap bitmap, int width, int height, double focalX, double focalY)
    {
        var scale = Math.Max((double)width / bitmap.Width, (double)height / bitmap.Height);
        var sourceWidth = width / scale;
        var sourceHeight = height / scale;
        var left = Math.Clamp(focalX * bitmap.Width - sourceWidth / 2, 0, bitmap.Width - sourceWidth);
        var top = Math.Clamp(focalY * bitmap.Height - sourceHeight / 2, 0, bitmap.Height - sourceHeight);
        var cropped = new SKBitmap(new SKImageInfo(width, height, bitmap.ColorType, bitmap.AlphaType));
        using (var canvas = new SKCanvas(cropped))
        using (var image = SKImage.FromBitmap(bitmap))
        {
            canvas.DrawImage(image, SKRect.Create((float)left, (float)top, (float)sourceWidth, (float)sourceHeight),
                SKRect.Create(0, 0, width, height), Quality);
        }
        bitmap.Dispose();
        return cropped;
    }

    public static SKBitmap Resize(SKBitmap bitmap, int width, int height)
    {
        if (bitmap.Width == width && bitmap.Height == height) return bitmap;
        var resized = bitmap.Resize(new SKImageInfo(width, height, bitmap.ColorType, bitmap.AlphaType), Quality);
        bitmap.Dispose();
        return resized;
    }
}
