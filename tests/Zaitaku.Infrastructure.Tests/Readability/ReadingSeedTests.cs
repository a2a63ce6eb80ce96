using Zaitaku.Core.Readability;
using Zaitaku.Infrastructure.Tests.Seed;

namespace Zaitaku.Infrastructure.Tests.Readability;

/// <summary>The reading aids' seed: the 用語集, the やさしい日本語 samples and the アクセシビリティ方針.</summary>
public class ReadingSeedTests(RealContentSeedFixture seed) : IClassFixture<RealContentSeedFixture>
{
    [Fact]
    public void The_glossary_holds_the_ten_terms_in_gojuon_order_with_readings()
    {
        Assert.Equal("/yougo/", Glossary.Page(seed.Snapshot)?.Url);
        var terms = Glossary.Terms(seed.Snapshot);
        Assert.Equal(["えーしーぴー", "かかりつけい", "けあまねじゃー", "ざいたくいりょう", "しーえむ", "たしょくしゅれんけい",
            "ちいきほうかつしえんせんたー", "にゅうたいいんしえん", "ほうもんかんご", "みとり"], terms.Select(t => t.Reading));
        Assert.All(terms, t => Assert.False(string.IsNullOrWhiteSpace(t.Explanation)));
        Assert.Equal(["ACP", "人生会議"], Glossary.Forms(terms.Single(t => t.Name == "ACP（人生会議）").Node));
        Assert.Equal("/yougo/#term-mitori", terms.Single(t => t.Name == "看取り").Url);
    }

    [Fact]
    public void Explanations_the_citys_document_does_not_give_are_marked_as_samples()
    {
        var marked = Glossary.Terms(seed.Snapshot).Where(t => t.Explanation!.Contains("（サンプル）")).Select(t => t.Name).Order().ToList();
        Assert.Equal(new[] { "かかりつけ医", "ケアマネジャー（介護支援専門員）", "地域包括支援センター（包括）", "看取り", "訪問看護" }.Order(), marked);
    }

    [Theory]
    [InlineData("/soudan/", "/soudan/yasashii/")]
    [InlineData("/acp/", "/acp/yasashii/")]
    [InlineData("/watashi-note/", "/watashi-note/yasashii/")]
    public void Three_pages_carry_a_plain_japanese_sample(string page, string plain)
    {
        var version = seed.Snapshot.GetByRoute(plain);
        Assert.NotNull(version);
        Assert.True(version.Is("plainJapanese"));
        Assert.Equal(page, version.Parent?.Url);
        Assert.Contains("（サンプル）", version.Value("body"));
    }

    [Fact]
    public void The_accessibility_policy_is_published_outside_the_main_menu()
    {
        var policy = seed.Snapshot.GetByRoute("/accessibility/");
        Assert.NotNull(policy);
        Assert.True(policy.ValueAsBool("umbracoNaviHide"));
        Assert.Contains("JIS X 8341-3:2016", policy.Value("body"));
    }

    [Fact]
    public void No_seeded_page_has_an_error_the_checker_would_hold_back()
    {
        var checker = new TextChecker(url => seed.Media.ResponsiveImage(url)?.Alt);
        var errors = seed.Snapshot.All.Where(n => n.HasValue("body"))
            .SelectMany(n => checker.Check(n.Value("body")).Errors.Select(e => $"{n.Url ?? n.Name} {e.Place} {e.Rule} {e.Excerpt}"))
            .ToList();
        Assert.Empty(errors);
    }

    [Fact]
    public void The_plain_japanese_samples_read_easier_than_their_pages()
    {
        var checker = new TextChecker();
        foreach (var plain in seed.Snapshot.OfType("plainJapanese"))
        {
            var easy = checker.Check(plain.Value("body")).Metrics;
            var original = checker.Check(plain.Parent!.Value("body")).Metrics;
            Assert.True(easy.KanjiRatio < original.KanjiRatio, $"{plain.Url}: {easy.KanjiRatio:P0} vs {original.KanjiRatio:P0}");
            Assert.True(easy.ReadabilityScore > original.ReadabilityScore, $"{plain.Url}: {easy.ReadabilityScore} vs {original.ReadabilityScore}");
        }
    }
}
