using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// Every backoffice endpoint for every user group: what each may do and, above all, what it may not.
/// The server decides; hiding a link is not enough.
/// </summary>
public sealed partial class AuthorizationMatrixTests : IClassFixture<BackofficeAccounts>
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
            ("POST", "/umbraco/columns/rotation", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/columns/{own}/association", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/account/authenticator", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("POST", "/umbraco/account/authenticator/disable", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("POST", "/umbraco/account/password", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/users/{someone}", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/users/{someone}", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/users/00000000-0000-0000-0000-000000000000/delete", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            // Editing: the association editor's own column, and another association's.
            ("GET", "/umbraco/content/{own}", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("POST", "/umbraco/content/{own}", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("POST", "/umbraco/content/{own}/review", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/content/{own}/versions", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/content/{others}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/content/{others}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/content/{others}/versions", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/content/{others}/versions/compare?a=1&b=2", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/content/{others}/versions/1/rollback", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/content/{own}/preview-links/revoke", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("POST", "/umbraco/content/{others}/preview-links/revoke", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            // Tree care: reviewers and the secretariat only; deleting for good, administrators only.
            ("GET", "/umbraco/content/create?parent={section}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/content/create", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/content/{own}/move", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/content/{own}/move", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/content/{section}/sort", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/content/{section}/sort", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/content/{own}/delete", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/content/{home}/delete", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/content/recycle-bin", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/content/{own}/restore", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/content/{own}/destroy", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("GET", "/umbraco/redirects", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/content/preview-markdown", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            // The text checker: the live list for every editor, the whole-site report for administrators.
            ("POST", "/umbraco/content/check-text", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/text-check", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/text-check", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            // Media: the shared folder is everyone's to use, another association's folder is not.
            ("GET", "/umbraco/media", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/media?folder={sharedFolder}", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/media?folder={otherFolder}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/media/upload?Folder={sharedFolder}", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("POST", "/umbraco/media/upload?Folder={otherFolder}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/media/folders?parent={sharedFolder}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/media/{sharedFile}", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/media/{otherFolder}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/media/{sharedFile}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/media/{sharedFile}/replace", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/media/{sharedFile}/delete", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/media/{otherFolder}/delete", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/media/recycle-bin", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/media/downloads", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/media/{sharedFile}/destroy", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            // Photos and PDFs from the edit form: the same scope as the library, and the page being edited.
            ("GET", "/umbraco/markdown-media/items?kind=image", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("POST", "/umbraco/markdown-media/upload?Folder={sharedFolder}", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("POST", "/umbraco/markdown-media/upload?Folder={otherFolder}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/markdown-media/{own}?field=body", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("POST", "/umbraco/markdown-media/{others}?field=body", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/markdown-media/{own}/upload?field=body&Folder={sharedFolder}", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("POST", "/umbraco/markdown-media/{others}/upload?field=body&Folder={sharedFolder}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/markdown-media/{own}/upload?field=body&Folder={otherFolder}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/media/{trashedOther}/restore", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/redirects/1/delete", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/search", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/search/synonyms", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/search/rebuild", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("GET", "/umbraco/logs", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            // The reading dictionary (ふりがな, 読み上げ, search by reading): the secretariat's.
            ("GET", "/umbraco/readings", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/readings", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            // Forms: the secretariat designs; entries are theirs and the reviewers', and an association's only when granted.
            ("GET", "/umbraco/forms", Expect.Allowed, Expect.Allowed, Expect.Allowed),
            ("GET", "/umbraco/forms/create", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/forms/create", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/forms/{form}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/forms/{form}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/forms/{form}/delete", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/forms/{form}/delete", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/forms/{form}/entries", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/forms/{form}/entries.csv", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/forms/entries/{entry}", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/forms/entries/{entry}/handled", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/forms/entries/{entry}/cancel", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("GET", "/umbraco/forms/entries/{entry}/delete", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            ("POST", "/umbraco/forms/entries/{entry}/delete", Expect.Allowed, Expect.Allowed, Expect.Forbidden),
            // Delivery API preview keys: administrators only (a POST without a name is refused, and an unknown key is 404).
            ("GET", "/umbraco/api-keys", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/api-keys", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
            ("POST", "/umbraco/api-keys/00000000-0000-0000-0000-000000000000/revoke", Expect.Allowed, Expect.Forbidden, Expect.Forbidden),
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
        url = await ResolveAsync(url);
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

    /// <summary>
    /// Fills in the nodes an endpoint is tried on. A request that gets through is made harmless by
    /// its target (the home page cannot be deleted) or by missing fields (the form is refused), so the
    /// matrix never changes the content it runs against.
    /// </summary>
    private async Task<string> ResolveAsync(string url)
    {
        async Task<string> Id(string name) => (await _accounts.EditUrlAsync(name)).Split('/').Last();
        if (url.Contains("{own}")) url = url.Replace("{own}", await Id("認知症は早期発見・早期対応が大切です")); // 医師会
        if (url.Contains("{others}")) url = url.Replace("{others}", await Id("口の健康と認知症")); // 歯科医師会
        if (url.Contains("{section}")) url = url.Replace("{section}", await Id("事業について"));
        if (url.Contains("{home}")) url = url.Replace("{home}", await Id("大和郡山市 在宅医療・介護連携"));
        if (url.Contains("{sharedFolder}") || url.Contains("{otherFolder}") || url.Contains("{sharedFile}"))
        {
            var admin = _accounts.Clients["Administrators"].Http;
            var folders = Regex.Matches(await admin.GetStringAsync("/umbraco/media"), @"<a href=""/umbraco/media\?folder=(\d+)"">([^<]+)</a>")
                .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
            var shared = await admin.GetStringAsync($"/umbraco/media?folder={folders["共有"]}");
            url = url.Replace("{sharedFolder}", folders["共有"]).Replace("{otherFolder}", folders["大和郡山市歯科医師会"])
                .Replace("{sharedFile}", Regex.Match(shared, "<a href=\"/umbraco/media/(\\d+)\">わたしノート（サンプル）</a>").Groups[1].Value);
        }
        if (url.Contains("{trashedOther}"))
        {
            // A folder of another association's in the recycle bin, fresh for each request (an allowed restore takes it out).
            var admin = _accounts.Clients["Administrators"].Http;
            var other = Regex.Match(await admin.GetStringAsync("/umbraco/media"), @"<a href=""/umbraco/media\?folder=(\d+)"">大和郡山市歯科医師会</a>").Groups[1].Value;
            await _accounts.Factory.WithDatabaseAsync(async db =>
            {
                var trashed = new Zaitaku.Core.Media.MediaItem
                {
                    Kind = Zaitaku.Core.Media.MediaKind.Folder, Name = "ごみ箱のフォルダー", ParentId = int.Parse(other), Trashed = true,
                    CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
                };
                db.MediaItems.Add(trashed);
                await db.SaveChangesAsync();
                await _accounts.Factory.Services.GetRequiredService<Zaitaku.Infrastructure.Media.MediaLibrary>().ReloadAsync();
                url = url.Replace("{trashedOther}", trashed.Id.ToString());
            });
        }
        if (url.Contains("{form}") || url.Contains("{entry}"))
        {
            // The enquiry form sits on a page, so deleting it is refused; its entry is made fresh for each request.
            await _accounts.Factory.WithDatabaseAsync(async db =>
            {
                var form = await db.Forms.SingleAsync(f => f.Name == "事務局へのお問い合わせ");
                url = url.Replace("{form}", form.Id.ToString());
                if (url.Contains("{entry}"))
                {
                    var entry = new Zaitaku.Infrastructure.Forms.FormEntry { FormId = form.Id, CreatedUtc = DateTime.UtcNow, ProtectedValues = "" };
                    db.FormEntries.Add(entry);
                    await db.SaveChangesAsync();
                    url = url.Replace("{entry}", entry.Key.ToString("N"));
                }
            });
        }
        if (url.Contains("{someone}"))
        {
            var users = await _accounts.Clients["Administrators"].Http.GetStringAsync("/umbraco/users");
            url = url.Replace("{someone}", Regex.Match(users, $"<a href=\"/umbraco/users/([0-9a-f-]+)\">{BackofficeAccounts.ReviewerName}</a>").Groups[1].Value);
        }
        return url;
    }

    /// <summary>Backoffice endpoints anyone may reach by design: signing in, the first install, the refusal page.</summary>
    private static readonly (string Method, string Url)[] PublicByDesign =
    [
        ("GET", "/umbraco/login"), ("POST", "/umbraco/login"), ("GET", "/umbraco/login/2fa"), ("POST", "/umbraco/login/2fa"),
        ("POST", "/umbraco/logout"), ("GET", "/umbraco/install"), ("POST", "/umbraco/install"), ("GET", "/umbraco/denied"),
        // The Delivery API: public, read-only, published content only (drafts need a preview key; see DeliveryPrivacyTests).
        ("GET", "/umbraco/delivery/api/v2/content"), ("GET", "/umbraco/delivery/api/v2/content/item/columns"),
        ("GET", "/umbraco/delivery/api/v2/content/item/00000000-0000-0000-0000-000000000000"), ("GET", "/umbraco/delivery/api/v2/content/items"),
        ("GET", "/umbraco/delivery/api/v2/openapi.json"),
        ("GET", "/umbraco/delivery/anything"), ("POST", "/umbraco/delivery/anything"),
    ];

    /// <summary>
    /// Every backoffice endpoint the application maps (read from its EndpointDataSource, so a new
    /// controller action counts the moment it exists) is tried by the matrix, or is public by design.
    /// </summary>
    [Fact]
    public void Every_backoffice_endpoint_is_in_the_matrix()
    {
        var tried = Matrix().Select(row => ((string)row[0], (string)row[1])).Concat(PublicByDesign)
            .Select(e => (e.Item1, Path: Placeholder().Replace(e.Item2.Split('?')[0], "1")))
            .ToList();
        var missing = new List<string>();
        foreach (var endpoint in _accounts.Factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
                     .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText?.TrimStart('~', '/') ?? "";
            if (!pattern.StartsWith("umbraco", StringComparison.OrdinalIgnoreCase)) continue;
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"];
            var shape = new Regex("^/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment =>
                string.Concat(segment.Parts.Select(part => part switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => Regex.Escape(literal.Content),
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => Regex.Escape(separator.Content),
                    _ => "[^/]+",
                })))) + "/?$", RegexOptions.IgnoreCase);
            foreach (var method in methods.Where(m => m is "GET" or "POST"))
            {
                if (!tried.Any(t => t.Item1 == method && shape.IsMatch(t.Path))) missing.Add($"{method} /{pattern}");
            }
        }
        Assert.True(missing.Count == 0, "Not in the authorization matrix: " + string.Join(", ", missing.Distinct()));
    }

    [GeneratedRegex("\\{[a-zA-Z]+\\}")]
    private static partial Regex Placeholder();

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

    [Theory]
    [InlineData("to=9999-12-31")]
    [InlineData("from=0001-01-01")]
    [InlineData("from=2026-11-01&to=2300-01-01")]
    public async Task A_date_out_of_range_in_the_audit_filter_gets_a_message_not_a_500(string query)
    {
        var response = await _accounts.Clients["Administrators"].GetAsync("/umbraco/audit?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("日付は2000年から2099年までの範囲で指定してください", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_bad_date_in_the_audit_filter_gets_a_message_not_a_500()
    {
        var response = await _accounts.Clients["Administrators"].GetAsync("/umbraco/audit?from=not-a-date&page=-5");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("日付の指定が正しくない", await response.Content.ReadAsStringAsync());
    }
}
