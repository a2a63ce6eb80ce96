using Zaitaku.Core.Content;

namespace Zaitaku.Web.Backoffice.Content;

/// <summary>Nodes in the order the tree shows them: each parent followed by its children, by sort order.</summary>
public static class TreeOrder
{
    public static List<(ContentNode Node, int Depth)> Walk(IReadOnlyCollection<ContentNode> nodes)
    {
        var byParent = nodes.ToLookup(n => n.ParentId);
        var ordered = new List<(ContentNode, int)>();
        void Visit(int? parentId, int depth)
        {
            foreach (var node in byParent[parentId].OrderBy(n => n.SortOrder).ThenBy(n => n.Id))
            {
                ordered.Add((node, depth));
                Visit(node.Id, depth + 1);
            }
        }
        Visit(null, 0);
        return ordered;
    }
}
