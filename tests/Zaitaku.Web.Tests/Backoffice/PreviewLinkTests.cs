using System.Net;
using System.Text.RegularExpressions;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>A signed, expiring link shows a saved draft through the public templates, to anyone who has it, for a week.</summary>
public sealed partial class PreviewLinkTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    [GeneratedRegex("href=\"(?:http://localhost)?(/preview/[^\"]+)\"")]
    private static partial Regex PreviewLink();

    [Fact]
    public async Task A_draft_is_seen_through_its_preview_link_and_not_on_the_public_page()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
        await editor.EditAndSubmitAsync(url, ("command", "save"), ("Values[body]", "団体で回覧するための下書き"));
        var link = WebUtility.HtmlDecode(PreviewLink().Match(await editor.Http.GetStringAsync(url)).Groups[1].Value);

        var anonymous = accounts.Factory.CreatePlainClient();
        var preview = await anonymous.GetAsync(link);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("団体で回覧するための下書き", html);
        Assert.Contains("プレビュー</strong>：公開前の内容です", html);
        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\">", html);
        Assert.Equal("no-store", preview.Headers.CacheControl?.ToString());
        Assert.DoesNotContain("団体で回覧するための下書き", await anonymous.GetStringAsync("/columns/2024-12-15/"));

        var tampered = await anonymous.GetAsync(link[..^4] + "AAAA");
        Assert.Equal(HttpStatusCode.Gone, tampered.StatusCode);
        Assert.Contains("期限が切れたか、正しくありません", await tampered.Content.ReadAsStringAsync());

        var today = accounts.Factory.Clock.Now;
        try
        {
            accounts.Factory.Clock.Now += TimeSpan.FromDays(8);
            Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(link)).StatusCode);
        }
        finally
        {
            accounts.Factory.Clock.Now = today; // the fixture's sessions must not expire
        }
    }
}
