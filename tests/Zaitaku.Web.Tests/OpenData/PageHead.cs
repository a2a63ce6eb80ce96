using System.Text.Json;
using AngleSharp.Html.Parser;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>What a crawler or a share preview reads from a page's head.</summary>
public sealed record PageHead(Dictionary<string, string> Meta, string? Canonical, IReadOnlyList<JsonElement> JsonLd, IReadOnlyList<(string Title, string Href)> Feeds)
{
    public static PageHead Parse(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var meta = new Dictionary<string, string>();
        foreach (var m in document.QuerySelectorAll("head meta[property], head meta[name]"))
            meta[m.GetAttribute("property") ?? m.GetAttribute("name")!] = m.GetAttribute("content") ?? "";
        var jsonLd = document.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement).ToList();
        var feeds = document.QuerySelectorAll("head link[rel=alternate][type='application/atom+xml']")
            .Select(l => (l.GetAttribute("title") ?? "", l.GetAttribute("href") ?? "")).ToList();
        return new PageHead(meta, document.QuerySelector("head link[rel=canonical]")?.GetAttribute("href"), jsonLd, feeds);
    }

    public JsonElement? OfType(string type) =>
        JsonLd.Cast<JsonElement?>().FirstOrDefault(j => j!.Value.TryGetProperty("@type", out var t) && t.GetString() == type);
}
