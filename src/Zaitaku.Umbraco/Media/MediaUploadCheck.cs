using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.IO;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Services;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Media;

/// <summary>
/// Our checks on every media save, whoever saves (the Management API's media create and update, the content seed,
/// pasted images, any code through IMediaService): a new file must be a JPEG, PNG, WebP or PDF that passes
/// <see cref="UploadCheck"/>; an image is replaced by its re-encoded copy (upright, at most the stored size, without
/// EXIF or GPS) and its width, height and size are recorded; names with invisible characters are refused. A refusal
/// cancels the save with our Japanese reason and removes the file Umbraco had already put in the media folder.
/// </summary>
public sealed class MediaUploadCheck(
    UploadCheck check,
    MediaFileManager mediaFiles,
    IMediaService mediaService,
    IHttpContextAccessor httpContextAccessor,
    ILogger<MediaUploadCheck> logger) : INotificationHandler<MediaSavingNotification>
{
    private const string FileAlias = Constants.Conventions.Media.File;

    public void Handle(MediaSavingNotification notification)
    {
        foreach (var media in notification.SavedEntities)
        {
            if (Refusal(media) is not { } message) continue;
            logger.LogInformation("Media {Name} refused: {Reason}", media.Name, message);
            notification.CancelOperation(new EventMessage(UploadRefusalFilter.Title, message, EventMessageType.Error));
            if (httpContextAccessor.HttpContext is { } context) context.Items[UploadSecurityAnalyzer.RefusalItem] = message;
            return;
        }
    }

    private string? Refusal(IMedia media)
    {
        var fileSystem = mediaFiles.FileSystem;
        var source = media.HasProperty(FileAlias) && media.IsPropertyDirty(FileAlias) ? Source(media.GetValue(FileAlias)) : null;
        var relative = string.IsNullOrEmpty(source) ? null : fileSystem.GetRelativePath(source);
        // The same file as before (the focal point or a crop changed): it was checked when it came in.
        if (relative is not null && media.HasIdentity && Source(mediaService.GetById(media.Key)?.GetValue(FileAlias)) == source) relative = null;

        if (MediaNames.Problem(media.Name) is { } badName)
        {
            if (relative is not null) Remove(relative);
            return badName;
        }
        if (relative is null || !fileSystem.FileExists(relative)) return null;
        if (MediaNames.Problem(Path.GetFileName(relative)) is { } badFileName)
        {
            Remove(relative);
            return badFileName;
        }

        UploadVerdict verdict;
        using (var stream = fileSystem.OpenFile(relative)) verdict = check.Check(stream);
        switch (verdict)
        {
            case UploadVerdict.Refused refused:
                Remove(relative);
                return refused.Message;
            case UploadVerdict.NotMedia notMedia:
                Remove(relative);
                return notMedia.Message;
            case UploadVerdict.Passed { File: { Kind: MediaKind.Image } image }:
                StoreReencoded(media, relative, image);
                return null;
            case UploadVerdict.Passed { File: var document }:
                if (media.HasProperty(Constants.Conventions.Media.Bytes)) media.SetValue(Constants.Conventions.Media.Bytes, document.Length);
                return null;
            default:
                return null;
        }
    }

    /// <summary>Puts the re-encoded image where the upload was, under the extension of what it really is.</summary>
    private void StoreReencoded(IMedia media, string relative, CheckedFile image)
    {
        var fileSystem = mediaFiles.FileSystem;
        var extension = image.MediaType switch { "image/png" => "png", "image/webp" => "webp", _ => "jpg" };
        var current = Path.GetExtension(relative).TrimStart('.').ToLowerInvariant();
        var target = current == extension || (extension == "jpg" && current == "jpeg") ? relative : Path.ChangeExtension(relative, extension);
        using (var reencoded = System.IO.File.OpenRead(image.Path)) fileSystem.AddFile(target, reencoded, overrideIfExists: true);
        if (target != relative)
        {
            fileSystem.DeleteFile(relative);
            media.SetValue(FileAlias, WithSource(media.GetValue(FileAlias), fileSystem.GetUrl(target)));
        }
        if (media.HasProperty(Constants.Conventions.Media.Width)) media.SetValue(Constants.Conventions.Media.Width, image.Width);
        if (media.HasProperty(Constants.Conventions.Media.Height)) media.SetValue(Constants.Conventions.Media.Height, image.Height);
        if (media.HasProperty(Constants.Conventions.Media.Bytes)) media.SetValue(Constants.Conventions.Media.Bytes, image.Length);
        if (media.HasProperty(Constants.Conventions.Media.Extension)) media.SetValue(Constants.Conventions.Media.Extension, Path.GetExtension(target).TrimStart('.'));
    }

    /// <summary>Nothing half-written stays: the refused file, and its folder when nothing else is in it.</summary>
    private void Remove(string relative)
    {
        var fileSystem = mediaFiles.FileSystem;
        if (fileSystem.FileExists(relative)) fileSystem.DeleteFile(relative);
        var folder = Path.GetDirectoryName(relative);
        if (!string.IsNullOrEmpty(folder) && fileSystem.DirectoryExists(folder) && !fileSystem.GetFiles(folder).Any() && !fileSystem.GetDirectories(folder).Any())
            fileSystem.DeleteDirectory(folder);
    }

    /// <summary>The file's address in a value of the image cropper (JSON with "src") or of the upload field (the address).</summary>
    internal static string? Source(object? value)
    {
        if (value is not string text || string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (!text.StartsWith('{')) return text;
        try { return JsonNode.Parse(text)?["src"]?.GetValue<string>(); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException) { return null; }
    }

    private static string WithSource(object? value, string url)
    {
        if (value is string text && text.TrimStart().StartsWith('{') && JsonNode.Parse(text) is JsonObject json)
        {
            json["src"] = url;
            return json.ToJsonString();
        }
        return url;
    }
}
