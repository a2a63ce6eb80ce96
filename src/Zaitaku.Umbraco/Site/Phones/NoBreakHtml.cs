using System.Text;
using System.Text.RegularExpressions;
using Zaitaku.Core.Rendering;
using Microsoft.AspNetCore.Http;

namespace Zaitaku.Web.Site.Phones;

/// <summary>
/// Keeps numbers with their units, date pieces and phone numbers whole in what a template writes
/// (titles, lists, dates), so each template need not remember to: the text between tags is wrapped,
/// the tags are left alone. Runs once per rendering of a page; the output cache keeps the result.
/// A published body is not passed through again: it was kept whole once, when it was rendered
/// (<see cref="Zaitaku.Core.Rendering.MarkdownRenderer"/>, by PublishedBodies at publish time), and
/// reaches the page as <see cref="KeptWhole"/>, which <see cref="Writer"/> copies as it is.
/// </summary>
public static partial class NoBreakHtml
{
    [GeneratedRegex("(<!--.*?-->|<[^>]*>)", RegexOptions.Singleline)]
    private static partial Regex Tags();

    [GeneratedRegex("^<(/?)(script|style|textarea|title|option|code|pre|svg)\\b", RegexOptions.IgnoreCase)]
    private static partial Regex RawElement();

    public static string Apply(string html)
    {
        var output = new StringBuilder(html.Length + 512);
        var raw = 0;
        var previousTag = "";
        foreach (var token in Tags().Split(html))
        {
            if (token.Length == 0) continue;
            if (token[0] == '<')
            {
                var m = RawElement().Match(token);
                if (m.Success) raw = Math.Max(0, raw + (m.Groups[1].Length == 0 ? 1 : -1));
                previousTag = token;
                output.Append(token);
                continue;
            }
            // Already whole: a phone link, or a piece the Markdown pipeline kept.
            var kept = previousTag.StartsWith("<span class=\"nw\"", StringComparison.Ordinal) || previousTag.Contains("class=\"tel\"", StringComparison.Ordinal);
            if (raw > 0 || kept || !NoBreakText.Pattern().IsMatch(token))
            {
                output.Append(token);
                continue;
            }
            // The text is already HTML-encoded; the pattern matches only digits and Japanese units, never an entity.
            foreach (var (piece, keepWhole) in NoBreakText.Split(token))
                output.Append(keepWhole ? $"<span class=\"nw\">{piece}</span>" : piece);
        }
        return output.ToString();
    }

    /// <summary>Collects a page's HTML for <see cref="Apply"/>, copying <see cref="KeptWhole"/> pieces unchanged.</summary>
    public sealed class Writer : StringWriter
    {
        private readonly StringBuilder _done = new();

        public void WriteKeptWhole(string html)
        {
            _done.Append(Apply(GetStringBuilder().ToString())).Append(html);
            GetStringBuilder().Clear();
        }

        public string Result() => _done.Append(Apply(GetStringBuilder().ToString())).ToString();
    }
}

/// <summary>HTML whose numbers are whole already (a published body): written as it is, never scanned again.</summary>
public sealed class KeptWhole(string html) : Microsoft.AspNetCore.Html.IHtmlContent
{
    public void WriteTo(TextWriter writer, System.Text.Encodings.Web.HtmlEncoder encoder)
    {
        if (writer is NoBreakHtml.Writer pass) pass.WriteKeptWhole(html);
        else writer.Write(html);
    }
}
