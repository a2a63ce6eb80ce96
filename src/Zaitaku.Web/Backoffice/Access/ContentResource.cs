using Zaitaku.Core.Content;

namespace Zaitaku.Web.Backoffice.Access;

/// <summary>A node as the access rule sees it: its key and the 執筆団体 its draft names.</summary>
public sealed record ContentResource(ContentNode Node, IReadOnlyDictionary<string, string> DraftValues)
{
    /// <summary>The node with its draft's values (the draft version must be loaded).</summary>
    public static ContentResource Of(ContentNode node) =>
        new(node, PropertyValues.Deserialize(node.DraftVersion?.ValuesJson ?? "{}"));
}
