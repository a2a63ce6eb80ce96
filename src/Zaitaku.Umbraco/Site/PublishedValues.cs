using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.PublishedContent;

namespace Zaitaku.Web.Site;

/// <summary>
/// The few ways our templates read a published page, named for what they mean. They stand on Umbraco's own
/// value converters (<c>Value&lt;T&gt;</c>), so a property reads the same here as in any Umbraco template.
/// </summary>
public static class PublishedValues
{
    /// <summary>A text property, or null when it is empty.</summary>
    public static string? Text(this IPublishedContent content, string alias) =>
        content.HasProperty(alias) && content.Value<string>(alias) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>A toggle (Umbraco.TrueFalse); false when the property is missing.</summary>
    public static bool Flag(this IPublishedContent content, string alias) => content.HasProperty(alias) && content.Value<bool>(alias);

    /// <summary>A date property (Umbraco.DateTime), or null when it is empty.</summary>
    public static DateTime? Date(this IPublishedContent content, string alias) =>
        content.HasProperty(alias) && content.Value<DateTime>(alias) is var date && date != default ? date : null;

    /// <summary>The published page a content picker names, or null (nothing picked, or the page is not published).</summary>
    public static IPublishedContent? Picked(this IPublishedContent content, string alias) =>
        content.HasProperty(alias) ? content.Value<IPublishedContent>(alias) : null;

    /// <summary>The media item a (single) media picker names, or null.</summary>
    public static MediaWithCrops? PickedMedia(this IPublishedContent content, string alias) =>
        content.HasProperty(alias) ? content.Value<MediaWithCrops>(alias) : null;

    /// <summary>
    /// A Markdown property as the editor wrote it. Our renderer (Markdig, HtmlSanitizer, 用語集 links, responsive
    /// images) turns it into HTML; Umbraco's own Markdown converter is not used for pages.
    /// </summary>
    public static string? Markdown(this IPublishedContent content, string alias = "body") =>
        content.GetProperty(alias)?.GetSourceValue() is string text && !string.IsNullOrWhiteSpace(text) ? text : null;

    /// <summary>
    /// The last part of a page's address (「ishikai」 of /associations/ishikai/), as the column list's filter and links
    /// name an association. Read from the address Umbraco routes, so it is the segment readers see.
    /// </summary>
    public static string Segment(this IPublishedContent content) =>
        content.Url().TrimEnd('/') is var path && path.LastIndexOf('/') is var slash and >= 0 ? path[(slash + 1)..] : "";

    public static bool Is(this IPublishedContent content, string documentTypeAlias) =>
        string.Equals(content.ContentType.Alias, documentTypeAlias, StringComparison.Ordinal);
}
