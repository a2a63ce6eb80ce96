using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Parser.Parts;
using UglyToad.PdfPig.Tokenization.Scanner;
using UglyToad.PdfPig.Tokens;
using Zaitaku.Infrastructure.Tests.TestSupport;

namespace Zaitaku.Infrastructure.Tests.Seed;

/// <summary>
/// The sample わたしノート PDFs committed in content-seed/media/, printed by
/// content-seed/tools/watashi-note-sample/generate.sh: Japanese text in an embedded font, every page marked サンプル.
/// </summary>
public class WatashiNoteSamplePdfTests
{
    /// <summary>File, PDF title, and the heading of each page.</summary>
    public static TheoryData<string, string, string[]> Samples => new()
    {
        {
            "watashi-note-sample.pdf", "わたしノート（サンプル）",
            [
                "本編（サンプル）", "わたしノートとは", "人生会議（ACP）とわたしノート", "見出しの例：わたしのこと（サンプル）",
                "見出しの例：大切にしたいこと（サンプル）", "見出しの例：医療や介護についての希望（サンプル）",
                "見出しの例：家族や身近な人と話し合ったこと（サンプル）", "このサンプルについて",
            ]
        },
        { "watashi-note-summary-sample.pdf", "わたしノート 概要版（サンプル）", ["わたしノートとは", "見出しの例：大切にしたいこと（サンプル）"] },
    };

    public static TheoryData<string> Files => new() { "watashi-note-sample.pdf", "watashi-note-summary-sample.pdf" };

    private static string PathOf(string fileName) => Path.Combine(Repository.ContentSeedFolder, "media", fileName);

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_sample_has_its_japanese_title_and_one_page_per_heading(string fileName, string title, string[] headings)
    {
        using var pdf = PdfDocument.Open(PathOf(fileName));

        Assert.Equal(title, pdf.Information.Title);
        Assert.Equal(headings.Length, pdf.NumberOfPages);
        Assert.All(pdf.GetPages(), page => Assert.Contains(headings[page.Number - 1], page.Text));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_page_says_it_is_a_sample_in_extractable_japanese_text(string fileName)
    {
        using var pdf = PdfDocument.Open(PathOf(fileName));

        Assert.All(pdf.GetPages(), page =>
        {
            Assert.Contains("サンプル：本物のわたしノートではありません", page.Text);
            Assert.Contains($"{page.Number} / {pdf.NumberOfPages}", page.Text);
        });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_font_is_embedded_as_a_subset(string fileName)
    {
        using var pdf = PdfDocument.Open(PathOf(fileName));
        var scanner = pdf.Structure.TokenScanner;

        Assert.All(pdf.GetPages(), page =>
        {
            var fonts = FontsOf(page, scanner);
            Assert.NotEmpty(fonts);
            Assert.All(fonts, font =>
            {
                var name = Get<NameToken>(font, NameToken.BaseFont, scanner)?.Data ?? "(no name)";
                Assert.True(IsEmbedded(font, scanner), $"{fileName} {page.Number}ページ: フォント {name} が埋め込まれていません");
                Assert.Matches("^[A-Z]{6}\\+NotoSansCJKjp-", name); // a subset: "AAAAAA+NotoSansCJKjp-Regular"
            });
        });
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void The_sample_stays_small(string fileName)
    {
        Assert.InRange(new FileInfo(PathOf(fileName)).Length, 1, 1024 * 1024);
    }

    /// <summary>The value of a key, following an indirect reference; null when missing or of another type.</summary>
    private static T? Get<T>(DictionaryToken dictionary, NameToken key, IPdfTokenScanner scanner) where T : class, IToken =>
        dictionary.TryGet(key, out var token) && DirectObjectFinder.TryGet(token, scanner, out T? value) ? value : null;

    /// <summary>The font dictionaries of a page, including those of the form XObjects it draws.</summary>
    private static List<DictionaryToken> FontsOf(Page page, IPdfTokenScanner scanner)
    {
        var fonts = new List<DictionaryToken>();
        var seen = new HashSet<DictionaryToken>(ReferenceEqualityComparer.Instance);
        void Walk(DictionaryToken? resources)
        {
            if (resources is null || !seen.Add(resources)) return;
            if (Get<DictionaryToken>(resources, NameToken.Font, scanner) is { } fontDict)
                fonts.AddRange(fontDict.Data.Values.Select(v => DirectObjectFinder.Get<DictionaryToken>(v, scanner)!));
            if (Get<DictionaryToken>(resources, NameToken.Xobject, scanner) is { } xobjects)
            {
                foreach (var value in xobjects.Data.Values)
                {
                    if (DirectObjectFinder.TryGet(value, scanner, out StreamToken? stream)
                        && Get<DictionaryToken>(stream.StreamDictionary, NameToken.Resources, scanner) is { } inner) Walk(inner);
                }
            }
        }
        Walk(Get<DictionaryToken>(page.Dictionary, NameToken.Resources, scanner));
        return fonts;
    }

    /// <summary>
    /// The font program is in the file: FontFile, FontFile2 or FontFile3 in the font descriptor (a Type 0 font's is in its
    /// descendant). Type 3 glyph procedures, Chromium's fallback when it cannot embed a font, do not count.
    /// </summary>
    private static bool IsEmbedded(DictionaryToken font, IPdfTokenScanner scanner)
    {
        if (Get<ArrayToken>(font, NameToken.DescendantFonts, scanner) is { } descendants)
            return descendants.Data.Count > 0
                && DirectObjectFinder.TryGet(descendants.Data[0], scanner, out DictionaryToken? descendant)
                && IsEmbedded(descendant, scanner);
        return Get<DictionaryToken>(font, NameToken.FontDescriptor, scanner) is { } descriptor
            && (descriptor.ContainsKey(NameToken.FontFile) || descriptor.ContainsKey(NameToken.FontFile2) || descriptor.ContainsKey(NameToken.FontFile3));
    }
}
