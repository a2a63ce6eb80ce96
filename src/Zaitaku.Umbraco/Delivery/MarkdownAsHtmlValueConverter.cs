using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PropertyEditors;
using Umbraco.Cms.Core.PropertyEditors.DeliveryApi;
using Umbraco.Cms.Core.PropertyEditors.ValueConverters;
using Umbraco.Cms.Core.Strings;
using Umbraco.Cms.Core.Templates;
using Zaitaku.Core.Rendering;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// Markdown bodies (Umbraco.MarkdownEditor) as the site renders them, everywhere Umbraco converts them: the Delivery
/// API gives HTML (Umbraco's own converter gives the Markdown text as typed), and <c>Value&lt;IHtmlEncodedString&gt;</c>
/// gives the same sanitized HTML as our pages (Umbraco's default Markdown sanitizer does nothing). Umbraco's converter
/// is marked as a default one, so this one, not marked, takes its place.
/// </summary>
public sealed class MarkdownAsHtmlValueConverter(
    HtmlLocalLinkParser localLinkParser, HtmlUrlParser urlParser, IMarkdownToHtmlConverter markdownToHtmlConverter, MarkdownRenderer markdown)
    : MarkdownEditorValueConverter(localLinkParser, urlParser, markdownToHtmlConverter), IDeliveryApiPropertyValueConverter
{
    public override object ConvertIntermediateToObject(IPublishedElement owner, IPublishedPropertyType propertyType, PropertyCacheLevel referenceCacheLevel, object? inter, bool preview) =>
        new HtmlEncodedString(markdown.ToHtml(inter as string));

    // Rendered once per published version (the Markdig pipeline is not free), as the website's value is.
    PropertyCacheLevel IDeliveryApiPropertyValueConverter.GetDeliveryApiPropertyCacheLevel(IPublishedPropertyType propertyType) => PropertyCacheLevel.Element;

    Type IDeliveryApiPropertyValueConverter.GetDeliveryApiPropertyValueType(IPublishedPropertyType propertyType) => typeof(string);

    object? IDeliveryApiPropertyValueConverter.ConvertIntermediateToDeliveryApiObject(IPublishedElement owner, IPublishedPropertyType propertyType, PropertyCacheLevel referenceCacheLevel, object? inter, bool preview, bool expanding) =>
        markdown.ToHtml(inter as string);
}
