using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using UglyToad.PdfPig;
using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.IO;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services.Changes;
using Umbraco.Cms.Core.Sync;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Site.WatashiNote;

/// <summary>A file offered for download, as its link says it: 「PDF：129KB・8ページ」.</summary>
public sealed record DownloadFile(string Url, string Label);

/// <summary>
/// The file a download entry (document type <c>download</c>) picks from Umbraco's media library, with what a reader
/// wants to know before opening it: its type, size and, for a PDF, its pages. The address is Umbraco's media URL (the
/// media delivery serves it: inline when safe, counted); the size is Umbraco's own <c>umbracoBytes</c>. Umbraco keeps
/// no page count, so it is read from the file with PdfPig once per media item and version (its update date), and
/// forgotten when the item changes on any server (the media cache refresher notification).
/// </summary>
public sealed class DownloadFiles(MediaFileManager mediaFiles, ILogger<DownloadFiles> logger)
{
    private readonly ConcurrentDictionary<(Guid Media, DateTime Updated), int?> _pages = new();

    /// <summary>The picked file, or null while none is picked (or the picked item is not published).</summary>
    public DownloadFile? Of(IPublishedContent download)
    {
        if (download.PickedMedia("file")?.Content is not { } media || media.Url() is not { Length: > 0 } url) return null;
        var extension = (media.Text(Umbraco.Cms.Core.Constants.Conventions.Media.Extension) ?? Path.GetExtension(url).TrimStart('.')).ToLowerInvariant();
        var bytes = media.Value<long?>(Umbraco.Cms.Core.Constants.Conventions.Media.Bytes) is > 0 and var stored ? stored : SizeOnDisk(url);
        var pages = extension == "pdf" ? _pages.GetOrAdd((media.Key, media.UpdateDate), _ => CountPages(url)) : null;
        return new DownloadFile(url, MediaText.FormatLabel(extension == "pdf" ? "PDF" : extension.ToUpperInvariant(), bytes, pages));
    }

    /// <summary>Forgets what it read of these media items (all, when Umbraco refreshes every item).</summary>
    public void Forget(IEnumerable<Guid>? mediaKeys)
    {
        if (mediaKeys is null)
        {
            _pages.Clear();
            return;
        }
        var changed = mediaKeys.ToHashSet();
        foreach (var key in _pages.Keys.Where(k => changed.Contains(k.Media))) _pages.TryRemove(key, out _);
    }

    private long SizeOnDisk(string url)
    {
        var path = mediaFiles.FileSystem.GetRelativePath(url);
        return mediaFiles.FileSystem.FileExists(path) ? mediaFiles.FileSystem.GetSize(path) : 0;
    }

    /// <summary>The page count, or null when the file is missing or cannot be read (the label then leaves it out).</summary>
    private int? CountPages(string url)
    {
        var path = mediaFiles.FileSystem.GetRelativePath(url);
        try
        {
            if (!mediaFiles.FileSystem.FileExists(path)) return null;
            using var stream = mediaFiles.FileSystem.OpenFile(path);
            // PdfPig reads back and forth: a file system that streams (blob storage) is read into memory first.
            using var seekable = stream.CanSeek ? null : new MemoryStream();
            if (seekable is not null) { stream.CopyTo(seekable); seekable.Position = 0; }
            using var document = PdfDocument.Open(seekable ?? stream, new ParsingOptions { SkipMissingFonts = true });
            return document.NumberOfPages;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "The page count of {Path} could not be read", path);
            return null;
        }
    }
}

/// <summary>Umbraco makes a handler anew for each notification; the counts live in the singleton.</summary>
public sealed class ForgetDownloadFilesOnMediaChange(DownloadFiles files) : INotificationHandler<MediaCacheRefresherNotification>
{
    public void Handle(MediaCacheRefresherNotification notification)
    {
        if (notification.MessageType != MessageType.RefreshByPayload || notification.MessageObject is not MediaCacheRefresher.JsonPayload[] payloads)
        {
            files.Forget(null);
            return;
        }
        // A folder's branch changes items the payload does not name: forget everything then.
        const TreeChangeTypes wide = TreeChangeTypes.RefreshAll | TreeChangeTypes.RefreshBranch;
        files.Forget(payloads.Any(p => p.Key is null || (p.ChangeTypes & wide) != 0)
            ? null
            : payloads.Select(p => p.Key!.Value));
    }
}
