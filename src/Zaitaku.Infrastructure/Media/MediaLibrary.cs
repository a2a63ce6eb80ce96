using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using Zaitaku.Core.Media;
using Zaitaku.Core.Notifications;
using Zaitaku.Core.Rendering;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Infrastructure.Media;

/// <summary>
/// The media library in memory and on disk: items by key for the public site (no database read
/// while serving a file), the stored files, and the resized derivatives cached on disk.
/// </summary>
public sealed class MediaLibrary(IDbContextFactory<ZaitakuDbContext> dbFactory, string mediaFolder, string cacheFolder, ImageDecodeGate? gate = null,
    INotificationPublisher? notifications = null)
{
    private readonly ImageDecodeGate _gate = gate ?? new ImageDecodeGate();

    /// <summary>The only widths (and crop heights) served: an allow-list, so nobody can make the server render a million sizes.</summary>
    public static readonly IReadOnlyList<int> Sizes = [160, 320, 480, 640, 800, 1024, 1280, 1600, 1920];

    /// <summary>
    /// The only derivatives anyone can ask for: the widths srcset offers, and square crops of those
    /// widths around the focal point. Any other combination would let a stranger make the server
    /// render and keep dozens of files per image.
    /// </summary>
    public static bool IsAllowedDerivative(int? width, int? height) =>
        (width, height) switch
        {
            (null, null) => true,
            ({ } w, null) => Sizes.Contains(w),
            ({ } w, { } h) => Sizes.Contains(w) && h == w,
            _ => false,
        };

    private volatile IReadOnlyDictionary<Guid, MediaItem> _byKey = new Dictionary<Guid, MediaItem>();
    private volatile IReadOnlyDictionary<int, MediaItem> _byId = new Dictionary<int, MediaItem>();
    private readonly ConcurrentDictionary<string, Lazy<Task>> _rendering = new();

    public string ItemsFolder => Path.Combine(mediaFolder, "items");

    public MediaItem? Find(Guid key) => _byKey.GetValueOrDefault(key);

    public MediaItem? Find(int id) => _byId.GetValueOrDefault(id);

    public IEnumerable<MediaItem> All => _byKey.Values;

    /// <summary>The item a media picker value names, if it is of this kind and not in the recycle bin.</summary>
    public MediaItem? Picked(string? udi, MediaKind kind) =>
        MediaUdi.Parse(udi) is { } key && Find(key) is { } item && item.Kind == kind && !IsInRecycleBin(item) ? item : null;

    /// <summary>Reloads the library after a change made here, and says so (<see cref="MediaChangedNotification"/>).</summary>
    /// <param name="pagesShowIt">False for changes no page shows yet (a new folder, an upload not yet picked).</param>
    public async Task RefreshAsync(CancellationToken ct = default, bool pagesShowIt = true)
    {
        await ReloadAsync(ct);
        if (notifications is not null) await notifications.PublishAsync(new MediaChangedNotification(pagesShowIt), ct);
    }

    /// <summary>Reloads the library without telling anyone: at start, and after a change another node made.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var signature = await ChangeSignatures.MediaAsync(db, ct);
        var items = await db.MediaItems.AsNoTracking().ToListAsync(ct);
        _byId = items.ToDictionary(m => m.Id);
        _byKey = items.ToDictionary(m => m.Key);
        LoadedFrom = signature;
    }

    /// <summary>What the database held when the library was read (see <see cref="ChangeSignatures"/>).</summary>
    public string? LoadedFrom { get; private set; }

    /// <summary>The top-level folder an item lives under, which says who may use it.</summary>
    public MediaItem? TopFolder(MediaItem item)
    {
        var current = item;
        for (var depth = 0; current.ParentId is { } parentId && depth < 64; depth++)
        {
            if (Find(parentId) is not { } parent) return null;
            current = parent;
        }
        return current.Kind == MediaKind.Folder ? current : null;
    }

    /// <summary>Whether the item or a folder above it is in the recycle bin.</summary>
    public bool IsInRecycleBin(MediaItem item)
    {
        for (MediaItem? current = item; current is not null; current = current.ParentId is { } p ? Find(p) : null)
        {
            if (current.Trashed) return true;
        }
        return false;
    }

    /// <summary>The public address of the current revision: /media/{key}/{revision}/{file name}.</summary>
    public static string Url(MediaItem item, int? width = null, int? height = null)
    {
        var url = $"/media/{item.Key:N}/{item.Revision}/{Uri.EscapeDataString(item.FileName ?? "file." + item.Extension)}";
        if (width is not null) url += $"?width={width}" + (height is not null ? $"&height={height}" : "");
        return url;
    }

    /// <summary>How wide a photo shows in the body column (site.css): the browser picks from srcset by it.</summary>
    public const string BodySizes = "(min-width: 52em) 46rem, calc(100vw - 2rem)";

    /// <summary>
    /// An image as pages show it: each allowed width up to the stored one in srcset, and as fallback
    /// and stated size the largest of them up to 800 px.
    /// </summary>
    public static ResponsiveImage Responsive(MediaItem item)
    {
        var widths = Sizes.Where(w => w <= item.Width).DefaultIfEmpty(item.Width!.Value).ToList();
        var fallback = widths.LastOrDefault(w => w <= 800, widths[0]);
        var srcset = string.Join(", ", widths.Select(w => $"{Url(item, w)} {w}w"));
        var height = Math.Max(1, (int)Math.Round((double)item.Height!.Value * fallback / item.Width!.Value));
        return new ResponsiveImage(Url(item, fallback), srcset, BodySizes, fallback, height, item.Decorative ? "" : item.AltText ?? "");
    }

    /// <summary>
    /// The responsive image for an address of this library's (/media/{key}/{revision}/{name}, any
    /// revision, any query), or null for anything else: another site, a PDF, a deleted image.
    /// </summary>
    public ResponsiveImage? ResponsiveImage(string url)
    {
        var path = url.Split('?', '#')[0].Split('/');
        if (path.Length < 4 || path[0] != "" || path[1] != "media" || !Guid.TryParseExact(path[2], "N", out var key)) return null;
        return Find(key) is { Kind: MediaKind.Image, Width: not null, Height: not null } item && !IsInRecycleBin(item) ? Responsive(item) : null;
    }

    public string FilePath(MediaItem item) => FilePath(item.Key, item.Revision, item.Extension);

    private string FilePath(Guid key, int revision, string extension) =>
        Path.Combine(ItemsFolder, key.ToString("N"), $"{revision}.{extension}");

    private TempFolder? _temp;
    private readonly Lock _tempClaim = new();

    /// <summary>A new file name in this process's own temporary folder, for an upload being checked.</summary>
    public string TempPath()
    {
        lock (_tempClaim) _temp ??= TempFolder.Claim(Path.Combine(mediaFolder, "tmp"));
        return Path.Combine(_temp.Path, Guid.NewGuid().ToString("N"));
    }

    /// <summary>
    /// Deletes what a crash left half-written: uploads being checked by a process that no longer runs,
    /// and derivatives whose rendering was cut off (a rendering takes well under a minute).
    /// </summary>
    /// <returns>How many files were deleted.</returns>
    public int SweepAbandonedFiles()
    {
        var removed = TempFolder.SweepAbandoned(Path.Combine(mediaFolder, "tmp"));
        if (!Directory.Exists(cacheFolder)) return removed;
        var cutoff = DateTime.UtcNow.AddMinutes(-10);
        foreach (var file in Directory.EnumerateFiles(cacheFolder, "*.tmp", SearchOption.AllDirectories))
        {
            if (File.GetLastWriteTimeUtc(file) >= cutoff) continue;
            try { File.Delete(file); removed++; }
            catch (IOException) { }
        }
        return removed;
    }

    /// <summary>Moves a checked file into place in one step, so a reader never sees half a file.</summary>
    public void Place(string checkedPath, Guid key, int revision, string extension)
    {
        var target = FilePath(key, revision, extension);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Move(checkedPath, target, overwrite: true);
    }

    public void DeleteOlderRevisions(Guid key, int current)
    {
        foreach (var folder in new[] { Path.Combine(ItemsFolder, key.ToString("N")), Path.Combine(cacheFolder, key.ToString("N")) })
        {
            if (!Directory.Exists(folder)) continue;
            foreach (var file in Directory.GetFiles(folder))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                var revisionText = name.Split('-')[0];
                if (int.TryParse(revisionText, out var revision) && revision < current) File.Delete(file);
            }
        }
    }

    public void DeleteFiles(Guid key)
    {
        foreach (var folder in new[] { Path.Combine(ItemsFolder, key.ToString("N")), Path.Combine(cacheFolder, key.ToString("N")) })
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The path of a derivative (a width, optionally cropped to a height around the focal point, in
    /// WebP, JPEG or PNG), rendered once and then read from the disk cache. Concurrent requests for
    /// the same derivative wait for one rendering.
    /// </summary>
    public async Task<string> DerivativeAsync(MediaItem item, int width, int? height, SKEncodedImageFormat format)
    {
        var path = DerivativePath(item, width, height, format);
        if (File.Exists(path)) return path;
        var work = _rendering.GetOrAdd(path, p => new Lazy<Task>(() => Task.Run(() => _gate.Run(() => Render(item, width, height, format, p)))));
        try
        {
            await work.Value;
        }
        finally
        {
            _rendering.TryRemove(path, out _);
        }
        return path;
    }

    /// <summary>Where a derivative is (or will be) cached on disk; unique to everything that changes its bytes.</summary>
    public string DerivativePath(MediaItem item, int width, int? height, SKEncodedImageFormat format)
    {
        var extension = format switch { SKEncodedImageFormat.Webp => "webp", SKEncodedImageFormat.Png => "png", _ => "jpg" };
        // The focal point is part of the name: moving it makes new crops, and old ones are never served.
        var focal = height is null ? "" : $"-f{(int)(item.FocalX * 1000)}x{(int)(item.FocalY * 1000)}";
        return Path.Combine(cacheFolder, item.Key.ToString("N"), $"{item.Revision}-{width}x{height ?? 0}{focal}.{extension}");
    }

    private bool Render(MediaItem item, int width, int? height, SKEncodedImageFormat format, string path)
    {
        if (File.Exists(path)) return true;
        using var codec = SKCodec.Create(FilePath(item)) ?? throw new InvalidDataException($"Media {item.Key} cannot be decoded");
        var targetHeight = height ?? Math.Max(1, (int)Math.Round((double)item.Height!.Value * width / item.Width!.Value));
        var decoded = ImageCodecs.Decode(codec, Math.Max(width, targetHeight), width, targetHeight)
            ?? throw new InvalidDataException($"Media {item.Key} cannot be decoded");
        using var result = height is null
            ? ImageCodecs.Resize(decoded, width, targetHeight)
            : ImageCodecs.Crop(decoded, width, targetHeight, item.FocalX, item.FocalY);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        using (var output = File.Create(temp))
        {
            result.Encode(output, format, format == SKEncodedImageFormat.Webp ? 80 : 82);
        }
        File.Move(temp, path, overwrite: true);
        return true;
    }
}
