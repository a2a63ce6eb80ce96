using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;

namespace Zaitaku.Core.Rendering;

/// <summary>
/// The one Markdown pipeline of the site: Markdig, then HtmlSanitizer over its output, because
/// Markdig's DisableHtml alone still lets javascript: links through.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseListExtras()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private readonly HtmlSanitizer _sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        sanitizer.AllowedAttributes.Add("id");
        return sanitizer;
    }

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var html = _sanitizer.Sanitize(Markdown.ToHtml(markdown, _pipeline));
        // Wide tables scroll inside their own focusable box, so a phone never scrolls the whole page sideways.
        return html.Replace("<table>", "<div class=\"table-scroll\" tabindex=\"0\"><table>", StringComparison.Ordinal)
                   .Replace("</table>", "</table></div>", StringComparison.Ordinal);
    }

    public string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, _pipeline).Trim();
}
