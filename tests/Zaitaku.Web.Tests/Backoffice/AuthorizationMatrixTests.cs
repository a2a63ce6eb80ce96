using System.Net;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// Every backoffice endpoint for every user group: what each may do and, above all, what it may not.
/// The server decides; hiding a link is not enough.
/// </summary>
public sealed class AuthorizationMatrixTests : IClassFixture<BackofficeAccounts>
{
    private readonly BackofficeAccounts _accounts;

    public AuthorizationMatrixTests(BackofficeAccounts accounts) => _accounts = accounts;

    public enum Expect { Allowed, LoginFirst, Forbidden }

    public static TheoryData<string, string, string, Expect> Matrix()
    {
        var data = new TheoryData<string, string, string, Expect>();
        (string Method, string Url, Expect Admin, Expect Reviewer, Expect Editor)[] endpoints =
        [
            ("GET", "/umbraco", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/account/authenticator", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/account/password", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/users", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("GET", "/umbraco/users/create", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/users/create", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/users/00000000-0000-0000-0000-000000000000/unlock", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/users/require-2fa", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("GET", "/umbraco/audit", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("GET", "/umbraco/content", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/columns", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("POST", "/umbraco/columns/slots", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("GET", "/umbraco/search", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/search/synonyms", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/search/rebuild", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
        ];
        foreach (var (method, url, admin, reviewer, editor) in endpoints)
        {
            data.Add(method, url, "Anonymous", Expect.LoginFirst);
            data.Add(method, url, "Administrators", admin);
            data.Add(method, url, "Reviewers", reviewer);
            data.Add(method, url, "AssociationEditors", editor);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_group_gets_exactly_what_it_may(string method, string url, string group, Expect expect)
    {
        var client = _accounts.Clients[group];
        // A POST carries a valid antiforgery token from the dashboard, so only authorization decides.
        var response = method == "GET"
            ? await client.GetAsync(url)
            : await client.PostFormAsync(group == "Anonymous" ? "/umbraco/login" : "/umbraco", url, ("required", "false"));

        switch (expect)
        {
            case Expect.LoginFirst:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/umbraco/login", BackofficeAccounts.Where(response));
                break;
            case Expect.Forbidden:
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(response));
                var denied = await client.GetAsync(BackofficeAccounts.Where(response));
                Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
                Assert.Contains("権限がありません", await denied.Content.ReadAsStringAsync());
                break;
            default:
                Assert.True((int)response.StatusCode is >= 200 and < 500 && !BackofficeAccounts.Where(response).StartsWith("/umbraco/login")
                    && !BackofficeAccounts.Where(response).StartsWith("/umbraco/denied"),
                    $"{method} {url} as {group}: {(int)response.StatusCode} {response.Headers.Location}");
                break;
        }
    }

    [Fact]
    public async Task The_dashboard_shows_an_association_editor_their_association()
    {
        var html = await _accounts.Clients["AssociationEditors"].Http.GetStringAsync("/umbraco");

        Assert.Contains("職能団体の編集者", html);
        Assert.Contains("大和郡山市医師会", html);
        Assert.DoesNotContain("href=\"/umbraco/users\"", html);
    }

    [Fact]
    public async Task The_audit_trail_can_be_filtered_by_action_and_shows_who_and_from_where()
    {
        var html = await _accounts.Clients["Administrators"].Http.GetStringAsync("/umbraco/audit?action=user.create");
        Assert.Contains("2件", Html.Text(html));
        var text = Html.Text(Html.Between(html, "<tbody>", "</tbody>")!);

        Assert.Contains("ユーザーの登録", text);
        Assert.Contains("reviewer@example.jp", text);
        Assert.DoesNotContain("ログイン失敗", text);
        Assert.Matches(@"令和8年（2026年）11月24日 \d{2}:\d{2} admin@example.jp ユーザーの登録", text);
    }

    [Fact]
    public async Task A_bad_date_in_the_audit_filter_gets_a_message_not_a_500()
    {
        var response = await _accounts.Clients["Administrators"].GetAsync("/umbraco/audit?from=not-a-date&page=-5");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("日付の指定が正しくない", await response.Content.ReadAsStringAsync());
    }
}
