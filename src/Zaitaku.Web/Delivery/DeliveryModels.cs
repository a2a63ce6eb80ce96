using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Zaitaku.Web.Delivery;

// The response shapes of Umbraco's Delivery API v2 (IApiContentResponse, IApiContentRoute,
// IApiMediaWithCropsResponse, PagedViewModel), so a client written for Umbraco reads these unchanged.

/// <summary>A page of query results: how many match in all, and the ones asked for.</summary>
public sealed record PagedContent(int Total, IReadOnlyList<ApiContent> Items);

/// <summary>One content item. <c>properties</c> is empty for a picked item that was not expanded.</summary>
public sealed record ApiContent(
    string ContentType,
    string Name,
    DateTimeOffset CreateDate,
    DateTimeOffset UpdateDate,
    ApiContentRoute Route,
    Guid Id,
    IReadOnlyDictionary<string, object?> Properties,
    IReadOnlyDictionary<string, ApiContentRoute> Cultures);

/// <summary>Where the item lives on the site. <c>path</c> is null for data that is not a page (settings, contact points, downloads).</summary>
public sealed record ApiContentRoute(string? Path, string? QueryString, ApiContentStartItem StartItem);

public sealed record ApiContentStartItem(Guid Id, string Path);

/// <summary>A picked media item with its file's address and size (Umbraco's media with crops).</summary>
public sealed record ApiMedia(
    Guid Id,
    string Name,
    string MediaType,
    string Url,
    string Extension,
    int? Width,
    int? Height,
    long Bytes,
    ApiFocalPoint? FocalPoint,
    IReadOnlyList<object> Crops,
    IReadOnlyDictionary<string, object?> Properties);

public sealed record ApiFocalPoint(double Left, double Top);

/// <summary>A table kept as CSV (the Zaitaku.CsvTable editor), as columns and rows.</summary>
public sealed record ApiTable(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

public static class DeliveryJson
{
    /// <summary>
    /// camelCase like Umbraco; Japanese as characters rather than \u escapes (a third of the bytes,
    /// and readable when a developer looks), while &lt;, &gt; and &amp; stay escaped.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
