#:package SkiaSharp
#:package SkiaSharp.NativeAssets.Linux.NoDependencies
// Writes the worst-case images for bomb-bench.sh: the largest PNG and JPEG the default limits take,
// and the 60-megapixel PNG that cost half a gigabyte before (now refused from its header).
// Usage: dotnet run tests/benchmarks/bomb-images.cs -- <folder>
using SkiaSharp;

var folder = args[0];
Write("png-20mp.png", 5_000, 4_000, SKEncodedImageFormat.Png);
Write("jpeg-40mp.jpg", 8_000, 5_000, SKEncodedImageFormat.Jpeg);
Write("png-60mp.png", 12_000, 5_000, SKEncodedImageFormat.Png);

void Write(string name, int width, int height, SKEncodedImageFormat format)
{
    using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
    using (var canvas = new SKCanvas(bitmap))
    using (var paint = new SKPaint())
    {
        paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
            [SKColors.SteelBlue, SKColors.Orange], SKShaderTileMode.Clamp);
        canvas.DrawRect(0, 0, width, height, paint);
    }
    using var data = bitmap.Encode(format, format == SKEncodedImageFormat.Png ? 9 : 85);
    File.WriteAllBytes(Path.Combine(folder, name), data.ToArray());
    Console.WriteLine($"{name}: {width}x{height}, {data.Size / 1024} KB");
}
