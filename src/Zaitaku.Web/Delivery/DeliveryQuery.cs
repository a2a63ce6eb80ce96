using System.Globalization;
using System.Text.RegularExpressions;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// The query of /content in Umbraco's syntax: fetch=children:{id or path}, filter=contentType:column,
/// sort=updateDate:desc, skip, take, and our own filter association:{segment or id}. Every value that
/// cannot be used is reported by parameter name, in Japanese, so the caller gets a 400 that says why.
/// </summary>
public sealed partial class DeliveryQuery
{
    public const int DefaultTake = 10;
    public const int MaxTake = 100;

    private readonly List<Func<PublishedContent, bool>> _filters = [];
    private readonly List<(Func<PublishedContent, IComparable> Key, bool Descending)> _sorts = [];
    private Func<PublishedSnapshot, IEnumerable<PublishedContent>>? _fetch;

    public int Skip { get; private init; }
    public int Take { get; private init; } = DefaultTake;
    public Dictionary<string, List<string>> Errors { get; } = new(StringComparer.Ordinal);

    public static DeliveryQuery Parse(string? fetch, IEnumerable<string> filters, IEnumerable<string> sorts,
        int? skip, int? take, PublishedSnapshot snapshot, ContentSchema schema)
    {
        var query = new DeliveryQuery
        {
            Skip = skip ?? 0,
            Take = take ?? DefaultTake,
        };
        if (skip < 0) query.Error("skip", "skip は0以上の整数で指定してください。");
        if (take is < 0 or > MaxTake) query.Error("take", $"take は0から{MaxTake}までの整数で指定してください（多くを読むときは skip で続きを読みます）。");
        if (!string.IsNullOrWhiteSpace(fetch)) query.ParseFetch(fetch.Trim(), snapshot);
        foreach (var f in filters.Where(f => !string.IsNullOrWhiteSpace(f))) query.ParseFilter(f.Trim(), snapshot, schema);
        foreach (var s in sorts.Where(s => !string.IsNullOrWhiteSpace(s))) query.ParseSort(s.Trim());
        return query;
    }

    public bool IsValid => Errors.Count == 0;

    /// <summary>Every matching item in order (tree order unless sorted), before skip and take.</summary>
    public IReadOnlyList<PublishedContent> Run(PublishedSnapshot snapshot)
    {
        var items = (_fetch?.Invoke(snapshot) ?? TreeOrder(snapshot)).Where(c => _filters.All(f => f(c)));
        if (_sorts.Count > 0)
        {
            IOrderedEnumerable<PublishedContent>? ordered = null;
            foreach (var (key, descending) in _sorts)
                ordered = ordered is null
                    ? descending ? items.OrderByDescending(key) : items.OrderBy(key)
                    : descending ? ordered.ThenByDescending(key) : ordered.ThenBy(key);
            items = ordered!;
        }
        return items.ToList();
    }

    /// <summary>The whole published tree, depth first, each level in the editors' sort order.</summary>
    public static IEnumerable<PublishedContent> TreeOrder(PublishedSnapshot snapshot)
    {
        static IEnumerable<PublishedContent> Walk(PublishedContent node) =>
            node.Children.SelectMany(Walk).Prepend(node);
        return snapshot.Roots.SelectMany(Walk);
    }

    /// <summary>A node named by its key or its path ("/columns/", "columns/2024-12-15").</summary>
    public static PublishedContent? Find(PublishedSnapshot snapshot, string idOrPath) =>
        Guid.TryParse(idOrPath, out var key) ? snapshot.GetByKey(key) : snapshot.GetByRoute(idOrPath.Length == 0 ? "/" : idOrPath);

    private void ParseFetch(string fetch, PublishedSnapshot snapshot)
    {
        var colon = fetch.IndexOf(':');
        var kind = colon < 0 ? fetch : fetch[..colon];
        var target = colon < 0 ? "" : fetch[(colon + 1)..].Trim();
        if (kind is not ("children" or "descendants" or "ancestors") || colon < 0)
        {
            Error("fetch", "fetch は children:{ID かパス}、descendants:{ID かパス}、ancestors:{ID かパス} のどれかで指定してください。");
            return;
        }
        if (Find(snapshot, target) is not { } node)
        {
            Error("fetch", $"fetch の「{target}」にあたる公開中のコンテンツがありません。");
            return;
        }
        _fetch = kind switch
        {
            "children" => _ => node.Children,
            "descendants" => _ => node.Children.SelectMany(c => TreeOrder(c)),
            _ => _ => node.Ancestors().Reverse(),
        };
    }

    private static IEnumerable<PublishedContent> TreeOrder(PublishedContent node) =>
        node.Children.SelectMany(TreeOrder).Prepend(node);

