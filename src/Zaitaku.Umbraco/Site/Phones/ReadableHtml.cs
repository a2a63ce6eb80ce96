using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Zaitaku.Core.Rendering;

namespace Zaitaku.Web.Site.Phones;

/// <summary>
/// The pieces a resident on a phone relies on: a telephone number that calls (and says whom), and
/// numbers, dates and units that never break across two lines.
/// </summary>
public static class ReadableHtml
{
    /// <summary>
    /// A stored telephone number as a tel: link in its hyphenated form. The link's name is the number
    /// followed by whom it calls, so a screen reader says 「0743-53-1151、地域包括支援センターに電話する」.
    /// (No brackets around it: a name that already starts with 「（サンプル）」 would read as 「（（サンプル）…）」.)
    /// A value that holds no number is shown as written.
    /// </summary>
    public static IHtmlContent PhoneLink(this IHtmlHelper html, string? stored, string whom)
    {
        if (PhoneNumber.Parse(stored) is not { } phone) return NoBreak(html, stored);
        var content = new HtmlContentBuilder();
        if (phone.Note is { } note) content.Append(note.Replace('(', '（').Replace(')', '）'));
        content.AppendHtml($"<a class=\"tel\" href=\"{HtmlEncoder.Default.Encode(phone.TelUri)}\">{HtmlEncoder.Default.Encode(phone.Display)}")
               .AppendHtml("<span class=\"visually-hidden\">、").Append(whom).AppendHtml("に電話する</span></a>");
        return content;
    }

    /// <summary>
    /// A template's rendered HTML with each number and its unit kept on one line; published bodies in it
    /// (<see cref="KeptWhole"/>) were kept whole when they were rendered and are copied as they are.
    /// </summary>
    public static IHtmlContent KeepNumbersWhole(this IHtmlHelper html, IHtmlContent content)
    {
        using var writer = new NoBreakHtml.Writer();
        content.WriteTo(writer, html.ViewContext.HttpContext.RequestServices.GetRequiredService<HtmlEncoder>());
        return new HtmlString(writer.Result());
    }

    /// <summary>Text with each number and its unit (「24人」「12月15日」) kept on one line.</summary>
    public static IHtmlContent NoBreak(this IHtmlHelper html, string? text)
    {
        var content = new HtmlContentBuilder();
        if (string.IsNullOrEmpty(text)) return content;
        foreach (var (piece, keepWhole) in NoBreakText.Split(text))
        {
            if (keepWhole) content.AppendHtml("<span class=\"nw\">").Append(piece).AppendHtml("</span>");
            else content.Append(piece);
        }
        return content;
    }
}
