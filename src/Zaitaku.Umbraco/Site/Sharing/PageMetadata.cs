using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.PublishedContent;
using Zaitaku.Web.Hosting;
using Zaitaku.Web.Site.Feeds;
using ColumnSeries = Zaitaku.Web.Site.Columns.Columns;

namespace Zaitaku.Web.Site.Sharing;

/// <summary>
/// What a page tells LINE, social sites and search engines about itself: the canonical address, Open Graph and
/// Twitter card tags, and schema.org JSON-LD (BreadcrumbList on every page, Article for a column with its association
/// as author, GovernmentOrganization with a ContactPoint for a 相談窓口). Every address is absolute and made from
/// PublicUrl, never from the request.
/// </summary>
public sealed class PageMetadata
{
    public const string DefaultImagePath = "/images/og-default.png";
    public const int DefaultImageWidth = 1200, DefaultImageHeight = 630;
    private const string DefaultImageAlt = "大和郡山市 在宅医療・介護連携 ― 医療と介護の情報";
    /// <summary>The widest image a share preview needs (OGP asks for 1200).</summary>
    private const int ShareImageWidth = 1280;

    public required string? CanonicalUrl { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
    public required string SiteName { get; init; }
    public string? Description { get; init; }
    public required string ImageUrl { get; init; }
    public int? ImageWidth { get; init; }
    public int? ImageHeight { get; init; }
    public required string ImageAlt { get; init; }
    /// <summary>Each a complete JSON-LD document, escaped so that it cannot close its script element.</summary>
    public required IReadOnlyList<string> JsonLd { get; init; }

    private static readonly JsonSerializerOptions Json = new()
    {
        // Japanese stays readable; <, > and & are escaped (\u003C), so "</script>" in a title cannot end the block.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static PageMetadata For(LayoutModel layout, PublicUrl site)
    {
        var page = layout as SitePage;
        var content = page?.Content;
        var canonical = layout.CurrentUrl is { Length: > 0 } url ? site.Absolute(url) : null;
        var isHome = content is not null && content.Key == page!.Home.Key;
        // A page that is not content (search results, a form's answer, an error) may carry what someone typed in its
        // title; a share preview must not repeat it as the city's words, so it says the site's name.
        var title = content is null || isHome ? layout.SiteName : content.Name;
        var description = layout.Description ?? content?.Text("summary") ?? content?.Text("theme")
            ?? FirstParagraph(content?.Markdown()) ?? page?.Home.Text("lead");

        var photo = content?.PickedMedia("image");
        var fullWidth = photo?.Content.Value<int?>(Umbraco.Cms.Core.Constants.Conventions.Media.Width);
        var fullHeight = photo?.Content.Value<int?>(Umbraco.Cms.Core.Constants.Conventions.Media.Height);
        var photoWidth = fullWidth is > 0 ? Math.Min(fullWidth.Value, ShareImageWidth) : (int?)null;
        var imageUrl = photo is not null && photoWidth is not null
            ? site.Absolute(photo.GetCropUrl(width: photoWidth) ?? photo.Url())
            : site.Absolute(DefaultImagePath);

        var jsonLd = new List<JsonObject>();
        if (canonical is not null && layout.Breadcrumbs.Count > 0) jsonLd.Add(Breadcrumbs(layout, site));
        if (content is not null && canonical is not null)
        {
            if (content.Is(ColumnSeries.ColumnType)) jsonLd.Add(Article(page!, content, site, imageUrl, description));
            if (content.Is("consultationWindow")) jsonLd.Add(Window(content, canonical, layout.SiteName));
        }

        return new PageMetadata
        {
            CanonicalUrl = canonical,
            Type = content?.Is(ColumnSeries.ColumnType) == true ? "article" : "website",
            Title = title,
            SiteName = layout.SiteName,
            Description = description,
            ImageUrl = imageUrl,
            ImageWidth = photo is null ? DefaultImageWidth : photoWidth,
            ImageHeight = photo is null ? DefaultImageHeight
                : photoWidth is { } pw && fullHeight is { } h ? (int)Math.Round((double)h * pw / fullWidth!.Value) : null,
            ImageAlt = photo is null ? DefaultImageAlt : photo.Content.Text("altText") ?? title,
            JsonLd = jsonLd.Select(o => o.ToJsonString(Json)).ToList(),
        };
    }

    /// <summary>A page without a lead is described by its body's first paragraph, as plain text of share-preview length.</summary>
    public static string? FirstParagraph(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return null;
        var paragraph = markdown.Replace("\r", "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Trim())
            .FirstOrDefault(p => p.Length > 0 && !"#-*|>!<0123456789".Contains(p[0]));
        if (paragraph is null) return null;
        var text = System.Text.RegularExpressions.Regex.Replace(paragraph, @"\[([^\]]*)\]\([^)]*\)", "$1").Replace("\n", "");
        return text.Length <= 120 ? text : text[..119] + "…";
    }

    private static JsonObject Breadcrumbs(LayoutModel layout, PublicUrl site)
    {
        var items = new JsonArray();
        for (var i = 0; i < layout.Breadcrumbs.Count; i++)
        {
            var crumb = layout.Breadcrumbs[i];
            var item = new JsonObject { ["@type"] = "ListItem", ["position"] = i + 1, ["name"] = crumb.Text };
            var url = crumb.Url is { Length: > 0 } u ? u : layout.CurrentUrl;
            if (url is { Length: > 0 }) item["item"] = site.Absolute(url);
            items.Add(item);
        }
        return new JsonObject { ["@context"] = "https://schema.org", ["@type"] = "BreadcrumbList", ["itemListElement"] = items };
    }

    private static JsonObject Article(SitePage page, IPublishedContent column, PublicUrl site, string imageUrl, string? description)
    {
        var article = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Article",
            ["headline"] = column.Name,
            ["mainEntityOfPage"] = site.Absolute(column.Url()),
            ["inLanguage"] = "ja",
            ["image"] = imageUrl,
            ["dateModified"] = column.UpdateDate.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["isPartOf"] = new JsonObject { ["@type"] = "CreativeWorkSeries", ["name"] = FeedLinks.ColumnsTitle },
            ["publisher"] = new JsonObject { ["@type"] = "GovernmentOrganization", ["name"] = page.SiteName, ["url"] = site.Absolute("/") },
        };
        if (ColumnSeries.IssueDate(column) is var issued && issued != DateOnly.MinValue)
            article["datePublished"] = issued.ToString("yyyy-MM-dd");
        if (description is not null) article["description"] = description;
        if (ColumnSeries.Association(column) is { } association)
            article["author"] = new JsonObject { ["@type"] = "Organization", ["name"] = association.Name, ["url"] = site.Absolute(association.Url()) };
        return article;
    }

    /// <summary>
    /// A 相談窓口 as a GovernmentOrganization with its ContactPoint. Placeholder contact details (isSample) are left
    /// out: a search engine must not show 「（サンプル）000-000-0000」 as a number to call.
    /// </summary>
    private static JsonObject Window(IPublishedContent window, string canonical, string siteName)
    {
        var real = !window.Flag("isSample");
        var point = new JsonObject { ["@type"] = "ContactPoint", ["contactType"] = window.Text("windowKind") ?? window.Name, ["availableLanguage"] = "ja" };
        if (real && window.Text("phone") is { } phone) point["telephone"] = phone;
        if (real && window.Text("fax") is { } fax) point["faxNumber"] = fax;
        if (real && window.Text("area") is { } area) point["areaServed"] = area;
        var organization = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "GovernmentOrganization",
            ["name"] = window.Name,
            ["url"] = canonical,
            ["contactPoint"] = point,
            ["parentOrganization"] = new JsonObject { ["@type"] = "GovernmentOrganization", ["name"] = siteName },
        };
        if (window.Text("summary") is { } summary) organization["description"] = summary;
        if (real && window.Text("address") is { } address) organization["address"] = address;
        return organization;
    }
}
