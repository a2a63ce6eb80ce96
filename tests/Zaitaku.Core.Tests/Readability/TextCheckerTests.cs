using Zaitaku.Core.Readability;

namespace Zaitaku.Core.Tests.Readability;

/// <summary>Each rule of the editor-side checker, with a text that breaks it and one that does not.</summary>
public class TextCheckerTests
{
    private static readonly TextChecker Checker = new();

    private static IReadOnlyList<TextFinding> Find(string markdown, string rule) =>
        Checker.Check(markdown).Findings.Where(f => f.Rule == rule).ToList();

    [Fact]
    public void An_image_without_alt_text_is_an_error_with_its_line()
    {
        var finding = Assert.Single(Find("## 会場\n\n語ろう会のようすです。\n\n![](/media/photo.jpg)", "image-alt"));
        Assert.True(finding.IsError);
        Assert.Equal(5, finding.Line);
        Assert.Equal("5行目", finding.Place);
        Assert.Contains("代替テキスト", finding.Problem);
        Assert.Empty(Find("![語ろう会の会場のようす](/media/photo.jpg)", "image-alt"));
    }

    [Fact]
    public void An_image_the_media_library_describes_needs_no_alt_text_in_the_body()
    {
        var checker = new TextChecker(url => url == "/media/known.jpg" ? "会場の写真" : null);
        Assert.DoesNotContain(checker.Check("![](/media/known.jpg)").Findings, f => f.Rule == "image-alt");
        Assert.Contains(checker.Check("![](/media/unknown.jpg)").Findings, f => f.Rule == "image-alt");
    }

    [Fact]
    public void Skipped_heading_levels_are_an_error_that_says_which_level_to_use()
    {
        var finding = Assert.Single(Find("## 相談窓口\n\n本文です。\n\n#### 受付時間\n\n平日です。", "heading-skip"));
        Assert.True(finding.IsError);
        Assert.Equal(5, finding.Line);
        Assert.Contains("###", finding.Fix);
        // A body that starts at ### skips ## (the page title is the only h1).
        Assert.Single(Find("### いきなり三段目", "heading-skip"));
        Assert.Empty(Find("## 相談窓口\n\n### 受付時間\n\n## 場所\n\n### 地図", "heading-skip"));
    }

    [Fact]
    public void A_table_without_a_header_row_is_an_error()
    {
        var finding = Assert.Single(Find("|  |  |\n|--|--|\n| 日時 | 12月15日 |", "table-header"));
        Assert.True(finding.IsError);
        Assert.Equal(1, finding.Line);
        Assert.Empty(Find("| 項目 | 内容 |\n|--|--|\n| 日時 | 12月15日 |", "table-header"));
    }

    [Theory]
    [InlineData("申し込みは[こちら](/forms/a)から。")]
    [InlineData("[ここ](/forms/a)を押してください。")]
    [InlineData("[詳しくはこちら](/acp/)")]
    [InlineData("[「こちら」](/acp/)")]
    public void A_link_that_says_only_here_is_an_error(string markdown)
    {
        var finding = Assert.Single(Find(markdown, "link-text"));
        Assert.True(finding.IsError);
        Assert.Contains("行き先", finding.Fix);
    }

    [Fact]
    public void A_link_that_names_where_it_goes_passes()
    {
        Assert.Empty(Find("[わたしノートのダウンロード](/watashi-note/)のページから申し込めます。", "link-text"));
    }

    [Fact]
    public void Slash_dates_in_prose_are_a_warning_with_the_sites_form()
    {
        var finding = Assert.Single(Find("締め切りは2024/4/1です。", "slash-date"));
        Assert.False(finding.IsError);
        Assert.Contains("令和6年（2024年）4月1日", finding.Fix);
        Assert.Single(Find("4/1に開きます。", "slash-date"));
        Assert.Empty(Find("令和6年（2024年）4月1日に開きます。", "slash-date"));
        // An address is not a date, and neither is code.
        Assert.Empty(Find("[資料](/media/2024/4/1.pdf)をご覧ください。", "slash-date"));
        Assert.Empty(Find("`2024/4/1`", "slash-date"));
    }

    [Theory]
    [InlineData("４/１に話します。")]
    [InlineData("2024/13/45と書いてしまった。")]
    [InlineData("9999/12/31まで。")]
    [InlineData("0000/1/1から。")]
    public void Odd_dates_are_flagged_without_failing(string text) => Assert.Single(Find(text, "slash-date"));

