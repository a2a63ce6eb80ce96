using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Zaitaku.Infrastructure.Reading;

namespace Zaitaku.Web.Reading;

/// <summary>
/// &lt;furigana&gt;…&lt;/furigana&gt; in the layout: when the reader chose ふりがな (and MeCab is there),
/// the HTML inside gets ruby; otherwise it is written as it is. The element itself is not written.
/// Runs when a page is rendered; the output cache keeps the page with ruby as its own entry.
/// </summary>
[HtmlTargetElement("furigana")]
public sealed class FuriganaTagHelper(Readings readings, System.Text.Encodings.Web.HtmlEncoder encoder) : TagHelper
{
    [ViewContext, HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        if (!readings.IsAvailable || !FuriganaPreference.IsOn(ViewContext.HttpContext.Request)) return;
        // The site's encoder (Japanese as characters), not the tag helper's default, which writes &#x...; for each.
        var content = await output.GetChildContentAsync(encoder);
        output.Content.SetHtmlContent(FuriganaHtml.Apply(content.GetContent(), readings.Annotate));
    }
}
