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

/// <summary>&lt;field-error for="Email" /&gt;: the field's messages in Japanese, beside it, with the id the field points to.</summary>
[HtmlTargetElement("field-error", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("for")] public ModelExpression For { get; set; } = null!;
    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = ViewContext.ModelState.TryGetValue(For.Name, out var entry) ? entry.Errors : null;
        if (errors is null || errors.Count == 0) { output.SuppressOutput(); return; }
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field-error");
        output.Attributes.SetAttribute("id", TagBuilder.CreateSanitizedId(For.Name, "_") + "-error");
        output.Content.SetHtmlContent(string.Join("<br>", errors.Select(e => System.Net.WebUtility.HtmlEncode(e.ErrorMessage))));
        output.PreContent.SetHtmlContent("<span class=\"visually-hidden\">エラー：</span>");
    }
}
