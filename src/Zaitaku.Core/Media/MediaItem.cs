namespace Zaitaku.Core.Media;

public enum MediaKind { Folder, Image, Document }

/// <summary>
/// An item of the media library (Umbraco's media section): a folder, an image or a document. The
/// file of an image or document is stored under a path made from its key and revision, never from
/// the uploaded name; replacing the file raises the revision and keeps the key, so every page that
/// picked it shows the new file.
/// </summary>
public class MediaItem
{
    public int Id { get; set; }
    public Guid Key { get; set; } = Guid.NewGuid();
    public int? ParentId { get; set; }
    public MediaKind Kind { get; set; }
    public string Name { get; set; } = "";

    /// <summary>On a top-level folder: the association whose editors use it. Items inherit it from their folder.</summary>
    public Guid? AssociationKey { get; set; }
    /// <summary>On a top-level folder: every editor may use it (共有).</summary>
    public bool Shared { get; set; }

    /// <summary>The name the file had when it was uploaded, offered again when it is downloaded.</summary>
    public string? FileName { get; set; }
    public string? MediaType { get; set; }
    public long Length { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public int? PageCount { get; set; }

    /// <summary>Where crops centre, as fractions of the width and height (Umbraco's focal point).</summary>
    public double FocalX { get; set; } = 0.5;
    public double FocalY { get; set; } = 0.5;
    public string? AltText { get; set; }
    /// <summary>An image that adds nothing for a reader who cannot see it, shown with alt="".</summary>
    public bool Decorative { get; set; }

    public int Revision { get; set; } = 1;
    public bool Trashed { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime UpdatedUtc { get; set; }
    public string? CreatedBy { get; set; }

    public string Udi => MediaUdi.For(Key);

    /// <summary>The extension of the stored file, from its checked type (never from the uploaded name).</summary>
    public string Extension => MediaType switch
    {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "application/pdf" => "pdf",
        _ => "bin",
    };
}

/// <summary>Media references in property values, as Umbraco writes them: umb://media/{key}.</summary>
public static class MediaUdi
{
    private const string Prefix = "umb://media/";

    public static string For(Guid key) => $"{Prefix}{key:N}";

    public static Guid? Parse(string? value) =>
        value is not null && value.StartsWith(Prefix, StringComparison.Ordinal) && Guid.TryParse(value.AsSpan(Prefix.Length), out var key)
            ? key : null;
}

/// <summary>How often a file was downloaded in one month (Japan time). No person, address or agent is kept.</summary>
public class DownloadCount
{
    public Guid MediaKey { get; set; }
    /// <summary>"2026-11".</summary>
    public string Month { get; set; } = "";
    public long Count { get; set; }
}
