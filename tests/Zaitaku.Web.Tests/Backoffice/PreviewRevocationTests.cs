using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>A preview link sent to the wrong person can be ended before its seven days are up.</summary>
public sealed partial class PreviewRevocationTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    [GeneratedRegex("href=\"(http://[^\"/]+)(/preview/[^\"]+)\"")]
    private static partial Regex PreviewLink();

    private async Task<string> LinkAsync(BackofficeClient client, string editUrl)
    {
        var match = PreviewLink().Match(await client.Http.GetStringAsync(editUrl));
        Assert.Equal(SiteFactory.TestPublicUrl, match.Groups[1].Value); // the configured address, not the request's
        return WebUtility.HtmlDecode(match.Groups[2].Value);
    }

    [Fact]
    public async Task The_editor_revokes_their_links_and_later_links_still_work()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
        var sent = await LinkAsync(editor, url);
        var anonymous = accounts.Factory.CreatePlainClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(sent)).StatusCode);

        var revoke = await editor.PostFormAsync(url, url + "/preview-links/revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);

        var gone = await anonymous.GetAsync(sent);
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains("リンクを取り消したとき", await gone.Content.ReadAsStringAsync());
        Assert.Equal("no-store", gone.Headers.CacheControl?.ToString());

        accounts.Factory.Clock.Now += TimeSpan.FromSeconds(1);
        var fresh = await LinkAsync(editor, url);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(fresh)).StatusCode);

        var audit = await accounts.Factory.WithDatabaseAsync(db => db.AuditEntries
            .Where(a => a.Action == "content.preview-revoked" && a.UserName == "editor@example.jp").ToListAsync());
        Assert.Contains("認知症は早期発見・早期対応が大切です", Assert.Single(audit).Target);
    }

    [Fact]
    public async Task A_reviewer_revokes_links_to_any_page_and_an_editor_not_to_another_associations()
    {
        var url = await accounts.EditUrlAsync("口の健康と認知症"); // 歯科医師会's column
        var link = await LinkAsync(accounts.Clients["Reviewers"], url);
        var anonymous = accounts.Factory.CreatePlainClient();

        var refused = await accounts.Clients["AssociationEditors"].PostFormAsync("/umbraco", url + "/preview-links/revoke");
        Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(refused));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(link)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await accounts.Clients["Reviewers"].PostFormAsync(url, url + "/preview-links/revoke")).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await anonymous.GetAsync(link)).StatusCode);
    }
}
