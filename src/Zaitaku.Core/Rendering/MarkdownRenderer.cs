using AngleSharp.Dom;
using AngleSharp.Html.Dom;
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
        // CommonMark's flanking rule leaves 「**（重要）**と」 as asterisks; this reads it as Japanese writers
        // mean it, and as the backoffice editor (markdown-it-cjk-friendly) shows it.
        .UseCjkFriendlyEmphasis()
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
        // Set only by FindImages below, from the media library: Markdown with DisableHtml has no way
        // to write attributes. (srcset is not among HtmlSanitizer's URL attributes, so it is not
        // scheme-checked; an img's srcset never runs script.)
        sanitizer.AllowedAttributes.Add("srcset");
        sanitizer.AllowedAttributes.Add("sizes");
        sanitizer.AllowedAttributes.Add("decoding");
        // Runs on the sanitized document, so what it adds is ours, not the editor's.
        sanitizer.PostProcessDom += (_, e) => ForPhones(e.Document);
        return sanitizer;
    }

    public string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown)) return "";
        var document = Markdown.Parse(markdown, _pipeline);
        if (findImage is not null) FindImages(document, findImage);
        return _sanitizer.Sanitize(document.ToHtml(_pipeline));
    }

    /// <summary>
    /// What a resident on a phone needs from a body: telephone numbers that call, numbers that keep
    /// their unit on the same line, and tables that become label–value rows on a narrow screen.
    /// </summary>
    private static void ForPhones(IHtmlDocument document)
    {
        var body = document.Body!;
        var textNodes = body.Descendants<IText>()
            .Where(t => t.ParentElement?.Closest("a[href^='tel:'], code, pre") is null && NoBreakText.Pattern().IsMatch(t.Data))
            .ToList();
        foreach (var text in textNodes)
        {
            var parent = text.Parent!;
            var inLink = text.ParentElement?.Closest("a") is not null; // a link inside a link is not HTML
            foreach (var (piece, keepWhole) in NoBreakText.Split(text.Data))
            {
                INode node = document.CreateTextNode(piece);
                if (keepWhole && !inLink && PhoneNumber.Pattern().IsMatch(piece))
                {
                    var link = document.CreateElement("a");
                    link.SetAttribute("href", PhoneNumber.ToTelUri(piece));
                    link.ClassName = "tel";
                    link.AppendChild(node);
                    node = link;
                }
                else if (keepWhole)
                {
                    var span = document.CreateElement("span");
                    span.ClassName = "nw";
                    span.AppendChild(node);
                    node = span;
                }
                parent.InsertBefore(node, text);
            }
            parent.RemoveChild(text);
        }

        foreach (var table in body.Descendants<IHtmlTableElement>().ToList())
        {
            var headers = table.Head?.Rows.FirstOrDefault()?.Cells.Select(c => c.TextContent.Trim()).ToList() ?? [];
            foreach (var row in table.Bodies.SelectMany(b => b.Rows))
            {
                for (var i = 0; i < row.Cells.Length && i < headers.Count; i++)
                    row.Cells[i].SetAttribute("data-label", headers[i]);
            }
            // A labelled, focusable box: keyboard users can scroll it, and it is named for screen readers.
            var box = document.CreateElement("div");
            box.ClassName = "table-scroll table-stack";
            box.SetAttribute("role", "region");
            box.SetAttribute("tabindex", "0");
            box.SetAttribute("aria-label", "表：" + string.Join("・", headers.Take(3)));
            table.Parent!.InsertBefore(box, table);
            box.AppendChild(table);
        }
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
