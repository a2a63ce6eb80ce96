using Zaitaku.Web.Hosting;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Media;

/// <summary>What our checks say about one file's bytes.</summary>
public abstract record UploadVerdict
{
    /// <summary>A JPEG, PNG, WebP or PDF that passed every check; an image comes with its re-encoded bytes (no EXIF, no GPS).</summary>
    public sealed record Passed(CheckedFile File) : UploadVerdict;

    /// <summary>Refused, with the reason in words for the editor.</summary>
    public sealed record Refused(string Message) : UploadVerdict;

    /// <summary>
    /// Not a kind the media library takes, and nothing that runs in a browser or on a computer (no markup, no program):
    /// an XML document type export, say. Umbraco's own extension rules decide such a file elsewhere; the media library refuses it.
    /// </summary>
    public sealed record NotMedia(string Message) : UploadVerdict;
}

/// <summary>
/// Runs the old engine's file checks (<see cref="MediaFileCheck"/>: type by magic bytes, size and pixel limits from the
/// header, polyglots, PDF active content, images decoded and re-encoded) once per file content. Umbraco looks at an
/// upload up to three times (the temporary file, the value editor's copy into the media folder, our saving handler):
/// the verdict and the re-encoded image are kept by the content's SHA-256 for an hour, so an image is decoded once.
/// </summary>
public sealed class UploadCheck : IDisposable
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);

    private readonly MediaFileCheck _check;
    private readonly SiteClock _clock;
    private readonly ConcurrentDictionary<string, Lazy<(UploadVerdict Verdict, DateTimeOffset At)>> _verdicts = new();

    public UploadCheck(MediaFileCheck check, IHostEnvironment environment, SiteClock clock)
    {
        _check = check;
        _clock = clock;
        // Under Umbraco's TEMP folder, which a load-balanced site keeps per server and out of replication.
        Folder = Path.Combine(environment.ContentRootPath, "umbraco", "Data", "TEMP", "ZaitakuUploads");
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true); // a crash's leftovers
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public UploadVerdict Check(Stream content)
    {
        Forget();
        var upload = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".upload");
        string hash;
        try
        {
            using (var file = File.Create(upload))
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = content.Read(buffer)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    file.Write(buffer, 0, read);
                }
                hash = Convert.ToHexString(sha.GetHashAndReset());
            }
            var entry = _verdicts.GetOrAdd(hash, h => new Lazy<(UploadVerdict, DateTimeOffset)>(() => (Judge(upload, h), _clock.GetUtcNow())));
            return entry.Value.Verdict;
        }
        finally
        {
            File.Delete(upload);
        }
    }

    private UploadVerdict Judge(string upload, string hash)
    {
        var head = new byte[1024];
        int length;
        using (var stream = File.OpenRead(upload)) length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var known = MediaFileCheck.Sniff(head.AsSpan(0, length)) is not null;
        var output = Path.Combine(Folder, hash + ".checked");
        CheckedFile checkedFile;
        try
        {
            checkedFile = _check.Check(upload, output);
        }
        catch (MediaRefusedException refused)
        {
            File.Delete(output);
            return known || length == 0 || IsActive(head.AsSpan(0, length)) ? new UploadVerdict.Refused(refused.Message) : new UploadVerdict.NotMedia(refused.Message);
        }
        // Re-encoding a photo takes a burst of memory; give it back now (uploads are rare), as the old engine did.
        if (checkedFile.Kind == Zaitaku.Core.Media.MediaKind.Image)
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        // A PDF is kept as it is: the stored file is already the checked one.
        return new UploadVerdict.Passed(checkedFile with { Path = checkedFile.Path == upload ? "" : output });
    }

    /// <summary>What a browser would run or a computer would start: SVG, HTML, script, PHP, programs.</summary>
    private static bool IsActive(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("MZ"u8) || head.StartsWith("\u007fELF"u8) || head.StartsWith("#!"u8)) return true;
        var text = Encoding.UTF8.GetString(head).ToLowerInvariant();
        return text.Contains("<svg") || text.Contains("<html") || text.Contains("<script") || text.Contains("<!doctype html")
            || text.Contains("<?php") || text.Contains("<iframe") || text.Contains("<body");
    }

    /// <summary>Drops verdicts (and re-encoded files) older than an hour: a temporary file lives about as long in Umbraco.</summary>
    private void Forget()
    {
        var now = _clock.GetUtcNow();
        foreach (var (hash, entry) in _verdicts)
        {
            if (!entry.IsValueCreated || now - entry.Value.At < KeepFor) continue;
            if (_verdicts.TryRemove(hash, out _)) File.Delete(Path.Combine(Folder, hash + ".checked"));
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
