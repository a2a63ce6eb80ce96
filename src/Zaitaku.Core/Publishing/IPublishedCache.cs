namespace Zaitaku.Core.Publishing;

/// <summary>The public site's only way to read content: the current snapshot, kept in memory.</summary>
public interface IPublishedCache
{
    PublishedSnapshot Current { get; }

    /// <summary>Rebuilds the snapshot from the database after a publish, unpublish, move or delete.</summary>
    Task RefreshAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// What the database held when the snapshot was read (a signature read just before it), so the check
    /// for changes made elsewhere can tell a change not yet loaded from one already loaded. Null before the first load.
    /// </summary>
    string? LoadedFrom { get; }
}
