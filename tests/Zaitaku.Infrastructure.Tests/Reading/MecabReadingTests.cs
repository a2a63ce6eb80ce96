using Microsoft.Extensions.Logging.Abstractions;
using Zaitaku.Core.Reading;
using Zaitaku.Infrastructure.Tests.TestSupport;
using Zaitaku.Infrastructure.Reading;
using Zaitaku.Infrastructure.Search;

namespace Zaitaku.Infrastructure.Tests.Reading;

/// <summary>
/// MeCab itself (Debian's libmecab2 and mecab-ipadic-utf8, installed by tests/run.sh): its readings,
/// its absence, and search by reading on an index whose documents carry them.
/// </summary>
public sealed class MecabReadingTests : IDisposable
{
    private readonly Readings _readings = new(null!, NullLogger<Readings>.Instance);
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        _readings.Dispose();
        _folder.Dispose();
    }

    private static string Show(IEnumerable<RubyPart> parts) =>
        string.Concat(parts.Select(p => p.Ruby is null ? p.Text : $"[{p.Text}|{p.Ruby}]"));

    [Fact]
    public void MeCab_reads_the_sites_words_and_keeps_every_character_of_the_text()
    {
        Assert.True(_readings.IsAvailable, "MeCab と辞書がありません。tests/run.sh が libmecab2 と mecab-ipadic-utf8 を入れます。");
        const string text = "在宅医療と看取り。 ACP（人生会議）は 2024年 7月17日に。";

        var parts = _readings.Annotate(text);

        Assert.Equal(text, string.Concat(parts.Select(p => p.Text)));
        Assert.Equal("[在宅|ざいたく][医療|いりょう]と[看取|みと]り。 ACP（[人生|じんせい][会議|かいぎ]）は 2024[年|ねん] 7[月|がつ]17[日|にち]に。", Show(parts));
    }

    [Fact]
    public void The_default_dictionary_reads_the_citys_name_as_the_city_does()
    {
        Assert.Equal("[大和郡山|やまとこおりやま][市|し]", Show(_readings.Annotate("大和郡山市")));
    }

    [Fact]
    public void Without_MeCabs_dictionary_there_are_no_readings_and_the_reason_is_given()
    {
        using var tagger = MecabTagger.TryOpen("/nonexistent/mecab-dictionary", out var problem);
        using var readings = new Readings(null!, NullLogger<Readings>.Instance, "/nonexistent/mecab-dictionary");

        Assert.Null(tagger);
        Assert.Contains("辞書", problem);
        Assert.False(readings.IsAvailable);
        Assert.Equal("看取り", Show(readings.Annotate("看取り")));
        Assert.Null(readings.ReadingOf("看取り"));
    }

    [Fact]
    public void A_query_in_hiragana_finds_the_kanji_it_reads_as_ranked_below_the_page_that_has_it_as_typed()
    {
        SearchDocument Doc(int id, string title, string text) =>
            new(id, [id], $"/page-{id}/", title, text, "事業について", null, null) { Reading = _readings.ReadingOf(title + "\n" + text) };
        using var index = new SearchIndex(_folder.Combine("search"), NullLogger<SearchIndex>.Instance);
        index.Open();
        index.Rebuild([
            Doc(1, "認知症について", "認知症は早期発見が大切です。認知症の方を支えます。"),
            Doc(2, "看取りの支援", "在宅での看取りについて。"),
            Doc(3, "みとりの会", "みとりについて話す会です。"),
            Doc(4, "脳の健康", "認知機能を保つための運動です。"),
        ]);
        List<string> Titles(string q) =>
            index.Search(SearchQuery.Parse(q, SearchSynonyms.Parse(""), index.Analyzer), null, null, 0, 10)!.Hits.Select(h => h.Title).ToList();

        Assert.Equal(["認知症について"], Titles("にんちしょう"));
        Assert.Equal(["認知症について"], Titles("ニンチショウ"));
        Assert.Equal(["みとりの会", "看取りの支援"], Titles("みとり"));
        // Two kana are too short to search by reading: they are in the readings of too many words.
        Assert.Empty(Titles("にん"));
    }
}