    [Fact]
    public void Machine_dependent_characters_and_half_width_kana_are_warnings()
    {
        Assert.Contains("①", Assert.Single(Find("①受付に行きます。", "machine-dependent")).Excerpt);
        Assert.Single(Find("㈱大和の協力です。", "machine-dependent"));
        var kana = Assert.Single(Find("ｶﾅで書きました。", "half-width-kana"));
        Assert.Contains("カナ", kana.Fix);
        Assert.Empty(Find("（1）受付に行きます。（株）大和の協力です。カナで書きました。", "machine-dependent"));
        Assert.Empty(Find("カナで書きました。", "half-width-kana"));
    }

    [Fact]
    public void Characters_spaced_out_for_layout_are_a_warning()
    {
        var finding = Assert.Single(Find("氏　名：大和 太郎", "spaced-out"));
        Assert.Equal("氏　名", finding.Excerpt);
        Assert.Contains("「氏名」", finding.Fix);
        Assert.Empty(Find("氏名：大和郡山市 在宅医療", "spaced-out"));
    }

    [Fact]
    public void Full_width_alphanumerics_are_a_warning()
    {
        var finding = Assert.Single(Find("ＡＣＰ講演会は１２月です。", "full-width-alphanumeric"));
        Assert.Contains("ACP", finding.Fix);
        Assert.Contains("12", finding.Fix);
        Assert.Empty(Find("ACP講演会は12月です。", "full-width-alphanumeric"));
    }

    [Fact]
    public void A_long_sentence_is_a_warning_that_says_its_length()
    {
        var sentence = string.Concat(Enumerable.Repeat("医療と介護の関係者が", 7)) + "集まります。"; // 76 characters
        var finding = Assert.Single(Find(sentence, "long-sentence"));
        Assert.Contains("76 文字", finding.Problem);
        Assert.Empty(Find("医療と介護の関係者が集まります。話し合いは毎年あります。", "long-sentence"));
    }

    [Fact]
    public void A_long_paragraph_is_a_warning_but_a_long_list_is_not()
    {
        var sentence = "医療と介護の関係者が集まって話します。"; // 19 characters
        var paragraph = string.Concat(Enumerable.Repeat(sentence, 17));
        Assert.Single(Find(paragraph, "long-paragraph"));
        Assert.Empty(Find(string.Join("\n", Enumerable.Repeat("- " + sentence, 17)), "long-paragraph"));
    }

    [Fact]
    public void A_high_kanji_ratio_is_a_warning_with_the_measured_figure()
    {
        var dense = string.Concat(Enumerable.Repeat("在宅医療介護連携推進事業実施状況報告。", 8));
        var finding = Assert.Single(Find(dense, "kanji-ratio"));
        Assert.Contains("%", finding.Problem);
        var plain = string.Concat(Enumerable.Repeat("いえで、いりょうと、かいごを、うけることが、できます。", 6));
        Assert.Empty(Find(plain, "kanji-ratio"));
    }

    [Fact]
    public void The_figures_are_measured_from_the_prose_only()
    {
        var metrics = Checker.Check("## 見出し\n\nわたしノートを書きます。\n\n```\n2024/4/1 コードは数えない長い長い長い行\n```").Metrics;
        Assert.Equal(2, metrics.Sentences); // the heading and the sentence
        Assert.Equal(12, metrics.LongestSentence); // 「わたしノートを書きます。」
        Assert.NotNull(metrics.ReadabilityScore);
    }

    [Fact]
    public void Plain_writing_scores_higher_than_dense_kanji_on_the_readability_formula()
    {
        var plain = Checker.Check("わたしノートは、だいじなことを書いておくノートです。いつでも書けます。").Metrics;
        var dense = Checker.Check("在宅医療介護連携推進事業実施要綱第三条規定参照。").Metrics;
        Assert.True(plain.ReadabilityScore > dense.ReadabilityScore, $"{plain.ReadabilityScore} vs {dense.ReadabilityScore}");
        Assert.Equal("読みやすい", plain.ReadabilityGrade);
        Assert.Equal("読みにくい", dense.ReadabilityGrade);
    }

    [Fact]
    public void Clean_plain_text_has_no_findings()
    {
        var result = Checker.Check("## 人生会議とは\n\n人生会議は、これからのことを話し合うことです。\n\n- 家族と話します。\n- 書いておきます。\n\n[人生会議のページ](/acp/)もご覧ください。");
        Assert.Empty(result.Findings);
        Assert.False(result.HasErrors);
    }
}
