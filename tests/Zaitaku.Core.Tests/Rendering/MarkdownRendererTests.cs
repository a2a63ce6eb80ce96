using Zaitaku.Core.Rendering;

namespace Zaitaku.Core.Tests.Rendering;

public class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    [Theory]
    [InlineData("[相談する](javascript:alert(1))")]
    [InlineData("[相談する](JavaScript:alert(1))")]
    [InlineData("<javascript:alert(1)>")]
    public void A_javascript_link_is_not_clickable(string markdown)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.DoesNotContain("href=\"javascript:", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("担当区域は、**（サンプル）**と書かれた仮の内容です。", "（サンプル）")]
    [InlineData("**「人生会議」**とは", "「人生会議」")]
    public void Bold_next_to_Japanese_punctuation_is_bold_as_the_editor_shows_it(string markdown, string bold)
    {
        var html = _renderer.ToHtml(markdown);

        Assert.Contains($"<strong>{bold}</strong>", html);
        Assert.DoesNotContain("**", html);
    }

    [Fact]
    public void A_normal_link_stays_clickable()
    {
        var html = _renderer.ToHtml("[関係団体](/associations/) と [市のサイト](https://www.city.yamatokoriyama.lg.jp/)");

        Assert.Contains("<a href=\"/associations/\">関係団体</a>", html);
        Assert.Contains("<a href=\"https://www.city.yamatokoriyama.lg.jp/\">市のサイト</a>", html);
    }

    [Fact]
    public void Raw_script_is_not_emitted()
    {
        var html = _renderer.ToHtml("本文\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("本文", html);
    }

    [Fact]
    public void A_japanese_heading_gets_an_id_to_link_to()
    {
        var html = _renderer.ToHtml("## 人生会議とは\n\n本文");

        Assert.Contains("<h2 id=\"人生会議とは\">人生会議とは</h2>", html);
    }

    [Fact]
    public void A_pipe_table_renders_as_a_table_in_a_labelled_scrolling_box_with_labels_for_phones()
    {
        var html = _renderer.ToHtml("| 号 | テーマ |\n| --- | --- |\n| 12月15日号 | 早期発見 |\n");

        Assert.Contains("<div class=\"table-scroll table-stack\" role=\"region\" tabindex=\"0\" aria-label=\"表：号・テーマ\"><table>", html);
        Assert.Contains("<th>テーマ</th>", html);
        // On a narrow screen each cell shows its column's name (CSS reads data-label).
        Assert.Contains("<td data-label=\"テーマ\">早期発見</td>", html);
        Assert.EndsWith("</table></div>", html.TrimEnd());
    }

    [Fact]
    public void Empty_markdown_renders_nothing() => Assert.Equal("", _renderer.ToHtml("  \n"));

    private static readonly MarkdownRenderer WithLibrary = new(url => url.StartsWith("/media/abc/", StringComparison.Ordinal)
        ? new ResponsiveImage("/media/abc/2/a.jpg?width=800", "/media/abc/2/a.jpg?width=480 480w, /media/abc/2/a.jpg?width=800 800w",
            "(min-width: 52em) 46rem, 100vw", 800, 533, "体操教室の様子")
        : null);

    [Fact]
    public void A_library_image_gets_srcset_sizes_width_and_height()
    {
        var html = WithLibrary.ToHtml("本文\n\n![教室](/media/abc/1/a.jpg?width=1920)");

        Assert.Contains("src=\"/media/abc/2/a.jpg?width=800\"", html); // the current revision, a width it serves
        Assert.Contains("srcset=\"/media/abc/2/a.jpg?width=480 480w, /media/abc/2/a.jpg?width=800 800w\"", html);
        Assert.Contains("sizes=\"(min-width: 52em) 46rem, 100vw\"", html);
        Assert.Contains("width=\"800\"", html);
        Assert.Contains("height=\"533\"", html);
        Assert.Contains("alt=\"教室\"", html); // the editor's own alt text wins
    }

    [Fact]
    public void A_library_image_without_alt_text_in_markdown_takes_the_librarys()
    {
        Assert.Contains("alt=\"体操教室の様子\"", WithLibrary.ToHtml("![](/media/abc/1/a.jpg)"));
    }

    [Fact]
    public void Other_images_stay_as_written_and_the_sanitizer_still_runs()
    {
        var html = WithLibrary.ToHtml("![地図](/images/map.png) ![x](javascript:alert(1)) [相談](javascript:alert(1))");

        Assert.Contains("<img src=\"/images/map.png\" alt=\"地図\">", html);
        Assert.DoesNotContain("srcset", html);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
    }
}
