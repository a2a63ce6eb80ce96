using System.Globalization;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Html;

namespace Zaitaku.Web.Site.Charts;

/// <summary>One bar: what it is, how long it is, and the figure written beside it.</summary>
public sealed record ChartBar(string Label, decimal Value, string ValueText, string? Note = null);

/// <summary>Bars under one heading (a body of the council, say); the heading may be left out.</summary>
public sealed record ChartGroup(string? Heading, IReadOnlyList<ChartBar> Bars);

/// <summary>
/// A horizontal bar chart drawn on the server as SVG, so it needs no script and prints as it shows.
/// Every bar carries its own label and figure (direct labels, no legend to match by colour), which
/// keeps it readable for colour-blind readers and in black-and-white print. At the standard text
/// size the drawing is 360 units wide, about a phone's width, so its text stays near its set size at
/// 375px; wider screens cap it with CSS. An SVG scales to its box, not to the reader's text size, so
/// for 大 and 特大 the drawing is made narrower by the same factor (240 units at 特大): on the same
/// phone its text comes out 1.5 times as large, and long labels wrap or move above their bars as
/// the page's own text does. The data table stays on the page beside it: the SVG is role="img" with
/// a title and a description, and screen readers read the table.
/// </summary>
public sealed class BarChart
{
    /// <summary>The drawing's width at the standard text size, in SVG units (CSS pixels when not scaled).</summary>
    public const int Width = 360;
    private const int FontSize = 16;
    private const int BarHeight = 20;
    private const int LineHeight = 24;

    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required IReadOnlyList<ChartGroup> Groups { get; init; }
    /// <summary>A fixed end of the scale (100 for percentages, drawn as a track); otherwise the largest value.</summary>
    public decimal? ScaleMax { get; init; }
    /// <summary>Labels on lines of their own above each bar, for long labels such as an indicator's name.</summary>
    public bool LabelsAbove { get; init; }

    /// <param name="textScale">The reader's text size as a factor (DisplayPreferences.TextScale): 1, 1.25 or 1.5.</param>
    public IHtmlContent ToSvg(double textScale = 1) => new HtmlString(Render(textScale));

    public string Render(double textScale = 1)
    {
        var width = (int)Math.Round(Width / Math.Clamp(textScale, 1, 2));
        var bars = Groups.SelectMany(g => g.Bars).ToList();
        var max = ScaleMax ?? (bars.Count == 0 ? 1 : Math.Max(1, bars.Max(b => b.Value)));
        var valueWidth = (int)Math.Ceiling(bars.Select(b => TextWidth(b.ValueText)).DefaultIfEmpty(0).Max()) + 8;
        var labelWidth = (int)Math.Ceiling(bars.Select(b => TextWidth(b.Label)).DefaultIfEmpty(0).Max()) + 10;
        // Labels beside the bars while the bars keep at least 40% of the width; above them otherwise
        // (long labels, or a narrow drawing for large text).
        var labelsAbove = LabelsAbove || labelWidth + valueWidth > width * 0.6;
        if (labelsAbove) labelWidth = 0;
        var barArea = width - labelWidth - valueWidth;

        var body = new StringBuilder();
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, ConformanceLevel = ConformanceLevel.Fragment };
        double y = 0;
        using (var w = XmlWriter.Create(body, settings))
        {
            foreach (var group in Groups)
            {
                if (group.Heading is not null)
                {
                    // A long heading (an indicator's name) wraps like a long label.
                    y += y > 0 ? 10 : 0;
                    foreach (var line in Wrap(group.Heading, width))
                    {
                        y += LineHeight;
                        Text(w, 0, y - 5, line, "chart__heading");
                    }
                }
                foreach (var bar in group.Bars)
                {
                    if (labelsAbove)
                        foreach (var line in Wrap(bar.Label, width))
                        {
                            y += LineHeight;
                            Text(w, 0, y - 5, line, "chart__label");
                        }
                    else Text(w, 0, y + BarHeight - 5, bar.Label, "chart__label");
                    var top = labelsAbove ? y + 2 : y;
                    var length = max <= 0 ? 0 : (double)(Math.Clamp(bar.Value, 0, max) / max) * barArea;
                    if (ScaleMax is not null)
                        Rect(w, labelWidth, top, barArea, BarHeight, "chart__track", "#f2f6f5", "#8a8a8a");
                    Rect(w, labelWidth, top, Math.Max(length, bar.Value > 0 ? 1 : 0), BarHeight, "chart__bar", "#00605a", null);
                    // The figure sits after the bar, or after the track's end when there is one.
                    var valueX = labelWidth + (ScaleMax is not null ? barArea : length) + 6;
                    Text(w, valueX, top + BarHeight - 5, bar.ValueText, "chart__value");
                    y = top + BarHeight;
                    if (bar.Note is not null)
                        foreach (var line in Wrap(bar.Note, width))
                        {
                            y += LineHeight;
                            Text(w, 0, y - 4, line, "chart__note");
                        }
                    y += 8;
                }
            }
        }

