using System.Net;
using System.Text.RegularExpressions;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// Editing content in the backoffice: an association editor works on their own association's
/// columns only and cannot publish; a reviewer publishes; nothing typed is lost to a validation
/// error or to someone else's save.
/// </summary>
public sealed partial class ContentEditingTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    private static readonly (string, string) Save = ("command", "save");
    private static readonly (string, string) Publish = ("command", "publish");

    private Task<string> PublicPageAsync(string url) => accounts.Factory.CreatePlainClient().GetStringAsync(url);

    [Fact]
    public async Task An_association_editor_sees_only_their_associations_content()
    {
        var tree = await accounts.Clients["AssociationEditors"].Http.GetStringAsync("/umbraco/content");
        var names = BackofficeAccounts.TreeLink().Matches(tree).Select(m => m.Groups[2].Value).ToList();

        Assert.Contains("大和郡山市医師会", names);
        Assert.Contains("認知症は早期発見・早期対応が大切です", names);
        Assert.DoesNotContain("口の健康と認知症", names);
        Assert.DoesNotContain("大和郡山市歯科医師会", names);
        Assert.DoesNotContain("人生会議（ACP）", tree);
    }

    [Fact]
    public async Task An_association_editor_saves_a_draft_of_their_column_and_the_public_page_does_not_change()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");

        var saved = await editor.EditAndSubmitAsync(url, Save, ("Values[body]", "医師会の担当者が書いた下書きの本文です。"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var form = await editor.Http.GetStringAsync(url);
        Assert.Contains("医師会の担当者が書いた下書きの本文です。", form);
        Assert.Contains("公開中（未公開の下書きあり）", form);

        Assert.DoesNotContain("医師会の担当者が書いた下書き", await PublicPageAsync("/columns/2024-12-15/"));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task An_association_editor_cannot_open_or_save_another_associations_column(string method)
    {
        var editor = accounts.Clients["AssociationEditors"];
        var url = await accounts.EditUrlAsync("口の健康と認知症");

        var response = method == "GET"
            ? await editor.GetAsync(url)
            : await editor.PostFormAsync("/umbraco/content", url, ("name", "乗っ取り"), ("baseVersionId", "0"), ("command", "save"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(response));
        Assert.Contains("口の健康と認知症", await PublicPageAsync("/columns/2025-03-15/"));
    }

    [Fact]
    public async Task An_association_editor_cannot_publish_even_by_posting_the_command()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
        Assert.DoesNotContain("保存して公開", await editor.Http.GetStringAsync(url));

        var response = await editor.EditAndSubmitAsync(url, Publish, ("name", "勝手に公開"));

        Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(response));
        Assert.DoesNotContain("勝手に公開", await PublicPageAsync("/columns/2024-12-15/"));
    }

    [Fact]
    public async Task An_association_editor_cannot_hand_their_column_to_another_association()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
        var dental = Regex.Match(await accounts.Clients["Administrators"].Http.GetStringAsync(await accounts.EditUrlAsync("口の健康と認知症")),
            "<option value=\"([0-9a-f-]{36})\" selected=\"selected\">大和郡山市歯科医師会</option>").Groups[1].Value;

        var response = await editor.EditAndSubmitAsync(url, Save, ("Values[association]", dental));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("一覧から選んでください", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_reviewer_publishes_and_the_public_site_shows_it_at_once()
    {
        var reviewer = accounts.Clients["Reviewers"];
        var url = await accounts.EditUrlAsync("生活習慣病の予防や治療");
        Assert.Contains("生活習慣病の予防や治療", await PublicPageAsync("/columns/2025-06-01/"));

        var response = await reviewer.EditAndSubmitAsync(url, Publish, ("name", "生活習慣病の予防と治療"), ("Values[body]", "確認者が公開した本文です。"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await PublicPageAsync("/columns/2025-06-01/");
        Assert.Contains("生活習慣病の予防と治療", page);
        Assert.Contains("確認者が公開した本文です。", page);
        Assert.Contains("生活習慣病の予防と治療", await PublicPageAsync("/columns/"));
    }

    [Fact]
    public async Task A_validation_error_is_shown_beside_the_field_and_everything_typed_is_kept()
    {
        var admin = accounts.Clients["Administrators"];
        var url = await accounts.EditUrlAsync("適度な運動");

        var response = await admin.EditAndSubmitAsync(url, Save,
            ("Values[theme]", ""), ("Values[issueDate]", "2025年2月1日"), ("Values[body]", "長い時間をかけて書いた本文 <script>x</script>"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("「テーマ」を入力してください。", html);
        Assert.Contains("id=\"Values_theme_-error\"", html);
        Assert.Contains("は日付で入力してください", html);
        Assert.Contains("長い時間をかけて書いた本文 &lt;script&gt;x&lt;/script&gt;", html);
        Assert.Contains("適度な運動", await PublicPageAsync("/columns/2025-02-01/"));
    }

    [Fact]
    public async Task A_save_based_on_an_outdated_version_is_refused_with_what_changed_and_the_text_is_kept()
    {
        var admin = accounts.Clients["Administrators"];
        var reviewer = accounts.Clients["Reviewers"];
        var url = await accounts.EditUrlAsync("接し方のポイント");
        // Both open the form; the reviewer saves first.
        var adminForm = await admin.Http.GetStringAsync(url);
        var baseVersion = Regex.Match(adminForm, "name=\"baseVersionId\" value=\"(\\d+)\"").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.EditAndSubmitAsync(url, Save, ("Values[body]", "確認者が先に直した本文"))).StatusCode);

        var late = await admin.PostFormAsync(url, url,
            ("name", "接し方のポイント"), ("baseVersionId", baseVersion), ("command", "save"),
            ("Values[issueDate]", "2025-05-01"), ("Values[theme]", "接し方のポイント"),
            ("Values[association]", Regex.Match(adminForm, "<option value=\"([0-9a-f-]{36})\" selected=\"selected\">").Groups[1].Value),
            ("Values[body]", "管理者があとから書いた本文"));
        var html = await late.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("ほかの人が先に保存しました", html);
        Assert.Contains($"{BackofficeAccounts.ReviewerName} さんが", html);
        Assert.Contains("確認者が先に直した本文", html);   // what they saved
        Assert.Contains("管理者があとから書いた本文", html); // what this editor typed, kept to merge

        // Saving again from the conflict page (which now carries the latest version) goes through.
        var merged = await admin.EditAndSubmitAsync(url, Save, ("Values[body]", "二人の本文をまとめました"));
        Assert.Equal(HttpStatusCode.Redirect, merged.StatusCode);
    }

    [Fact]
    public async Task The_preview_renders_the_body_as_the_public_page_would_and_strips_scripts()
    {
        var admin = accounts.Clients["Administrators"];
        var url = await accounts.EditUrlAsync("食事と栄養");

        var response = await admin.EditAndSubmitAsync(url, ("command", "preview"),
            ("Values[body]", "## 見出し\n\n[危ないリンク](javascript:alert(1)) と **強調**"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h2 id=\"見出し\">見出し</h2>", html);
        Assert.DoesNotContain("href=\"javascript:", html);
        Assert.Contains("<strong>強調</strong>", html);
        Assert.DoesNotContain("見出し", await PublicPageAsync("/columns/2025-02-15/")); // a preview saves nothing
    }

    [Theory]
    [InlineData("AssociationEditors", false)]
    [InlineData("Reviewers", true)]
    [InlineData("Administrators", true)]
    public async Task Pages_outside_any_association_are_for_reviewers_and_administrators(string group, bool allowed)
    {
        var response = await accounts.Clients[group].GetAsync(await accounts.EditUrlAsync("人生会議（ACP）"));

        if (allowed) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(response));
    }
}
