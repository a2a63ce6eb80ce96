using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Zaitaku.Core.Dates;

namespace Zaitaku.Core.Readability;

public enum TextCheckSeverity
{
    /// <summary>Blocks publishing until fixed, or until a reviewer overrides it with a reason.</summary>
    Error,
    /// <summary>Shown to the editor; publishing goes ahead.</summary>
    Warning,
}

/// <summary>One problem in an editor's text: where it is, what it is, and how to fix it, in plain words.</summary>
/// <param name="Rule">A stable name for the rule (tests and the report page group by it).</param>
/// <param name="Line">1-based line in the Markdown the editor typed; 0 for the text as a whole.</param>
/// <param name="Excerpt">The words concerned, short, so the editor can find them.</param>
public sealed record TextFinding(TextCheckSeverity Severity, string Rule, int Line, string Excerpt, string Problem, string Fix)
{
    public bool IsError => Severity == TextCheckSeverity.Error;
    public string Place => Line > 0 ? $"{Line}行目" : "文章全体";
}

/// <summary>The measured figures of a text, shown with the warnings so an editor sees why.</summary>
/// <param name="Sentences">Sentences counted (prose only: headings, list items, paragraphs, table cells).</param>
/// <param name="AverageSentenceLength">Characters per sentence.</param>
/// <param name="LongestSentence">Characters in the longest sentence.</param>
/// <param name="KanjiRatio">Kanji among the Japanese and Latin letters, 0–1.</param>
/// <param name="ReadabilityScore">
/// 建石・小野・山田 (1988)'s RS′, a score standardised on their corpus (mean 50, SD 10): higher reads easier.
/// Null when the text has no sentence to measure.
/// </param>
public sealed record TextMetrics(int Characters, int Sentences, double AverageSentenceLength, int LongestSentence,
    double KanjiRatio, double? ReadabilityScore)
{
    /// <summary>
    /// Our own plain bands over RS′ (the paper gives a score, not grades): 60 and over is one standard
    /// deviation easier than the paper's average text, under 40 one harder.
    /// </summary>
    public string? ReadabilityGrade => ReadabilityScore switch
    {
        null => null,
        >= 60 => "読みやすい",
        >= 40 => "ふつう",
        _ => "読みにくい",
    };
}

public sealed record TextCheckResult(IReadOnlyList<TextFinding> Findings, TextMetrics Metrics)
{
    public IEnumerable<TextFinding> Errors => Findings.Where(f => f.IsError);
    public IEnumerable<TextFinding> Warnings => Findings.Where(f => !f.IsError);
    public bool HasErrors => Findings.Any(f => f.IsError);
}

/// <summary>
/// The editor-side checker: reads a Markdown body with Markdig (so places are the editor's own lines) and
/// lists what makes a page hard for older readers or for assistive technology. Errors are the things
/// JIS X 8341-3 fails a page for (an image without alt text, skipped heading levels, a table without
/// headers, a link that says only 「こちら」); warnings are the writing habits older readers stumble on.
/// </summary>
/// <param name="libraryAlt">
/// Alt text the media library holds for an image address: the renderer puts it in when the editor left
/// ![](…) empty, so such an image is not missing its alt text. Null: no library.
/// </param>
public sealed partial class TextChecker(Func<string, string?>? libraryAlt = null)
{
    /// <summary>森岡 (1958): sentences averaging over 60 characters read as difficult, 35 or under as easy.</summary>
    public const int LongSentence = 60;
    /// <summary>Our own limit: about five lines on a 375 px phone at 16 px; longer paragraphs lose older readers.</summary>
    public const int LongParagraph = 300;
    /// <summary>森岡 (1958): a kanji ratio of 35% or more reads as difficult (20% or under as easy).</summary>
    public const double HighKanjiRatio = 0.35;

    // The site's pipeline (MarkdownRenderer) with what changes the structure; no HTML renderer is needed.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml().UsePipeTables().UseListExtras().UseEmphasisExtras().UseCjkFriendlyEmphasis().UseAutoLinks()
        .Build();

    private static readonly HashSet<string> VagueLinkTexts = ["こちら", "ここ", "詳しくはこちら", "くわしくはこちら", "こちらをクリック", "ここをクリック", "詳細はこちら", "リンク"];

