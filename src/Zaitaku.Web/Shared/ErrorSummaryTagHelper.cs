using System.Net;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Zaitaku.Web.Shared;

/// <summary>
/// &lt;error-summary /&gt;: the GOV.UK error summary, the one used by backoffice screens and public
/// forms alike. Read first after a refused submission (error-summary.js moves focus to it); each
/// message links to its field. By default it lists the page's ModelState; a public form passes its
/// own messages (<see cref="Errors"/>) and a problem that belongs to no field (<see cref="Problem"/>).
/// </summary>
[HtmlTargetElement("error-summary", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ErrorSummaryTagHelper(Microsoft.AspNetCore.Mvc.ViewFeatures.IFileVersionProvider versions) : TagHelper
{
    public string Title { get; set; } = "入力内容を確認してください";
    /// <summary>The heading's level: 2 on a page of its own, 3 for a form inside a page.</summary>
    public int Level { get; set; } = 2;
    public string HeadingId { get; set; } = "error-summary-title";
    public string? Problem { get; set; }
    /// <summary>Messages with the id of the field each belongs to (null: a message for the whole page).</summary>
    public IEnumerable<(string? FieldId, string Message)>? Errors { get; set; }

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var errors = (Errors ?? FromModelState()).ToList();
        if (Problem is null && errors.Count == 0) { output.SuppressOutput(); return; }
        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "error-summary");
        output.Attributes.SetAttribute("role", "alert");
        output.Attributes.SetAttribute("aria-labelledby", HeadingId);
        output.Attributes.SetAttribute("tabindex", "-1");
        var html = output.Content;
        var h = $"h{Math.Clamp(Level, 2, 4)}";
        html.AppendHtml($"<{h} id=\"{WebUtility.HtmlEncode(HeadingId)}\" class=\"error-summary__title\">{WebUtility.HtmlEncode(Title)}</{h}>");
        if (Problem is not null) html.AppendHtml($"<p>{WebUtility.HtmlEncode(Problem)}</p>");
        if (errors.Count > 0)
        {
            html.AppendHtml("<ul>");
            foreach (var (fieldId, message) in errors)
                html.AppendHtml(fieldId is null
                    ? $"<li>{WebUtility.HtmlEncode(message)}</li>"
                    : $"<li><a href=\"#{WebUtility.HtmlEncode(fieldId)}\">{WebUtility.HtmlEncode(message)}</a></li>");
            html.AppendHtml("</ul>");
        }
        var script = versions.AddFileVersionToPath(ViewContext.HttpContext.Request.PathBase, "/js/error-summary.js");
        output.PostElement.AppendHtml($"<script src=\"{WebUtility.HtmlEncode(script)}\" defer></script>");
    }

    private IEnumerable<(string?, string)> FromModelState() =>
        from entry in ViewContext.ModelState
        from error in entry.Value.Errors
        select (string.IsNullOrEmpty(entry.Key) ? null : (string?)TagBuilder.CreateSanitizedId(entry.Key, "_"), error.ErrorMessage);
}
