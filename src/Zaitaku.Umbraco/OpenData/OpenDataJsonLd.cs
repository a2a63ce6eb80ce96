using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Zaitaku.Core.Dates;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.OpenData;

/// <summary>
/// The データ page's catalogue as JSON-LD in W3C DCAT terms (dcat:Catalog, dcat:Dataset,
/// dcat:Distribution with its download address, media type and size), so portals such as the
/// government's data catalogue can harvest it.
/// </summary>
public static class OpenDataJsonLd
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Catalog(string title, string pageUrl, IReadOnlyList<Dataset> datasets, PublicUrl site, OpenDataOptions publisher)
    {
        JsonObject Publisher() => new() { ["@type"] = "foaf:Organization", ["foaf:name"] = publisher.LocalGovernmentName };
        JsonObject Distribution(Dataset d, string extension, string mediaType, long size) => new()
        {
            ["@type"] = "dcat:Distribution",
            ["dct:title"] = $"{d.Title}（{extension.ToUpperInvariant()}）",
            ["dcat:downloadURL"] = new JsonObject { ["@id"] = site.Absolute(OpenDataCatalog.FileUrl(d, extension)) },
            ["dcat:accessURL"] = new JsonObject { ["@id"] = site.Absolute(OpenDataCatalog.FileUrl(d, extension)) },
            ["dcat:mediaType"] = new JsonObject { ["@id"] = "https://www.iana.org/assignments/media-types/" + mediaType },
            ["dcat:byteSize"] = new JsonObject { ["@value"] = size.ToString(System.Globalization.CultureInfo.InvariantCulture), ["@type"] = "xsd:nonNegativeInteger" },
            ["dct:license"] = new JsonObject { ["@id"] = OpenDataCatalog.LicenseUrl },
        };
        var catalog = new JsonObject
        {
            ["@context"] = new JsonObject
            {
                ["dcat"] = "http://www.w3.org/ns/dcat#",
                ["dct"] = "http://purl.org/dc/terms/",
                ["foaf"] = "http://xmlns.com/foaf/0.1/",
                ["xsd"] = "http://www.w3.org/2001/XMLSchema#",
            },
            ["@id"] = pageUrl,
            ["@type"] = "dcat:Catalog",
            ["dct:title"] = title,
            ["dct:language"] = "ja",
            ["dct:publisher"] = Publisher(),
            ["dct:license"] = new JsonObject { ["@id"] = OpenDataCatalog.LicenseUrl },
            ["dcat:dataset"] = new JsonArray(datasets.Select(d => (JsonNode)new JsonObject
            {
                ["@id"] = pageUrl + "#" + d.Slug,
                ["@type"] = "dcat:Dataset",
                ["dct:title"] = d.Title,
                ["dct:description"] = d.Description,
                ["dct:publisher"] = Publisher(),
                ["dct:license"] = new JsonObject { ["@id"] = OpenDataCatalog.LicenseUrl },
                ["dct:modified"] = new JsonObject { ["@value"] = JapaneseDates.JapanDate(d.ModifiedUtc).ToString("yyyy-MM-dd"), ["@type"] = "xsd:date" },
                ["dcat:landingPage"] = new JsonObject { ["@id"] = d.SourceAbsoluteUrl ?? pageUrl },
                ["dcat:distribution"] = new JsonArray(
                    Distribution(d, "csv", "text/csv", d.Csv.Length),
                    Distribution(d, "json", "application/json", d.Json.Length)),
            }).ToArray()),
        };
        return catalog.ToJsonString(Json);
    }
}
