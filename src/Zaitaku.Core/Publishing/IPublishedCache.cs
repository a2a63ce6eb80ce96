namespace Zaitaku.Core.Publishing;

/// <summary>The public site's only way to read content: the current snapshot, kept in memory.</summary>
public interface IPublishedCache
{
    PublishedSnapshot Current { get; }

    /// <summary>Rebuilds the snapshot from the database after a publish, unpublish, move or delete.</summary>
    Task RefreshAsync(CancellationToken cancellationToken = default);
}
