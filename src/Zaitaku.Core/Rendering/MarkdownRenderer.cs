using Ganss.Xss;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Zaitaku.Core.Rendering;

/// <summary>
/// The one Markdown pipeline of the site: Markdig, then HtmlSanitizer over its output, because
/// Markdig's DisableHtml alone still lets javascript: links through.
/// </summary>
/// <param name="findImage">
/// Looks up an image address (![alt](/media/...)) in the media library: such an image gets the same
/// srcset, sizes, width and height as a template's photo. Null, or an address it does not know,
/// leaves the image as written.
/// </param>
public sealed class MarkdownRenderer(Func<string, ResponsiveImage?>? findImage = null)
{
    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .UseListExtras()
        .UseEmphasisExtras()
        .UseAutoLinks()
        // 「**（サンプル）**と」 is bold, as the backoffice editor (markdown-it-cjk-friendly) shows it
        .UseCjkFriendlyEmphasis()
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
        // Set only by FindImages below, from the media library: Markdown with DisableHtml has no way
        // to write attributes. (srcset is not among HtmlSanitizer's URL attributes, so it is not
        // scheme-checked; an img's srcset never runs script.)
        sanitizer.AllowedAttributes.Add("srcset");
        sanitizer.AllowedAttributes.Add("sizes");
        sanitizer.AllowedAttributes.Add("decoding");
        return sanitizer;
    }

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdown.Parse(markdown, _pipeline);
        if (findImage is not null) FindImages(document, findImage);
        var html = _sanitizer.Sanitize(document.ToHtml(_pipeline));
        // Wide tables scroll inside their own focusable box, so a phone never scrolls the whole page sideways.
        return html.Replace("<table>", "<div class=\"table-scroll\" tabindex=\"0\"><table>", StringComparison.Ordinal)
                   .Replace("</table>", "</table></div>", StringComparison.Ordinal);
    }

    private static void FindImages(MarkdownDocument document, Func<string, ResponsiveImage?> findImage)
    {
        foreach (var image in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            if (image.Url is not { } url || findImage(url) is not { } found) continue;
            image.Url = found.Src; // also an earlier revision's address becomes the current one
            var attributes = image.GetAttributes();
            attributes.AddPropertyIfNotExist("srcset", found.SrcSet);
            attributes.AddPropertyIfNotExist("sizes", found.Sizes);
            attributes.AddPropertyIfNotExist("width", found.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
            attributes.AddPropertyIfNotExist("height", found.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
            attributes.AddPropertyIfNotExist("decoding", "async");
            // An editor who left ![](...) empty still gives readers the library's alt text.
            if (image.FirstChild is null && found.Alt.Length > 0) image.AppendChild(new LiteralInline(found.Alt));
        }
    }

    public string ToPlainText(string? markdown) =>
        string.IsNullOrWhiteSpace(markdown) ? "" : Markdown.ToPlainText(markdown, _pipeline).Trim();
}