    public TextCheckResult Check(string? markdown)
    {
        var findings = new List<TextFinding>();
        var prose = new List<(string Text, int Line, bool Paragraph)>();
        if (!string.IsNullOrWhiteSpace(markdown))
        {
            var document = Markdown.Parse(markdown, Pipeline);
            CheckStructure(document, findings);
            CollectProse(document, prose);
        }
        foreach (var (text, line, paragraph) in prose) CheckProse(text, line, paragraph, findings);
        var metrics = Measure(prose.Select(p => p.Text));
        if (metrics.KanjiRatio > HighKanjiRatio && metrics.Characters >= 100)
            findings.Add(new TextFinding(TextCheckSeverity.Warning, "kanji-ratio", 0, $"漢字の割合 {Percent(metrics.KanjiRatio)}",
                $"漢字の割合が {Percent(metrics.KanjiRatio)} です（35% 以上は読みにくいとされます）。",
                "ひらがなで書ける言葉（「及び」→「および」、「出来る」→「できる」など）をひらがなにしたり、漢字の続く言葉を言いかえたりしてください。"));
        return new TextCheckResult(findings.OrderBy(f => f.Line).ThenBy(f => f.Severity).ToList(), metrics);
    }

    private void CheckStructure(MarkdownDocument document, List<TextFinding> findings)
    {
        // The page title is the h1, so a body's headings start at ## (level 2).
        var previous = 1;
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var text = InlineText(heading.Inline);
            if (heading.Level > previous + 1)
                findings.Add(new TextFinding(TextCheckSeverity.Error, "heading-skip", heading.Line + 1, text,
                    $"見出しの段が飛んでいます（{Hashes(previous)} の次が {Hashes(heading.Level)}）。画面読み上げを使う人は、見出しの段で内容の組み立てを知ります。",
                    $"この見出しを {Hashes(Math.Min(heading.Level, previous + 1))} にしてください。"));
            previous = heading.Level;
        }

        foreach (var table in document.Descendants<Table>())
        {
            var header = table.OfType<TableRow>().FirstOrDefault(r => r.IsHeader);
            var named = header is not null && header.OfType<TableCell>().Any(c => CellText(c).Length > 0);
            if (!named)
                findings.Add(new TextFinding(TextCheckSeverity.Error, "table-header", table.Line + 1, "表",
                    "表に見出しの行がありません。見出しがないと、画面読み上げでもスマートフォンの表示でも、どの列が何かわかりません。",
                    "表の1行目に、それぞれの列の見出し（「日時」「場所」など）を入れてください。"));
        }

