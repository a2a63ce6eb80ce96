using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Zaitaku.Web.Backoffice.Shared;

/// <summary>
/// Ties each field to its error message for screen readers: aria-invalid and aria-describedby on an
/// input, select or textarea whose value was refused, pointing at the message that &lt;field-error&gt; writes.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class AccessibleFieldTagHelper : TagHelper
{
    public override int Order => 1000; // after the built-in tag helpers have written id and name

    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (ViewContext.ModelState.GetFieldValidationState(For.Name) != ModelValidationState.Invalid) return;
        var id = TagBuilder.CreateSanitizedId(For.Name, "_");
        output.Attributes.SetAttribute("aria-invalid", "true");
        var describedBy = output.Attributes["aria-describedby"]?.Value?.ToString();
        output.Attributes.SetAttribute("aria-describedby", string.IsNullOrEmpty(describedBy) ? $"{id}-error" : $"{id}-error {describedBy}");
    }
}

/// <summary>
/// &lt;field-error for="Email" /&gt;: the field's messages in Japanese, beside it, with the id the field points to
/// (aria-describedby="{field id}-error"). A field not bound with asp-for names its ModelState entry instead,
/// key="review-publishAt" (and field-id when its id differs from the key); a field whose messages are not in
/// ModelState (the public form page) passes them, messages="@list" field-id="...".
/// </summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("for")] public ModelExpression? For { get; set; }
    [HtmlAttributeName("key")] public string? Key { get; set; }
    [HtmlAttributeName("field-id")] public string? FieldId { get; set; }
    [HtmlAttributeName("messages")] public IEnumerable<string?>? Messages { get; set; }
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var key = For?.Name ?? Key ?? "";
        var messages = (Messages ?? (ViewContext.ModelState.TryGetValue(key, out var entry) ? entry.Errors.Select(e => e.ErrorMessage) : []))
            .Where(m => !string.IsNullOrEmpty(m)).ToList();
        if (messages.Count == 0) { output.SuppressOutput(); return; }
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field-error");
        output.Attributes.SetAttribute("id", (FieldId ?? TagBuilder.CreateSanitizedId(key, "_")) + "-error");
        output.Content.SetHtmlContent(string.Join("<br>", messages.Select(m => System.Net.WebUtility.HtmlEncode(m))));
        output.PreContent.SetHtmlContent("<span class=\"visually-hidden\">エラー：</span>");
    }
}
