using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>Word files (.docx) made with the Open XML SDK, as an editor's Word would save them.</summary>
public static class WordSamples
{
    /// <summary>
    /// A column draft: a heading (Word's 「見出し 1」), a paragraph with a coloured, bold run, a bulleted
    /// list, a table, a photo with Word's own alt text, and a javascript: hyperlink.
    /// </summary>
    public static byte[] ColumnDraft(byte[] png)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = new Styles(
                new Style(new StyleName { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
                new Style(new StyleName { Val = "heading 1" }, new BasedOn { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "1" },
                new Style(new StyleName { Val = "List Paragraph" }) { Type = StyleValues.Paragraph, StyleId = "a3" });
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = new Numbering(
                new AbstractNum(new Level(new NumberingFormat { Val = NumberFormatValues.Bullet }, new LevelText { Val = "・" }) { LevelIndex = 0 }) { AbstractNumberId = 1 },
                new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = 1 });
            var image = main.AddImagePart(ImagePartType.Png);
            using (var imageStream = new MemoryStream(png)) image.FeedData(imageStream);
            var imageId = main.GetIdOfPart(image);
            var link = main.AddHyperlinkRelationship(new Uri("javascript:alert(1)", UriKind.Absolute), true);

            static Paragraph ListItem(string text) => new(
                new ParagraphProperties(new ParagraphStyleId { Val = "a3" }, new NumberingProperties(new NumberingLevelReference { Val = 0 }, new NumberingId { Val = 1 })),
                new Run(new Text(text)));
            static TableCell Cell(string text) => new(new Paragraph(new Run(new Text(text))));

            var heading = new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "1" }), new Run(new Text("冬の水分補給")));
            var body = new Paragraph(
                new Run(new RunProperties(new Color { Val = "FF0000" }, new RunFonts { EastAsia = "ＭＳ 明朝" }), new Text("のどが渇く前に") { Space = SpaceProcessingModeValues.Preserve }),
                new Run(new RunProperties(new Bold()), new Text("少しずつ")),
                new Run(new Text("飲みましょう。")));
            var table = new Table(
                new TableProperties(new TableBorders(new TopBorder { Val = BorderValues.Single }, new BottomBorder { Val = BorderValues.Single })),
                new TableRow(Cell("時間"), Cell("量")),
                new TableRow(Cell("朝"), Cell("コップ1杯")));
            var photo = new Paragraph(new Run(new Drawing { InnerXml = DrawingXml(imageId, "湯のみのお茶") }));
            var hostile = new Paragraph(new Hyperlink(new Run(new Text("押さないで"))) { Id = link.Id });
            main.Document = new Document(new Body(heading, body, ListItem("朝起きたとき"), ListItem("お風呂の前後"), table, photo, hostile));
        }
        return stream.ToArray();
    }

    private static string DrawingXml(string imageId, string alt) => $"""
        <wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">
          <wp:extent cx="1905000" cy="1270000"/>
          <wp:docPr id="1" name="写真 1" descr="{alt}"/>
          <a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">
            <a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">
              <pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">
                <pic:nvPicPr><pic:cNvPr id="0" name="photo.png" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr>
                <pic:blipFill><a:blip xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:embed="{imageId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>
                <pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1905000" cy="1270000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>
              </pic:pic>
            </a:graphicData>
          </a:graphic>
        </wp:inline>
        """;
}
