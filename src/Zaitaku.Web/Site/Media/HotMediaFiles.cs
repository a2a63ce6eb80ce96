using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace Zaitaku.Web.Site.Media;

/// <summary>
/// The bytes of small media files (derivatives above all) kept in memory, with the headers that go
/// with them. Opening, reading and closing the file for every request cost about twice the CPU of
/// the rest of the request on the 2-core benchmark machine (README, Benchmarks), and a media file
/// at a given address never changes, so nothing here is ever stale: an entry only ages out. The
/// total is bounded (Zaitaku:Media:MemoryCacheBytes); larger files and PDFs are sent from disk.
/// </summary>
public sealed class HotMediaFiles : IDisposable
{
    /// <summary>A file kept in memory; the ETag is parsed once, not per request.</summary>
    public sealed record HotFile(byte[] Bytes, string MediaType, DateTimeOffset LastModified, EntityTagHeaderValue ETag);

    private readonly MemoryCache _cache;
    private readonly long _maxFileBytes;

    public HotMediaFiles(long totalBytes, long maxFileBytes)
    {
        _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, totalBytes) });
        _maxFileBytes = Math.Min(maxFileBytes, totalBytes);
    }

    public bool TryGet(string path, out HotFile file) => _cache.TryGetValue(path, out file!);

    /// <summary>Reads the file into the cache, or returns null when it is too large to keep (send it from disk).</summary>
    public async Task<HotFile?> LoadAsync(string path, string mediaType, DateTimeOffset lastModified, string entityTag, CancellationToken ct)
    {
        if (_maxFileBytes <= 0 || new FileInfo(path).Length > _maxFileBytes) return null;
        var bytes = await File.ReadAllBytesAsync(path, ct);
        if (bytes.Length > _maxFileBytes) return null;
        var file = new HotFile(bytes, mediaType, lastModified, new EntityTagHeaderValue(entityTag));
        // Sliding: a derivative nobody asked for in an hour gives its memory back.
        _cache.Set(path, file, new MemoryCacheEntryOptions { Size = bytes.Length, SlidingExpiration = TimeSpan.FromHours(1) });
        return file;
    }

    public void Dispose() => _cache.Dispose();
}
