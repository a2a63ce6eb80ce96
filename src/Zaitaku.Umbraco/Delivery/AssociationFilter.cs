using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PublishedCache;
using Umbraco.Cms.Core.Services.Navigation;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// <c>filter=association:ishikai</c> (or the association's id; <c>association:!ishikai</c> for the others): content
/// that names the 関係団体 in a content picker, a column's 執筆団体 above all. An association that is not published
/// is not a filter Umbraco knows, so the query is answered 400 ("Filter option not found") rather than an empty list
/// that would read as "this association wrote nothing".
/// </summary>
public sealed class AssociationFilter(IDocumentNavigationQueryService navigation, IPublishedContentCache contentCache) : IFilterHandler
{
    public const string Prefix = "association:";
    public const string AssociationType = "association";

    public bool CanHandle(string query) => Parse(query) is not null;

    public FilterOption BuildFilterOption(string filter)
    {
        var (association, negate) = Parse(filter) ?? throw new ArgumentException($"Not an association filter: {filter}", nameof(filter));
        return new FilterOption
        {
            FieldName = PickedDocumentsIndexer.FieldName,
            Values = [association.Key.ToString("D")],
            Operator = negate ? FilterOperation.IsNot : FilterOperation.Is,
        };
    }

    private (IPublishedContent Association, bool Negate)? Parse(string query)
    {
        if (!query.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return null;
        var value = query[Prefix.Length..].Trim();
        var negate = value.StartsWith('!');
        if (negate) value = value[1..].Trim();
        return value.Length > 0 && Find(value) is { } association ? (association, negate) : null;
    }

    /// <summary>A published association by its key or by its URL segment (the end of its address: ishikai).</summary>
    private IPublishedContent? Find(string value)
    {
        if (Guid.TryParse(value, out var key))
            return contentCache.GetById(key) is { } byKey && byKey.ContentType.Alias == AssociationType ? byKey : null;
        if (!navigation.TryGetRootKeys(out var roots)) return null;
        foreach (var root in roots)
        {
            if (!navigation.TryGetDescendantsKeysOfType(root, AssociationType, out var keys)) continue;
            foreach (var candidate in keys)
                if (contentCache.GetById(candidate) is { } association && string.Equals(LastSegment(association), value, StringComparison.OrdinalIgnoreCase))
                    return association;
        }
        return null;
    }

    private static string LastSegment(IPublishedContent content) => content.Url().Trim('/').Split('/')[^1];
}