    [GeneratedRegex(@"^(createDate|updateDate|publishDate)(>=|<=|>|<)(.+)$")]
    private static partial Regex DateFilter();

    private void ParseFilter(string filter, PublishedSnapshot snapshot, ContentSchema schema)
    {
        if (DateFilter().Match(filter) is { Success: true } date)
        {
            if (!TryParseDate(date.Groups[3].Value, out var when))
            {
                Error("filter", $"filter の日付「{date.Groups[3].Value}」が読めません。2024-12-15 か 2024-12-15T09:00:00+09:00 の形で指定してください。");
                return;
            }
            var field = DateField(date.Groups[1].Value);
            var op = date.Groups[2].Value;
            _filters.Add(c => op switch
            {
                ">" => field(c) > when,
                ">=" => field(c) >= when,
                "<" => field(c) < when,
                _ => field(c) <= when,
            });
            return;
        }
        var colon = filter.IndexOf(':');
        if (colon <= 0)
        {
            Error("filter", $"filter「{filter}」の形が正しくありません。contentType:column、association:ishikai、name:認知症、updateDate>2025-01-01 のように指定してください。");
            return;
        }
        var name = filter[..colon];
        var value = filter[(colon + 1)..].Trim();
        var negate = value.StartsWith('!');
        if (negate) value = value[1..];
        if (value.Length == 0)
        {
            Error("filter", $"filter「{filter}」に値がありません。");
            return;
        }
        switch (name)
        {
            case "contentType":
                var aliases = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var unknown = aliases.Where(a => schema.FindDocumentType(a) is null).ToList();
                if (unknown.Count > 0)
                {
                    Error("filter", $"ドキュメントタイプ「{string.Join("、", unknown)}」はありません。使えるのは {string.Join(", ", schema.DocumentTypes.Select(t => t.Alias).Order())} です。");
                    return;
                }
                _filters.Add(c => aliases.Any(c.Is) != negate);
                break;
            case "name":
                _filters.Add(c => c.Name.Contains(value, StringComparison.OrdinalIgnoreCase) != negate);
                break;
            case "association":
                var association = Guid.TryParse(value, out var key)
                    ? snapshot.GetByKey(key) is { } a && a.Is("association") ? a : null
                    : snapshot.OfType("association").FirstOrDefault(a => a.UrlSegment == value);
                if (association is null)
                {
                    Error("filter", $"関係団体「{value}」は見つかりません。関係団体の ID か、URL の末尾（例：ishikai）で指定してください。");
                    return;
                }
                // Content that names the association in any content picker (a column's 執筆団体).
                _filters.Add(c => c.ContentType.Properties.Any(p => p.EditorAlias == PropertyEditors.ContentPicker
                    && c.ValueAsDocumentKey(p.Alias) == association.Key) != negate);
                break;
            default:
                Error("filter", $"「{name}」では絞り込めません。使えるのは contentType、name、association、createDate・updateDate・publishDate（> >= < <=）です。");
                break;
        }
    }

    private void ParseSort(string sort)
    {
        var parts = sort.Split(':', 2, StringSplitOptions.TrimEntries);
        var direction = parts.Length == 2 ? parts[1].ToLowerInvariant() : "asc";
        Func<PublishedContent, IComparable>? key = parts[0] switch
        {
            "createDate" => c => c.CreatedUtc,
            "updateDate" => c => c.UpdatedUtc,
            "publishDate" => c => c.PublishedUtc,
            "name" => c => c.Name,
            "sortOrder" => c => c.SortOrder,
            "level" => c => c.Level,
            _ => null,
        };
        if (key is null || direction is not ("asc" or "desc"))
        {
            Error("sort", $"sort「{sort}」は使えません。createDate、updateDate、publishDate、name、sortOrder、level のどれかに :asc か :desc をつけて指定してください（例：updateDate:desc）。");
            return;
        }
        _sorts.Add((key, direction == "desc"));
    }

    private static Func<PublishedContent, DateTime> DateField(string name) => name switch
    {
        "createDate" => c => c.CreatedUtc,
        "updateDate" => c => c.UpdatedUtc,
        _ => c => c.PublishedUtc,
    };

    private static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);

    /// <summary>A date alone is the start of that day in Japan time, as the site shows dates.</summary>
    private static bool TryParseDate(string text, out DateTime utc)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            utc = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), JapanOffset).UtcDateTime;
            return true;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            utc = moment.UtcDateTime;
            return true;
        }
        utc = default;
        return false;
    }

    private void Error(string parameter, string message)
    {
        if (!Errors.TryGetValue(parameter, out var list)) Errors[parameter] = list = [];
        list.Add(message);
    }
}
