using Zaitaku.Core.Content;
using Zaitaku.Core.ContentTypes;

namespace Zaitaku.Core.Publishing;

/// <summary>The published part of the content tree, one immutable graph swapped whole on publish.</summary>
public sealed class PublishedSnapshot
{
    private readonly Dictionary<int, PublishedContent> _byId;
    private readonly Dictionary<Guid, PublishedContent> _byKey;
    private readonly Dictionary<string, PublishedContent> _byUrl;
    private readonly Dictionary<string, Guid> _redirects;

    /// <param name="nodes">Published, non-trashed nodes, each with the values of its published version.</param>
    /// <param name="redirects">Old addresses of pages that were renamed or moved, with the page each now belongs to.</param>
    public PublishedSnapshot(IEnumerable<PublishedNodeData> nodes, ContentSchema schema, IEnumerable<KeyValuePair<string, Guid>>? redirects = null)
    {
        _redirects = new Dictionary<string, Guid>(redirects ?? [], StringComparer.Ordinal);
        var items = new List<PublishedContent>();
        foreach (var n in nodes)
        {
            var type = schema.FindDocumentType(n.ContentTypeAlias);
            if (type is null) continue; // a node whose type was removed from uSync is not served
            items.Add(new PublishedContent(n.Id, n.Key, n.ParentId, n.SortOrder, type, n.Name, n.UrlSegment,
                n.UpdatedUtc, PropertyValues.Deserialize(n.ValuesJson))
            {
                CreatedUtc = n.CreatedUtc ?? n.UpdatedUtc,
                PublishedUtc = n.PublishedUtc ?? n.UpdatedUtc,
            });
        }
        _byId = items.ToDictionary(c => c.Id);
        _byKey = items.ToDictionary(c => c.Key);

        var roots = new List<PublishedContent>();
        foreach (var item in items)
        {
            if (item.ParentId is null) roots.Add(item);
            // An unpublished parent hides its whole branch, as in Umbraco.
            else if (_byId.TryGetValue(item.ParentId.Value, out var parent)) { item.Parent = parent; parent.ChildList.Add(item); }
        }
        foreach (var item in items) item.ChildList.Sort(BySortOrder);
        roots.Sort(BySortOrder);
        Roots = roots;
        // A node whose parent is unpublished or in the recycle bin is not part of the site at all.
        var reachable = new List<PublishedContent>();
        void Collect(PublishedContent node) { reachable.Add(node); foreach (var c in node.ChildList) Collect(c); }
        foreach (var root in roots) Collect(root);
        if (reachable.Count != items.Count)
        {
            _byId = reachable.ToDictionary(c => c.Id);
            _byKey = reachable.ToDictionary(c => c.Key);
        }

        _byUrl = new Dictionary<string, PublishedContent>(StringComparer.Ordinal);
        // The first routable root is the site at "/"; its descendants take their URLs from their segments.
        Site = roots.FirstOrDefault(r => r.ContentType.IsRoutable);
        foreach (var root in roots) AssignLevels(root, 1);
        if (Site is not null) AssignUrls(Site, "/");
    }

    private static int BySortOrder(PublishedContent a, PublishedContent b) =>
        a.SortOrder != b.SortOrder ? a.SortOrder.CompareTo(b.SortOrder) : string.CompareOrdinal(a.UrlSegment, b.UrlSegment);

    private static void AssignLevels(PublishedContent node, int level)
    {
        node.Level = level;
        foreach (var c in node.Children) AssignLevels(c, level + 1);
    }

    private void AssignUrls(PublishedContent node, string url)
    {
        if (!node.ContentType.IsRoutable) return;
        node.Url = url;
        _byUrl.TryAdd(url, node);
        foreach (var child in node.Children) AssignUrls(child, url + child.UrlSegment + "/");
    }

    public PublishedContent? Site { get; }
    public IReadOnlyList<PublishedContent> Roots { get; }
    public IEnumerable<PublishedContent> All => _byId.Values;

    public PublishedContent? GetById(int id) => _byId.GetValueOrDefault(id);
    public PublishedContent? GetByKey(Guid key) => _byKey.GetValueOrDefault(key);

    /// <summary>Resolves a request path such as "/columns/2024-12-15" (trailing slash optional).</summary>
    public PublishedContent? GetByRoute(string path) =>
        NormalizeRoute(path) is { } url ? _byUrl.GetValueOrDefault(url) : null;

    /// <summary>
    /// The published page that used to live at this path, when nothing lives there now. A page that
    /// is no longer published has no redirect: its old address answers 404 like any other.
    /// </summary>
    public PublishedContent? GetRedirect(string path)
    {
        if (NormalizeRoute(path) is not { } url || _byUrl.ContainsKey(url)) return null;
        return _redirects.TryGetValue(url, out var key) && GetByKey(key) is { Url: not null } target && target.Url != url ? target : null;
    }

    /// <summary>"/Columns/2024-12-15" → "/columns/2024-12-15/"; null when the path cannot be a content URL.</summary>
    public static string? NormalizeRoute(string? path)
    {
        var segments = UrlSegments.Split(path);
        if (segments is null) return null;
        return segments.Count == 0 ? "/" : "/" + string.Join('/', segments) + "/";
    }

    /// <summary>Follows a content picker value to the published node it names, if that node is published.</summary>
    public PublishedContent? Picked(PublishedContent node, string alias) =>
        node.ValueAsDocumentKey(alias) is { } key ? GetByKey(key) : null;

    public IEnumerable<PublishedContent> OfType(string alias) => _byId.Values.Where(c => c.Is(alias));
}

/// <summary>The columns the snapshot needs from a node and its published version.</summary>
public sealed record PublishedNodeData(
    int Id, Guid Key, int? ParentId, int SortOrder, string ContentTypeAlias,
    string Name, string UrlSegment, DateTime UpdatedUtc, string ValuesJson,
    DateTime? CreatedUtc = null, DateTime? PublishedUtc = null);
