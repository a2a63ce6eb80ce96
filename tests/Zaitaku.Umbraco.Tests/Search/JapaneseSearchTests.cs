using Examine.Lucene;
using Examine.Lucene.Directories;
using Lucene.Net.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Configuration.Models;
using Zaitaku.Infrastructure.Search;
using Zaitaku.Web.Search;

namespace Zaitaku.Web.Tests.Search;

/// <summary>
/// The Japanese analysis on the Examine index, on a small index of its own (the previous engine's
/// JapaneseSearchTests, same documents and assertions): each test names what a resident types and which page they
/// must (or must not) get.
/// </summary>
public sealed class JapaneseSearchTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly ZaitakuSearchIndex _index;
    private readonly SearchSynonyms _synonyms = SearchSynonyms.Parse(SearchSynonyms.Default);

    private static readonly SearchDocument[] Documents =
    [
        Doc(1, "デイサービスのご案内", "日帰りで通うデイサービスについて。"),
        Doc(2, "わたしノート", "自分の大切にしたいことを書き留めるノートです。"),
        Doc(3, "認知症について", "認知症は早期発見が大切です。"),
        Doc(4, "脳の健康", "認知機能を保つための運動です。"),
        Doc(5, "人生会議", "これからのことを話し合う人生会議のご案内。"),
        Doc(6, "ACP講演会", "Advance Care Planning の講演会を開きました。"),
        Doc(7, "お薬の相談", "薬剤師にご相談ください。"),
        Doc(8, "歯と口の健康", "歯科医院で口の中を診てもらいましょう。"),
        Doc(9, "ケアマネジャーの研修", "介護支援専門員の研修会です。"),
        Doc(10, "相談窓口", "地域包括支援センターにご相談ください。"),
        Doc(11, "令和6年度の取組み", "令和6年度（2024年度）に話し合ったこと。"),
    ];

    private static SearchDocument Doc(int id, string title, string text) =>
        new(id, [id], $"/page-{id}/", title, text, "事業について", null, new DateOnly(2024, 12, 15));

    public JapaneseSearchTests()
    {
        // The index as the site configures it (ConfigureZaitakuSearchIndexOptions), in memory.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(Options.Create(new IndexCreatorSettings()));
        services.ConfigureOptions<ConfigureZaitakuSearchIndexOptions>();
        services.Configure<LuceneDirectoryIndexOptions>(ZaitakuSearchIndex.IndexName,
            o => o.DirectoryFactory = new GenericDirectoryFactory(_ => new RAMDirectory()));
        _services = services.BuildServiceProvider();
        _index = ActivatorUtilities.CreateInstance<ZaitakuSearchIndex>(_services, ZaitakuSearchIndex.IndexName,
            _services.GetRequiredService<IOptionsMonitor<LuceneDirectoryIndexOptions>>());
        Write(Documents);
    }

    public void Dispose()
    {
        _index.Dispose();
        _services.Dispose();
    }

    private void Write(IEnumerable<SearchDocument> documents)
    {
        using (_index.WithThreadingMode(Examine.Lucene.Providers.IndexThreadingMode.Synchronous))
            _index.IndexItems(documents.Select(d => ZaitakuSearchIndex.ToValueSet(d, "contentPage")));
    }

    private SearchQuery Parse(string query) => SearchQuery.Parse(query, _synonyms, _index.JapaneseAnalysis);

    private SearchResults Search(string query, int take = 20) => SiteSearch.Run(_index, Parse(query), null, null, 0, take);

    private List<string> Titles(string query) => Search(query).Hits.Select(h => h.Title).ToList();

    [Theory]
    [InlineData("ﾃﾞｲｻｰﾋﾞｽ", "デイサービスのご案内")]      // half-width katakana
    [InlineData("でいさーびす", "デイサービスのご案内")]    // hiragana for katakana
    [InlineData("わたしのーと", "わたしノート")]
    [InlineData("ワタシノート", "わたしノート")]
    [InlineData("ＡＣＰ", "ACP講演会")]                    // full-width Latin
    [InlineData("acp", "ACP講演会")]                       // case
    [InlineData("ADVANCE care", "ACP講演会")]
    [InlineData("薬", "お薬の相談")]                        // one character
    [InlineData("歯", "歯と口の健康")]
    [InlineData("令和6年", "令和6年度の取組み")]
    public void A_spelling_variant_finds_the_page(string query, string title) =>
        Assert.Contains(title, Titles(query));

    [Fact]
    public void A_word_is_a_phrase_認知症_does_not_match_a_page_that_only_says_認知機能()
    {
        Assert.Equal(["認知症について"], Titles("認知症"));
        Assert.Equal(["脳の健康"], Titles("認知機能"));
        Assert.Equal(2, Titles("認知").Count);
    }

    [Theory]
    [InlineData("ACP", "人生会議")]
    [InlineData("人生会議", "ACP講演会")]
    [InlineData("アドバンス・ケア・プランニング", "人生会議")]
    [InlineData("ケアマネ", "ケアマネジャーの研修")]
    [InlineData("CM", "ケアマネジャーの研修")]
    [InlineData("包括", "相談窓口")]
    [InlineData("ケアマネの研修", "ケアマネジャーの研修")] // a synonym inside a longer word
    public void The_seeded_synonyms_find_each_other(string query, string title) =>
        Assert.Contains(title, Titles(query));

    [Fact]
    public void Every_word_must_be_found()
    {
        Assert.Equal(["認知症について"], Titles("認知症 早期発見"));
        Assert.Empty(Titles("認知症 デイサービス"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   　 ")]
    [InlineData("&& || ! ( ) { } [ ] ^ \" ~ * ? : \\ /")]
    [InlineData("\u0001\u0007\u001b")]
    [InlineData("😀🏥")]
    public void Input_with_nothing_searchable_is_an_empty_query(string query) =>
        Assert.True(Parse(query).IsEmpty);

    [Theory]
    [InlineData("認知症 AND (薬 OR 歯)")]
    [InlineData("+認知症 -薬 \"早期\"~2 認*  title:認知症 \\")]
    [InlineData("認知症😀\u0000\u0085")]
    public void Lucene_syntax_is_just_text(string query) =>
        Assert.NotNull(SiteSearch.Run(_index, Parse(query), null, null, 0, 10));

    [Fact]
    public void A_long_query_is_cut_to_the_limit_without_splitting_a_character()
    {
        var query = Parse(new string('あ', SearchQuery.MaxLength - 1) + "😀" + new string('認', 900));

        Assert.True(query.Truncated);
        Assert.True(query.Text.Length <= SearchQuery.MaxLength);
        Assert.False(char.IsHighSurrogate(query.Text[^1]));
    }

    [Fact]
    public void The_snippet_marks_what_matched_in_the_original_spelling()
    {
        var hit = Search("でいさーびす", 1).Hits.Single();

        Assert.Equal("デイサービス", hit.Snippet.Single(p => p.IsMatch).Text);
        Assert.Equal("日帰りで通うデイサービスについて。", string.Concat(hit.Snippet.Select(p => p.Text)));
    }

    [Fact]
    public void A_half_width_spelling_in_the_text_is_marked_whole()
    {
        var parts = Snippets.Make("送迎つきのﾃﾞｲｻｰﾋﾞｽです。", Parse("デイサービス").Highlights);

        Assert.Equal("ﾃﾞｲｻｰﾋﾞｽ", parts.Single(p => p.IsMatch).Text);
    }

    [Fact]
    public void A_snippet_of_a_long_text_is_cut_around_the_match()
    {
        var text = new string('あ', 500) + "認知症の話" + new string('い', 500);
        var parts = Snippets.Make(text, Parse("認知症").Highlights);

        Assert.Equal("…", parts[0].Text);
        Assert.Equal("認知症", parts.Single(p => p.IsMatch).Text);
        Assert.Equal("…", parts[^1].Text);
        Assert.True(string.Concat(parts.Select(p => p.Text)).Length <= Snippets.Length + 2);
    }

    /// <summary>New: characters that fold into several (㍿ is 株式会社) do not shift the marks.</summary>
    [Fact]
    public void A_match_after_characters_that_fold_into_several_is_marked_where_it_is()
    {
        var text = new string('㍿', 300) + "認知症の話";
        var parts = Snippets.Make(text, Parse("認知症").Highlights);

        Assert.Equal("認知症", parts.Single(p => p.IsMatch).Text);
        Assert.EndsWith("認知症の話", string.Concat(parts.Select(p => p.Text)));
    }

    [Fact]
    public void Removing_a_branch_removes_the_node_and_its_descendants()
    {
        Write([new SearchDocument(100, [100], "/a/", "親のページ", "特別な言葉", "s", null, null),
            new SearchDocument(101, [101, 100], "/a/b/", "子のページ", "特別な言葉", "s", null, null)]);
        Assert.Equal(2, Titles("特別な言葉").Count);

        SearchIndexing.ReplaceBranch(_index, 100, []);

        Assert.Empty(Titles("特別な言葉"));
        Assert.Contains("認知症について", Titles("認知症"));
    }

    [Fact]
    public void Synonym_lines_with_one_word_are_reported()
    {
        var synonyms = SearchSynonyms.Parse("ACP、人生会議\nひとつだけ\n\n包括，地域包括支援センター", out var problems);

        Assert.Equal(2, synonyms.Groups.Count);
        Assert.Equal(["2行目：同じ意味の言葉を「,」で区切って2つ以上書いてください。"], problems);
    }

    /// <summary>New: only the start of a long text is stored for snippets, but every word of it is found.</summary>
    [Fact]
    public void A_word_far_into_a_long_text_is_found_though_only_the_start_is_kept_for_the_snippet()
    {
        var text = string.Concat(Enumerable.Repeat("在宅医療と介護の連携について。", 2_000)) + "特別養護老人ホームの一覧";
        Write([new SearchDocument(200, [200], "/long.pdf", "長い資料", text, "s", null, null, "PDF：2.0MB・80ページ")]);

        var hit = Assert.Single(Search("特別養護老人ホーム").Hits);

        Assert.Equal("長い資料", hit.Title);
        Assert.Equal("PDF：2.0MB・80ページ", hit.FileLabel);
        Assert.StartsWith("在宅医療と介護の連携について。", string.Concat(hit.Snippet.Select(p => p.Text)));
    }
}
