namespace Zaitaku.Core.Content;

/// <summary>
/// A node in the content tree. Its name, URL segment and property values live in versions:
/// the draft is the latest version, the published one is whichever version was last published,
/// so editing never changes what the public site shows until the next publish.
/// </summary>
public class ContentNode
{
    public int Id { get; set; }
    public Guid Key { get; set; } = Guid.NewGuid();
    public int? ParentId { get; set; }
    public int SortOrder { get; set; }
    public string ContentTypeAlias { get; set; } = "";
    public DateTime CreatedUtc { get; set; }
    public bool Trashed { get; set; }

    public int? DraftVersionId { get; set; }
    public int? PublishedVersionId { get; set; }
    /// <summary>When the node was last published; kept after it is unpublished.</summary>
    public DateTime? PublishedUtc { get; set; }

    /// <summary>When the draft is to be published by the scheduler (stored in UTC, entered in Japan time).</summary>
    public DateTime? PublishAtUtc { get; set; }
    /// <summary>When the page is to be taken off the public site by the scheduler.</summary>
    public DateTime? UnpublishAtUtc { get; set; }

    /// <summary>
    /// Preview links to this node made at or before this moment no longer open: an editor or reviewer
    /// revoked them (a link was sent to the wrong person, say) before their seven days were up.
    /// </summary>
    public DateTime? PreviewLinksRevokedUtc { get; set; }

    public ContentVersion? DraftVersion { get; set; }
    public ContentVersion? PublishedVersion { get; set; }
}

/// <summary>One saved state of a node. Versions are never changed after they are written.</summary>
public class ContentVersion
{
    public int Id { get; set; }
    public int NodeId { get; set; }
    public string Name { get; set; } = "";
    public string UrlSegment { get; set; } = "";
    /// <summary>Property values by alias, as a JSON object of strings (portable across SQLite and PostgreSQL).</summary>
    public string ValuesJson { get; set; } = "{}";
    /// <summary>The date the content itself was last updated, shown to readers as 最終更新日.</summary>
    public DateTime UpdatedUtc { get; set; }
    public DateTime CreatedUtc { get; set; }
    public string? CreatedBy { get; set; }
}
