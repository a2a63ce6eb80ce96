namespace Zaitaku.Core.Publishing;

/// <summary>What a publish, unpublish, move or delete changed, for whatever must follow it (output cache, search index).</summary>
/// <param name="NodeId">The node that changed.</param>
/// <param name="AncestorIds">Its ancestors at the time of the change, nearest first.</param>
/// <param name="Level">Its depth in the tree (1 = root).</param>
public sealed record ContentChange(int NodeId, IReadOnlyList<int> AncestorIds, int Level);

/// <summary>Umbraco's notification handler idea: told after the published cache has been refreshed.</summary>
public interface IContentChangeHandler
{
    Task HandleAsync(ContentChange change, CancellationToken cancellationToken);
}
