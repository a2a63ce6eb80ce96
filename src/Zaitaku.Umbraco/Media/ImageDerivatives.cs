using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using SkiaSharp;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Media;

/// <summary>What a derivative address asks for. Fractions are of the stored image (0–1).</summary>
public sealed record DerivativeRequest(int? Width, int? Height, (double Left, double Top, double Right, double Bottom)? Crop,
    (double X, double Y)? Focal, SKEncodedImageFormat Format, int Quality);

/// <summary>
/// Resized and cropped copies of stored images, made with SkiaSharp (the same decoder as the upload checks, behind the
/// same <see cref="ImageDecodeGate"/>, so derivatives and uploads together never decode more images at once than the
/// gate allows) and kept on disk under umbraco/Data/TEMP/MediaCache, where Umbraco's ImageSharp keeps its own.
/// A JPEG is decoded at the smallest eighth that still covers the size asked for.
/// </summary>
public sealed class ImageDerivatives(ImageDecodeGate gate, IHostEnvironment environment)
{
    public static readonly string[] Extensions = ["jpg", "jpeg", "png", "webp"];

    private readonly string _folder = Path.Combine(environment.ContentRootPath, "umbraco", "Data", "TEMP", "MediaCache");
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _rendering = new();

    /// <returns>The derivative's file, made now or earlier; null when the stored file cannot be read as an image.</returns>
    public async Task<string?> GetAsync(string sourcePath, DerivativeRequest request)
    {
        var modified = File.GetLastWriteTimeUtc(sourcePath).Ticks;
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{sourcePath}|{modified}|{request.Width}|{request.Height}|{request.Crop}|{request.Focal}|{request.Format}|{request.Quality}")))[..40];
        var target = Path.Combine(_folder, key[..2], key + "." + Extension(request.Format));
        if (File.Exists(target)) return target;
        var work = _rendering.GetOrAdd(target, t => new Lazy<Task<string?>>(() => Task.Run(() => Render(sourcePath, request, t))));
        try { return await work.Value; }
        finally { _rendering.TryRemove(target, out _); }
    }

    public static string MediaType(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Webp => "image/webp",
        SKEncodedImageFormat.Png => "image/png",
        _ => "image/jpeg",
    };

    private static string Extension(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Webp => "webp",
        SKEncodedImageFormat.Png => "png",
        _ => "jpg",
    };

    private string? Render(string sourcePath, DerivativeRequest request, string target) => gate.Run(() =>
    {
        using var stream = File.OpenRead(sourcePath);
        using var codec = SKCodec.Create(stream);
        if (codec is null) return null;
        var turned = codec.EncodedOrigin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        double sourceWidth = turned ? codec.Info.Height : codec.Info.Width, sourceHeight = turned ? codec.Info.Width : codec.Info.Height;

        // The part of the image the address keeps, and the size it ends at (never larger than that part).
        var crop = request.Crop ?? (0, 0, 0, 0);
        var partWidth = sourceWidth * Math.Clamp(1 - crop.Left - crop.Right, 0.01, 1);
        var partHeight = sourceHeight * Math.Clamp(1 - crop.Top - crop.Bottom, 0.01, 1);
        var (width, height) = (request.Width, request.Height) switch
        {
            ({ } w, { } h) => (w, h),
            ({ } w, null) => (w, (int)Math.Round(w * partHeight / partWidth)),
            (null, { } h) => ((int)Math.Round(h * partWidth / partHeight), h),
            _ => ((int)partWidth, (int)partHeight),
        };
        var shrink = Math.Min(1, Math.Min(partWidth / width, partHeight / height));
        if (shrink < 1) (width, height) = (Math.Max(1, (int)(width * shrink)), Math.Max(1, (int)(height * shrink)));

        // Decode no more pixels than the result needs: the scale at which the kept part still covers the box.
        var scale = Math.Max(width / partWidth, height / partHeight);
        var needWidth = (int)Math.Ceiling(sourceWidth * scale);
        var needHeight = (int)Math.Ceiling(sourceHeight * scale);
        var decoded = ImageCodecs.Decode(codec, Math.Max(needWidth, needHeight), turned ? needHeight : needWidth, turned ? needWidth : needHeight);
        if (decoded is null) return null;
        var bitmap = ImageCodecs.Upright(decoded, codec.EncodedOrigin);
        try
        {
            if (request.Crop is not null)
            {
                var left = (int)Math.Round(crop.Left * bitmap.Width);
                var top = (int)Math.Round(crop.Top * bitmap.Height);
                var cut = new SKBitmap();
                var rect = SKRectI.Create(left, top, Math.Max(1, (int)Math.Round(bitmap.Width * (1 - crop.Left - crop.Right))),
                    Math.Max(1, (int)Math.Round(bitmap.Height * (1 - crop.Top - crop.Bottom))));
                if (!bitmap.ExtractSubset(cut, rect)) { cut.Dispose(); return null; }
                var copy = cut.Copy();
                cut.Dispose();
                bitmap.Dispose();
                bitmap = copy;
            }
            var focal = request.Focal ?? (0.5, 0.5);
            bitmap = request.Width is not null && request.Height is not null
                ? ImageCodecs.Crop(bitmap, width, height, focal.X, focal.Y)
                : ImageCodecs.Resize(bitmap, width, height);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var partial = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var output = File.Create(partial))
            {
                if (!bitmap.Encode(output, request.Format, request.Quality)) return null;
            }
            File.Move(partial, target, overwrite: true);
            return target;
        }
        finally
        {
            bitmap.Dispose();
        }
    });

    internal static bool TryFraction(string? text, int count, out double[] values)
    {
        values = [];
        if (string.IsNullOrEmpty(text)) return false;
        var parts = text.Split(',');
        if (parts.Length != count) return false;
        var parsed = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[i]) || parsed[i] is < 0 or > 1) return false;
        }
        values = parsed;
        return true;
    }
}
