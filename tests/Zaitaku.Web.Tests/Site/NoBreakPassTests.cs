using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Zaitaku.Web.Site.Phones;

namespace Zaitaku.Web.Tests.Site;

/// <summary>
/// Numbers are kept whole once: a template's own text (titles, lists, dates) in the layout's pass, a
/// published body when it was rendered, so the layout copies a body as it is and never scans it again.
/// </summary>
public sealed class NoBreakPassTests
{
    private static string Pass(IHtmlContent page)
    {
        using var writer = new NoBreakHtml.Writer();
        page.WriteTo(writer, HtmlEncoder.Default);
        return writer.Result();
    }

    [Fact]
    public void A_templates_own_text_is_kept_whole_around_a_body_that_is_copied_as_it_is()
    {
        var page = new HtmlContentBuilder()
            .AppendHtml("<h1>第3回 研修会（定員24人）</h1><div class=\"prose\">")
            .AppendHtml(new KeptWhole("<p>本文の24人</p>"))
            .AppendHtml("</div><p>締切：12月15日</p>");

        Assert.Equal("<h1>第<span class=\"nw\">3回</span> 研修会（定員<span class=\"nw\">24人</span>）</h1><div class=\"prose\">"
            + "<p>本文の24人</p>" // a body arrives whole from its rendering; the pass does not look at it
            + "</div><p>締切：<span class=\"nw\">12月15日</span></p>", Pass(page));
    }

    [Fact]
    public void Outside_the_layouts_pass_a_body_is_written_as_it_is()
    {
        using var writer = new StringWriter();
        new KeptWhole("<p><span class=\"nw\">24人</span></p>").WriteTo(writer, HtmlEncoder.Default);

        Assert.Equal("<p><span class=\"nw\">24人</span></p>", writer.ToString());
    }
}