        var height = (int)Math.Ceiling(y + 4);
        var svg = new StringBuilder();
        using (var w = XmlWriter.Create(svg, settings))
        {
            w.WriteStartElement("svg", "http://www.w3.org/2000/svg");
            w.WriteAttributeString("class", "chart__svg");
            w.WriteAttributeString("viewBox", $"0 0 {width} {height}");
            // Without CSS (a feed reader, say) the drawing shows at its text size's scale.
            w.WriteAttributeString("width", Num(width * textScale));
            w.WriteAttributeString("height", Num(height * textScale));
            w.WriteAttributeString("role", "img");
            w.WriteAttributeString("aria-labelledby", $"{Id}-title {Id}-desc");
            w.WriteAttributeString("font-size", FontSize.ToString(CultureInfo.InvariantCulture));
            w.WriteStartElement("title");
            w.WriteAttributeString("id", $"{Id}-title");
            w.WriteString(Title);
            w.WriteEndElement();
            w.WriteStartElement("desc");
            w.WriteAttributeString("id", $"{Id}-desc");
            w.WriteString(Description);
            w.WriteEndElement();
            w.WriteRaw(body.ToString());
            w.WriteEndElement();
        }
        return svg.ToString();
    }

    private static void Text(XmlWriter w, double x, double y, string text, string cssClass)
    {
        w.WriteStartElement("text");
        w.WriteAttributeString("class", cssClass);
        w.WriteAttributeString("x", Num(x));
        w.WriteAttributeString("y", Num(y));
        w.WriteAttributeString("fill", "#1b1b1b");
        w.WriteString(text);
        w.WriteEndElement();
    }

    private static void Rect(XmlWriter w, double x, double y, double width, double height, string cssClass, string fill, string? stroke)
    {
        w.WriteStartElement("rect");
        w.WriteAttributeString("class", cssClass);
        w.WriteAttributeString("x", Num(x));
        w.WriteAttributeString("y", Num(y));
        w.WriteAttributeString("width", Num(width));
        w.WriteAttributeString("height", Num(height));
        w.WriteAttributeString("fill", fill);
        if (stroke is not null) w.WriteAttributeString("stroke", stroke);
        w.WriteEndElement();
    }

    private static string Num(double v) => Math.Round(v, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Estimated width at the chart's font size: full-width characters one em, others about half.</summary>
    public static double TextWidth(string text) => text.Sum(c => c > 0x2E7F ? 1.0 : 0.6) * FontSize;

    /// <summary>Characters that must not begin a line in Japanese (kinsoku): the character before them moves down too.</summary>
    private const string NoLineStart = "、。，．）」』】〕％%・ー";

    /// <summary>Breaks a long label into lines that fit the width, at any character (Japanese has no spaces).</summary>
    public static IEnumerable<string> Wrap(string text, double width)
    {
        var line = new StringBuilder();
        foreach (var c in text)
        {
            if (line.Length > 0 && TextWidth(line.ToString() + c) > width)
            {
                var carry = NoLineStart.Contains(c) && line.Length > 1 ? line[^1].ToString() : "";
                yield return line.ToString(0, line.Length - carry.Length);
                line.Clear().Append(carry);
            }
            line.Append(c);
        }
        if (line.Length > 0) yield return line.ToString();
    }
}
