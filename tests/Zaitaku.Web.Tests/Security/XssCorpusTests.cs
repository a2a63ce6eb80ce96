using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Core.Rendering;
using Zaitaku.Web.Forms;
using Zaitaku.Web.Tests.Forms;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Security;

/// <summary>
/// The whole XSS corpus (xss-corpus.txt), every line, in each place a stranger's or an editor's
/// text comes back as HTML: the Markdown pipeline of bodies and the live preview, a public form
/// shown again with what was typed, and the search page. A payload may come back as text or as an
/// encoded attribute value, never as markup that runs.
/// </summary>
public sealed class XssCorpusTests(XssCorpusTests.Site site) : IClassFixture<XssCorpusTests.Site>
{
    public sealed class Site : IDisposable
    {
        public SiteFactory Factory { get; } = new SiteFactory().WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "100000");
        public void Dispose() => Factory.Dispose();
    }

    public static TheoryData<string> Corpus()
    {
        var data = new TheoryData<string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Security", "xss-corpus.txt")))
        {
            if (line.Length > 0 && !line.StartsWith('#')) data.Add(line);
        }
        return data;
    }

    [Fact]
    public void The_corpus_is_read_whole()
    {
        var lines = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Security", "xss-corpus.txt")).Count(l => l.Length > 0 && !l.StartsWith('#'));

        Assert.Equal(lines, Corpus().Count);
        Assert.True(lines >= 50);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public void A_markdown_body_never_carries_active_markup(string payload)
    {
        var renderer = site.Factory.Services.GetRequiredService<MarkdownRenderer>();

        foreach (var body in new[] { payload, $"本文 {payload} 続き", $"- {payload}", $"> {payload}", $"**{payload}**" })
            AssertInert(renderer.ToHtml(body), body);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_form_shown_again_with_what_was_typed_carries_no_active_markup(string payload)
    {
        var person = new FormFiller(new BackofficeClient(site.Factory).Http);

        // No consent: the form comes back with every answer as typed.
        var response = await person.SubmitAsync("/contact/", PublicFormTests.Enquiry,
            ("お名前", payload), ("メールアドレス", payload), ("電話番号", payload), ("お問い合わせの内容", payload));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertInert(await response.Content.ReadAsStringAsync(), payload);
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task The_search_page_carries_no_active_markup(string payload)
    {
        var client = site.Factory.CreatePlainClient();
        await SearchReady.WaitAsync(client);
        var response = await client.GetAsync("/search?q=" + Uri.EscapeDataString(payload));

        Assert.True((int)response.StatusCode < 500);
        AssertInert(await response.Content.ReadAsStringAsync(), payload);
    }

    [Theory]
    [InlineData("<p><img src=x onerror=alert('zxss')></p>")]
    [InlineData("<script>alert('zxss')</script>")]
    [InlineData("<a href=\" javascript:alert('zxss')\">x</a>")]
    [InlineData("<iframe srcdoc=\"zxss\"></iframe>")]
    [InlineData("<div style=\"background:url(zxss)\">x</div>")]
    public void The_check_itself_catches_markup_that_would_run(string html)
    {
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertInert(html, html));
    }

    private static readonly string[] DangerousSchemes = ["javascript:", "vbscript:", "data:"];

    /// <summary>The marker zxss may appear in text and in harmless attribute values only.</summary>
    private static void AssertInert(string html, string payload)
    {
        var document = new HtmlParser().ParseDocument(html);
        foreach (var element in document.QuerySelectorAll("*"))
        {
            if (element.LocalName is "script" or "style" or "template" && element.TextContent.Contains("zxss"))
                Assert.Fail($"<{element.LocalName}> from the payload runs: {payload}");
            if (element.LocalName is "iframe" or "object" or "embed" or "base" or "meta" or "link" or "svg" or "math" or "form"
                && element.Attributes.Any(a => a.Value.Contains("zxss", StringComparison.OrdinalIgnoreCase)))
                Assert.Fail($"<{element.LocalName}> from the payload: {payload}");
            foreach (var attribute in element.Attributes)
            {
                var value = attribute.Value;
                if (!value.Contains("zxss", StringComparison.OrdinalIgnoreCase) && !attribute.Name.Contains("zxss")) continue;
                if (attribute.Name.StartsWith("on") || attribute.Name is "style" or "srcdoc" or "formaction")
                    Assert.Fail($"{attribute.Name}=\"{value}\" on <{element.LocalName}> from the payload: {payload}");
                var compact = new string(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray()).ToLowerInvariant();
                if (attribute.Name is "href" or "src" or "action" or "data" or "poster" or "xlink:href"
                    && DangerousSchemes.Any(compact.StartsWith))
                    Assert.Fail($"{attribute.Name}=\"{value}\" on <{element.LocalName}> from the payload: {payload}");
            }
        }
    }
}
