using Zaitaku.Core.Readability;

namespace Zaitaku.Core.Tests.Readability;

/// <summary>The first occurrence of each 用語集 term in a body links to its entry, and nothing else does.</summary>
public class GlossaryLinkerTests
{
    private static readonly GlossaryLinker Linker = new([
        new GlossaryEntry("看取り", ["看取り"], "/yougo/#term-mitori"),
        new GlossaryEntry("ACP（人生会議）", ["ACP", "人生会議"], "/yougo/#term-acp"),
        new GlossaryEntry("地域包括支援センター（包括）", ["地域包括支援センター"], "/yougo/#term-houkatsu"),
        new GlossaryEntry("在宅医療", ["在宅医療"], "/yougo/#term-zaitaku-iryo"),
    ]);

    private static int Links(string html, string url) => html.Split($"href=\"{url}\"").Length - 1;

    [Fact]
    public void Only_the_first_occurrence_is_linked()
    {
        var html = Linker.Link("<p>看取りについて。</p><p>看取りの支援と看取りの場。</p>");
        Assert.Equal(1, Links(html, "/yougo/#term-mitori"));
        Assert.StartsWith("<p><a href=\"/yougo/#term-mitori\" class=\"glossary-link\">看取り</a>について。</p>", html);
    }

    [Fact]
    public void Two_forms_of_one_term_give_one_link()
    {
        var html = Linker.Link("<p>人生会議は、ACPとも呼ばれます。</p>");
        Assert.Equal(1, Links(html, "/yougo/#term-acp"));
        Assert.Contains(">人生会議</a>", html);
    }

    [Fact]
    public void Never_inside_headings_links_or_code()
    {
        var html = Linker.Link("<h2 id=\"a\">看取りとは</h2><p><a href=\"/acp/\">人生会議のページ</a></p><p><code>在宅医療</code></p><pre><code>看取り</code></pre>");
        Assert.DoesNotContain("glossary-link", html);
    }

    [Fact]
    public void The_first_occurrence_outside_a_heading_gets_the_link()
    {
        var html = Linker.Link("<h2>看取りとは</h2><p>看取りは、そばで支えることです。</p>");
        Assert.Contains("<h2>看取りとは</h2>", html);
        Assert.Contains("<p><a href=\"/yougo/#term-mitori\" class=\"glossary-link\">看取り</a>は、", html);
    }

    [Fact]
    public void The_longest_term_wins_and_latin_terms_stand_alone()
    {
        var html = Linker.Link("<p>地域包括支援センターで在宅医療の話。ACPXという字はACPではない。</p>");
        Assert.Contains(">地域包括支援センター</a>", html);
        Assert.Contains(">在宅医療</a>", html);
        Assert.Contains("ACPXという字は<a href=\"/yougo/#term-acp\" class=\"glossary-link\">ACP</a>ではない", html);
    }

    [Fact]
    public void A_term_is_not_linked_inside_a_longer_word_of_the_same_script()
    {
        var linker = new GlossaryLinker([
            new GlossaryEntry("在宅医療", ["在宅医療"], "/yougo/#term-zaitaku-iryo"),
            new GlossaryEntry("ケアマネジャー", ["ケアマネ"], "/yougo/#term-care-manager"),
        ]);
        var html = linker.Link("<p>在宅医療介護支援センターとケアマネジメントの話。在宅医療とケアマネの話。</p>");
        Assert.Contains("<p>在宅医療介護支援センターとケアマネジメントの話。<a href=\"/yougo/#term-zaitaku-iryo\" class=\"glossary-link\">在宅医療</a>と<a", html);
    }

    [Fact]
    public void Text_keeps_its_encoding()
    {
        var html = Linker.Link("<p>&lt;script&gt;看取り</p>");
        Assert.Contains("&lt;script&gt;<a", html);
    }

    [Fact]
    public void An_excluded_entry_is_not_linked()
    {
        var html = Linker.Link("<p>看取りと在宅医療。</p>", exclude: "/yougo/#term-mitori");
        Assert.DoesNotContain("term-mitori", html);
        Assert.Contains("term-zaitaku-iryo", html);
    }

    [Fact]
    public void No_terms_leaves_the_html_as_it_is()
    {
        Assert.True(new GlossaryLinker([]).IsEmpty);
        Assert.Equal("<p>看取り</p>", new GlossaryLinker([]).Link("<p>看取り</p>"));
    }

    [Theory]
    [InlineData("みとり", "ま行")]
    [InlineData("えーしーぴー", "あ行")]
    [InlineData("かかりつけい", "か行")]
    [InlineData("ざいたくいりょう", "さ行")]
    [InlineData("にゅうたいいんしえん", "な行")]
    [InlineData("ほうもんかんご", "は行")]
    [InlineData("ABC", "その他")]
    public void Readings_fall_in_their_gojuon_row(string reading, string row) => Assert.Equal(row, Glossary.RowOf(reading));

    [Fact]
    public void Katakana_readings_sort_as_hiragana() => Assert.Equal("みとり", Glossary.ToHiragana("ミトリ"));
}