        foreach (var link in document.Descendants<LinkInline>())
        {
            var text = InlineText(link).Trim();
            if (link.IsImage)
            {
                if (text.Length == 0 && (link.Url is null || string.IsNullOrWhiteSpace(libraryAlt?.Invoke(link.Url))))
                    findings.Add(new TextFinding(TextCheckSeverity.Error, "image-alt", link.Line + 1, link.Url ?? "画像",
                        "画像に代替テキスト（画像の説明）がありません。目の見えにくい人には、何の画像か伝わりません。",
                        "![ ] のかっこの中に、画像に写っているものを短く書いてください（例：![語ろう会の会場のようす](…)）。飾りだけの画像なら、メディアで「飾りの画像」にしてください。"));
                continue;
            }
            if (VagueLinkTexts.Contains(text.Trim('「', '」', '。', '、', ' ', '　', '→', '>', '＞')))
                findings.Add(new TextFinding(TextCheckSeverity.Error, "link-text", link.Line + 1, text,
                    $"リンクの文字が「{text}」だけです。リンクだけを順に聞く人には、どこへ行くのかわかりません。",
                    "行き先がわかる言葉をリンクにしてください（例：「わたしノートのダウンロード」）。"));
        }
    }

    /// <summary>The text readers read, block by block, with the line it starts on. Code is not prose.</summary>
    private static void CollectProse(MarkdownDocument document, List<(string, int, bool)> prose)
    {
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is CodeBlock) continue;
            if (block is HeadingBlock or ParagraphBlock && block.Inline is { } inline && block.Parent is not TableCell)
            {
                var text = InlineText(inline);
                if (text.Length > 0) prose.Add((text, block.Line + 1, block is ParagraphBlock && block.Parent is not ListItemBlock));
            }
            else if (block.Parent is TableCell && block.Inline is { } cellInline)
            {
                var text = InlineText(cellInline);
                if (text.Length > 0) prose.Add((text, block.Line + 1, false));
            }
        }
    }

    private static void CheckProse(string text, int line, bool paragraph, List<TextFinding> findings)
    {
        foreach (Match m in SlashDate().Matches(text))
            findings.Add(new TextFinding(TextCheckSeverity.Warning, "slash-date", line, m.Value,
                $"日付が「{m.Value}」の形です。年配の方には読みにくく、画面読み上げでは分数のように読まれることがあります。",
                $"このサイトの書き方（{DateSuggestion(m)}）にしてください。"));

        var odd = MachineDependent().Matches(text).Select(m => m.Value).Distinct().ToList();
        if (odd.Count > 0)
            findings.Add(new TextFinding(TextCheckSeverity.Warning, "machine-dependent", line, string.Join(" ", odd),
                $"機種依存文字があります（{string.Join("、", odd)}）。機器によっては表示されず、読み上げも正しくされません。",
                "①は（1）や「1.」に、㈱は（株）に、㍉はミリに、と普通の文字に書きかえてください。"));

        var kana = HalfWidthKana().Matches(text).Select(m => m.Value).Distinct().ToList();
        if (kana.Count > 0)
            findings.Add(new TextFinding(TextCheckSeverity.Warning, "half-width-kana", line, string.Join(" ", kana),
                $"半角カタカナがあります（{string.Join("、", kana)}）。読み上げで正しく読まれないことがあります。",
                $"全角のカタカナにしてください（{string.Join("、", kana.Select(k => k.Normalize(NormalizationForm.FormKC)))}）。"));

        foreach (Match m in SpacedOut().Matches(text))
            findings.Add(new TextFinding(TextCheckSeverity.Warning, "spaced-out", line, m.Value,
                $"「{m.Value}」のように、文字の間に空白があります。読み上げでは別々の文字として読まれ、検索でも見つかりません。",
                $"空白を取って「{Regex.Replace(m.Value, "[ \u3000]", "")}」と書いてください。見た目をそろえたいときは表を使ってください。"));

        var wide = FullWidthAlphanumeric().Matches(text).Select(m => m.Value).Distinct().ToList();
        if (wide.Count > 0)
            findings.Add(new TextFinding(TextCheckSeverity.Warning, "full-width-alphanumeric", line, string.Join(" ", wide),
                $"全角の英数字があります（{string.Join("、", wide)}）。読み上げや検索で正しく扱われないことがあります。",
                $"半角にしてください（{string.Join("、", wide.Select(w => w.Normalize(NormalizationForm.FormKC)))}）。"));

        foreach (var sentence in Sentences(text).Where(s => Length(s) > LongSentence))
            findings.Add(new TextFinding(TextCheckSeverity.Warning, "long-sentence", line, Shorten(sentence),
                $"一つの文が {Length(sentence)} 文字あります（{LongSentence} 文字をこえる文は読みにくいとされます）。",
                "「〜が、」「〜ので、」などで文を二つ以上に分けてください。"));

        if (paragraph && Length(text) > LongParagraph)
            findings.Add(new TextFinding(TextCheckSeverity.Warning, "long-paragraph", line, Shorten(text),
                $"段落が {Length(text)} 文字あります（{LongParagraph} 文字まで）。スマートフォンでは画面いっぱいの文字になります。",
                "話の変わるところで段落を分けるか、箇条書きにしてください。"));
    }

    /// <summary>Sentence length, kanji ratio and 建石・小野・山田 (1988)'s RS′ over the prose.</summary>
    public static TextMetrics Measure(IEnumerable<string> texts)
    {
        var sentences = texts.SelectMany(Sentences).Where(s => Length(s) > 0).ToList();
        var letters = 0; var kanji = 0; var commas = 0; var periods = 0;
        var runs = new Dictionary<CharKind, (int Count, int Chars)>();
        foreach (var sentence in sentences)
        {
            var previous = CharKind.Other;
            foreach (var c in sentence)
            {
                var kind = KindOf(c);
                if (c is '、' or '，') commas++;
                if (c is '。' or '．' or '！' or '？') periods++;
                if (kind != CharKind.Other) letters++;
                if (kind == CharKind.Kanji) kanji++;
                if (kind != CharKind.Other)
                {
                    var (count, chars) = runs.GetValueOrDefault(kind);
                    runs[kind] = (count + (kind != previous ? 1 : 0), chars + 1);
                }
                previous = kind;
            }
        }
        double MeanRun(CharKind k) => runs.TryGetValue(k, out var r) && r.Count > 0 ? (double)r.Chars / r.Count : 0;
        var lengths = sentences.Select(Length).ToList();
        double? score = null;
        if (sentences.Count > 0)
        {
            var ls = lengths.Average();
            // cp: 読点 per 句点. A sentence ended by a line break rather than 。 still counts as one.
            var cp = (double)commas / Math.Max(periods, sentences.Count);
            score = -0.12 * ls - 1.37 * MeanRun(CharKind.Latin) + 7.4 * MeanRun(CharKind.Hiragana)
                    - 23.18 * MeanRun(CharKind.Kanji) - 5.4 * MeanRun(CharKind.Katakana) - 4.67 * cp + 115.79;
        }
        return new TextMetrics(letters, sentences.Count, lengths.Count > 0 ? lengths.Average() : 0,
            lengths.Count > 0 ? lengths.Max() : 0, letters > 0 ? (double)kanji / letters : 0, score);
    }

    private enum CharKind { Other, Hiragana, Katakana, Kanji, Latin }

    private static CharKind KindOf(char c) => c switch
    {
        >= '\u3041' and <= '\u309F' => CharKind.Hiragana,
        >= '\u30A0' and <= '\u30FF' => CharKind.Katakana,
        >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or '々' or '〆' => CharKind.Kanji,
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= 'ａ' and <= 'ｚ' or >= 'Ａ' and <= 'Ｚ' => CharKind.Latin,
        _ => CharKind.Other,
    };

    /// <summary>Sentences end at 。！？ (and their half-width forms) or at a line break.</summary>
    public static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0);

    private static int Length(string s) => new StringInfo(s.Trim()).LengthInTextElements;

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "…";

    private static string Percent(double ratio) => (ratio * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Hashes(int level) => new('#', level);

    private static string DateSuggestion(Match m)
    {
        // \d also matches full-width digits (４/１): read them as the half-width ones they stand for.
        var parts = m.Value.Normalize(NormalizationForm.FormKC).Split('/')
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).ToArray();
        if (parts.Length == 3 && parts[0] is >= 1989 and <= 2200 && parts[1] is >= 1 and <= 12
            && parts[2] >= 1 && parts[2] <= DateTime.DaysInMonth(parts[0], parts[1]))
            return "「" + JapaneseDates.Format(new DateOnly(parts[0], parts[1], parts[2])) + "」";
        if (parts.Length == 2) return $"「令和○年（○年）{parts[0]}月{parts[1]}日」";
        return "「令和6年（2024年）12月15日」の形";
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null) return "";
        var sb = new StringBuilder();
        foreach (var child in inline.Descendants<Inline>())
        {
            switch (child)
            {
                case LiteralInline literal: sb.Append(literal.Content.ToString()); break;
                // Code (`…`) is not prose: a date or odd character in it is written on purpose.
                case LineBreakInline: sb.Append('\n'); break;
                case AutolinkInline auto: sb.Append(auto.Url); break;
            }
        }
        return sb.ToString().Trim();
    }

    private static string CellText(TableCell cell) =>
        string.Concat(cell.Descendants<LeafBlock>().Select(b => InlineText(b.Inline))).Trim();

    // 2024/4/1, 2024/04/01 or 4/1 standing alone (not part of an address such as /media/2024/4/).
    [GeneratedRegex(@"(?<![\d/A-Za-z])(\d{4}/\d{1,2}/\d{1,2}|\d{1,2}/\d{1,2})(?![\d/])")]
    private static partial Regex SlashDate();

    // Circled and parenthesised numbers and letters, ㈱-style abbreviations, ㍉-style squared words,
    // Roman numerals as single characters: JIS X 0208 has none of them.
    [GeneratedRegex(@"[\u2460-\u24FF\u2160-\u217F\u3200-\u33FF]")]
    private static partial Regex MachineDependent();

    [GeneratedRegex(@"[\uFF61-\uFF9F]+")]
    private static partial Regex HalfWidthKana();

    // Two to four single Japanese characters with spaces between them: 氏　名, 住 所, 電 話 番 号.
    [GeneratedRegex(@"(?<![\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}])[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}](?:[ \u3000]+[\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}]){1,3}(?![\p{IsCJKUnifiedIdeographs}\p{IsHiragana}\p{IsKatakana}])")]
    private static partial Regex SpacedOut();

    [GeneratedRegex(@"[０-９Ａ-Ｚａ-ｚ]+")]
    private static partial Regex FullWidthAlphanumeric();

    [GeneratedRegex(@"(?<=[。！？!?])|\n")]
    private static partial Regex SentenceEnd();
}
