using System.Net;
using System.Text.RegularExpressions;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>Every save is a version with who and when; two versions side by side; rollback as a new save.</summary>
public sealed partial class VersionTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    [GeneratedRegex("name=\"a\" value=\"(\\d+)\"")]
    private static partial Regex VersionIds();

    [Fact]
    public async Task Saves_are_listed_compared_line_by_line_and_rolled_back_as_a_new_draft()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
        await editor.EditAndSubmitAsync(url, ("command", "save"), ("Values[body]", "一行目\n二行目"));
        await editor.EditAndSubmitAsync(url, ("command", "save"), ("Values[body]", "一行目\n二行目を直した\n三行目"));

        var list = await editor.Http.GetStringAsync(url + "/versions");
        var ids = VersionIds().Matches(list).Select(m => int.Parse(m.Groups[1].Value)).ToList(); // newest first
        Assert.True(ids.Count >= 3, list);
        Assert.Contains(BackofficeAccounts.EditorName, list);
        Assert.Contains("初期データ", list); // the seed import, not an account
        Assert.DoesNotContain("editor@example.jp", Html.Between(list, "<tbody>", "</tbody>"));

        var compare = await editor.Http.GetStringAsync($"{url}/versions/compare?a={ids[1]}&b={ids[0]}");
        Assert.Contains("本文 <span class=\"bo-type\">（変更あり）</span>", compare);
        Assert.Contains("テーマ <span class=\"bo-type\">（変更なし）</span>", compare);
        Assert.Matches("<del[^>]*>.*削除：</span>二行目</del>", compare);
        Assert.Matches("<ins[^>]*>.*追加：</span>二行目を直した</ins>", compare);
        Assert.Matches("<ins[^>]*>.*追加：</span>三行目</ins>", compare);

        var rollback = await editor.PostFormAsync(url + "/versions", $"{url}/versions/{ids[1]}/rollback");
        Assert.Equal(HttpStatusCode.Redirect, rollback.StatusCode);
        var form = await editor.Http.GetStringAsync(url);
        var body = Regex.Match(form, "<textarea id=\"Values_body_\"[^>]*>([^<]*)</textarea>").Groups[1].Value;
        Assert.Equal("一行目\n二行目", System.Net.WebUtility.HtmlDecode(body));
        var after = VersionIds().Matches(await editor.Http.GetStringAsync(url + "/versions")).Count;
        Assert.Equal(ids.Count + 1, after); // rollback added a version, removed none
    }

    [Fact]
    public async Task Another_associations_history_is_out_of_reach()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var url = await accounts.EditUrlAsync("口の健康と認知症");

        foreach (var response in new[] { await editor.GetAsync(url + "/versions"), await editor.GetAsync(url + "/versions/compare?a=1&b=2") })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/umbraco/denied", response.Headers.Location!.ToString());
        }
    }

    [Fact]
    public async Task Comparing_versions_of_another_node_or_nonsense_ids_sends_back_to_the_list()
    {
        var admin = accounts.Clients["Administrators"];
        var url = await accounts.EditUrlAsync("適度な運動");

        var response = await admin.GetAsync(url + "/versions/compare?a=999999&b=abc");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/versions", response.Headers.Location!.ToString());
    }
}
