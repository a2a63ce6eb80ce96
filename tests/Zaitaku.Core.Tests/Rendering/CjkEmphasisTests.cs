using Zaitaku.Core.Rendering;

namespace Zaitaku.Core.Tests.Rendering;

/// <summary>
/// Bold and italic beside Japanese punctuation. The first three cases are the examples of Markdig's
/// CJK-friendly emphasis specification (src/Markdig.Tests/Specs/CJKFriendlyEmphasis.md, BSD-2-Clause);
/// plain CommonMark renders each of them with the asterisks left in the text.
/// </summary>
public class CjkEmphasisTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData(
        "**この文を強調できますか（Can I emphasize this sentence）？**残念ながらこの文のせいでできません（Unfortunately not possible due to this sentence）。",
        "<p><strong>この文を強調できますか（Can I emphasize this sentence）？</strong>残念ながらこの文のせいでできません（Unfortunately not possible due to this sentence）。</p>")]
    [InlineData(
        "**이 용어(This term)**를 강조해 주세요. (Please emphasize **this term**.)",
        "<p><strong>이 용어(This term)</strong>를 강조해 주세요. (Please emphasize <strong>this term</strong>.)</p>")]
    // Our own cases, as editors write them.
    [InlineData("**（重要）**と書きます。", "<p><strong>（重要）</strong>と書きます。</p>")]
    [InlineData("これは*「大切」*です。", "<p>これは<em>「大切」</em>です。</p>")]
    [InlineData("「**わたしノート**」を書いてみましょう。", "<p>「<strong>わたしノート</strong>」を書いてみましょう。</p>")]
    public void Emphasis_next_to_cjk_punctuation_renders_as_emphasis(string markdown, string expected)
    {
        Assert.Equal(expected, _renderer.ToHtml(markdown).Trim());
    }

    [Fact]
    public void The_spec_example_with_code_keeps_the_code_and_the_latin_emphasis()
    {
        // Spec example 2: the Chinese half is a code span (as the spec's own expected output shows);
        // the Latin half is bold around code.
        var html = _renderer.ToHtml("我可以强调**这个`code`**吗（Can I emphasize **this `code`**）？");

        Assert.Contains("<strong>this <code>code</code></strong>", html);
        Assert.DoesNotContain("**this", html);
    }

    [Fact]
    public void Search_text_drops_the_asterisks_too()
    {
        Assert.Equal("（重要）と書きます。", _renderer.ToPlainText("**（重要）**と書きます。"));
    }
}
