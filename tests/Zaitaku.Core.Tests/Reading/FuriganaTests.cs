using Zaitaku.Core.Reading;

namespace Zaitaku.Core.Tests.Reading;

/// <summary>
/// Ruby from readings, with a stand-in analyser that knows a few words (as MeCab would cut them),
/// so each rule is checked on its own: okurigana outside the ruby, no ruby on numbers, Latin or
/// kana, counters after digits, and the site's reading dictionary over the analyser.
/// </summary>
public sealed class FuriganaTests
{
    private static readonly Dictionary<string, string> Known = new()
    {
        ["看取り"] = "ミトリ", ["取り扱い"] = "トリアツカイ", ["在宅"] = "ザイタク", ["医療"] = "イリョウ",
        ["大和郡山"] = "ヤマトコーリヤマ", ["郡山"] = "コオリヤマ", ["市"] = "シ", ["月"] = "ツキ", ["日"] = "ヒ",
        ["年"] = "ネン", ["人"] = "ヒト", ["認知"] = "ニンチ", ["症"] = "ショウ", ["の"] = "ノ", ["と"] = "ト",
        ["お知らせ"] = "オシラセ",
    };

    public List<string> Analysed { get; } = [];

    /// <summary>Cuts at known words, longest first, and at digits; anything else one character at a time, unknown.</summary>
    private IReadOnlyList<Morpheme> Analyze(string text)
    {
        Analysed.Add(text);
        var words = new List<Morpheme>();
        for (var i = 0; i < text.Length;)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                var end = i;
                while (end < text.Length && char.IsAsciiDigit(text[end])) end++;
                words.Add(new Morpheme(text[i..end], null));
                i = end;
                continue;
            }
            var known = Known.Keys.Where(k => string.CompareOrdinal(text, i, k, 0, k.Length) == 0).MaxBy(k => k.Length);
            if (known is not null) { words.Add(new Morpheme(known, Known[known])); i += known.Length; }
            else { words.Add(new Morpheme(text[i].ToString(), null)); i++; }
        }
        return words;
    }

    private string Html(string text, ReadingDictionary? dictionary = null) =>
        string.Concat(Furigana.Annotate(text, dictionary ?? ReadingDictionary.Empty, Analyze)
            .Select(p => p.Ruby is null ? p.Text : $"[{p.Text}|{p.Ruby}]"));

    [Theory]
    [InlineData("看取り", "[看取|みと]り")]
    [InlineData("取り扱い", "[取|と]り[扱|あつか]い")]
    [InlineData("在宅医療と看取り", "[在宅|ざいたく][医療|いりょう]と[看取|みと]り")]
    [InlineData("お知らせ", "お[知|し]らせ")]
    public void Only_the_kanji_carry_the_reading_and_okurigana_stays_outside(string text, string expected) =>
        Assert.Equal(expected, Html(text));

    [Theory]
    [InlineData("ACP")]
    [InlineData("2024")]
    [InlineData("わたしノート")]
    [InlineData("ケアマネジャー")]
    public void Numbers_Latin_and_kana_get_no_ruby_and_are_not_even_analysed(string text)
    {
        Assert.Equal(text, Html(text));
        Assert.Empty(Analysed);
    }

    [Theory]
    [InlineData("7月17日", "7[月|がつ]17[日|にち]")]
    [InlineData("4月1日", "4[月|がつ][1日|ついたち]")]
    [InlineData("11月20日", "11[月|がつ][20日|はつか]")]
    [InlineData("2024年", "2024[年|ねん]")]
    [InlineData("1人と2人と12人", "[1人|ひとり]と[2人|ふたり]と12[人|にん]")]
    public void A_counter_after_digits_is_read_as_a_counter(string text, string expected) =>
        Assert.Equal(expected, Html(text));

    [Fact]
    public void The_sites_reading_dictionary_wins_over_the_analyser_and_its_longest_word_first()
    {
        var dictionary = ReadingDictionary.Parse("大和郡山 やまとこおりやま\n郡山 こおりやま\n看取り みとり");

        Assert.Equal("[大和郡山|やまとこおりやま][市|し]", Html("大和郡山市", dictionary));
        Assert.Equal("[郡山|こおりやま]", Html("郡山", dictionary));
        Assert.Equal("[看取|みと]り", Html("看取り", dictionary));
        // Without the dictionary, the analyser's reading (long vowel as written in its pronunciation field) shows.
        Assert.Equal("[大和郡山|やまとこーりやま][市|し]", Html("大和郡山市"));
    }

    [Fact]
    public void The_reading_of_a_text_is_its_kanji_in_hiragana_for_search()
    {
        Assert.Equal("にんちしょうのみとり", Furigana.Reading("認知症の看取り", ReadingDictionary.Empty, Analyze));
        Assert.Equal("やまとこおりやましの2024ねん", Furigana.Reading("大和郡山市の2024年", ReadingDictionary.Parse(ReadingDictionary.Default), Analyze));
    }

    [Theory]
    [InlineData("大和郡山", "言葉と読みを")]
    [InlineData("大和郡山 大和", "ひらがなで")]
    [InlineData("やまと やまと", "漢字がありません")]
    [InlineData("郡山 こおりやま\n郡山 こおりやま", "ほかの行にも")]
    public void A_dictionary_line_that_cannot_be_used_is_named_with_a_plain_fix(string text, string problem)
    {
        ReadingDictionary.Parse(text, out var problems);

        Assert.Contains(problems, p => p.Contains(problem) && p.Contains("行目"));
    }

    [Fact]
    public void A_dictionary_reading_in_katakana_is_kept_in_hiragana_and_round_trips()
    {
        var dictionary = ReadingDictionary.Parse("大和郡山, ヤマトコオリヤマ\n\n郡山　こおりやま", out var problems);

        Assert.Empty(problems);
        Assert.Equal("大和郡山 やまとこおりやま\n郡山 こおりやま", dictionary.Format());
    }
}
