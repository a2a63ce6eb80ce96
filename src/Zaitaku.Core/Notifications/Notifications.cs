using System.Text.Json.Serialization;

namespace Zaitaku.Core.Notifications;

/// <summary>
/// Something changed that what is held in memory (the published cache, the media library, the form
/// catalog, the synonym list), cached pages or the search index must follow. Raised once, after the
/// change is committed and this node's own memory refreshed, by the service that made it; everything
/// that follows is a handler (Umbraco's notifications). Serialized as JSON between nodes.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ContentPublishedNotification), "content.published")]
[JsonDerivedType(typeof(ContentUnpublishedNotification), "content.unpublished")]
[JsonDerivedType(typeof(ContentMovedNotification), "content.moved")]
[JsonDerivedType(typeof(ContentDeletedNotification), "content.deleted")]
[JsonDerivedType(typeof(ContentTreeChangedNotification), "content.tree")]
[JsonDerivedType(typeof(MediaChangedNotification), "media.changed")]
[JsonDerivedType(typeof(FormChangedNotification), "form.changed")]
[JsonDerivedType(typeof(SettingChangedNotification), "setting.changed")]
[JsonDerivedType(typeof(ChangesFoundElsewhereNotification), "changes.found")]
public abstract record Notification
{
    /// <summary>True when another node made the change and this node has already reloaded what it holds in memory.</summary>
    [JsonIgnore]
    public bool FromOtherNode { get; init; }
}

/// <summary>A change to a published page: it and the listings and breadcrumbs that show it must follow.</summary>
/// <param name="NodeId">The node that changed.</param>
/// <param name="AncestorIds">Its ancestors at the time of the change, nearest first.</param>
/// <param name="Level">Its depth in the tree (1 = root).</param>
public abstract record ContentNotification(int NodeId, IReadOnlyList<int> AncestorIds, int Level) : Notification;

public sealed record ContentPublishedNotification(int NodeId, IReadOnlyList<int> AncestorIds, int Level)
    : ContentNotification(NodeId, AncestorIds, Level);

/// <summary>Taken off the site: unpublished, or moved to the recycle bin.</summary>
public sealed record ContentUnpublishedNotification(int NodeId, IReadOnlyList<int> AncestorIds, int Level)
    : ContentNotification(NodeId, AncestorIds, Level);

/// <summary>Moved or sorted; a move raises one for the place it left (with its former ancestors) and one for where it went.</summary>
public sealed record ContentMovedNotification(int NodeId, IReadOnlyList<int> AncestorIds, int Level)
    : ContentNotification(NodeId, AncestorIds, Level);

/// <summary>Deleted for good from the recycle bin (it was off the site already): other nodes reload their published cache.</summary>
public sealed record ContentDeletedNotification(int NodeId) : Notification;

/// <summary>
/// The published tree changed in a way no cached page shows (a retired redirect): other nodes reload
/// their published cache; nothing is evicted.
/// </summary>
public sealed record ContentTreeChangedNotification(string Reason) : Notification;

/// <summary>A media item was added, replaced, moved or deleted.</summary>
/// <param name="PagesShowIt">False for changes no page can show yet (a new folder, an upload not picked anywhere).</param>
public sealed record MediaChangedNotification(bool PagesShowIt) : Notification;

/// <summary>A form's design or its places left changed.</summary>
/// <param name="PagesShowIt">True when cached pages carry what changed (a form placed on them, the page feedback form); false for places left, which forms show uncached.</param>
public sealed record FormChangedNotification(bool PagesShowIt) : Notification;

/// <summary>A backoffice setting (such as the search synonyms) was saved.</summary>
public sealed record SettingChangedNotification(string Key) : Notification;

/// <summary>
/// The database check found changes made elsewhere that no message brought (a lost message, a Redis
/// outage, a node without Redis): this node has reloaded everything it holds in memory. Never sent to
/// other nodes: each finds such changes itself.
/// </summary>
public sealed record ChangesFoundElsewhereNotification : Notification;

/// <summary>Follows one kind of notification (and, through the publisher, every kind derived from it).</summary>
public interface INotificationHandler<in T> where T : Notification
{
    Task HandleAsync(T notification, CancellationToken cancellationToken);
}

/// <summary>The one way to say that something changed.</summary>
public interface INotificationPublisher
{
    Task PublishAsync(Notification notification, CancellationToken cancellationToken = default);
}
