using System.Net;
using System.Text.RegularExpressions;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>Send for review, return with a comment, resubmit, approve: the weekly round of a column.</summary>
public sealed partial class ReviewWorkflowTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    [Fact]
    public async Task An_editor_sends_for_review_the_reviewer_returns_it_with_a_comment_then_approves_the_revision()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var reviewer = accounts.Clients["Reviewers"];
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");

        var submitted = await editor.EditAndSubmitAsync(url, ("command", "submit"), ("Values[body]", "医師会の原稿（第1稿）"));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var dashboard = Html.Text(await editor.Http.GetStringAsync("/umbraco"));
        Assert.True(dashboard.Contains("認知症は早期発見・早期対応が大切です （確認待ち）"), dashboard);
        var queue = Html.Text(await reviewer.Http.GetStringAsync("/umbraco"));
        Assert.Contains("確認待ち（1件）", queue);
        Assert.Contains($"{BackofficeAccounts.EditorName} さん", queue);
        Assert.DoesNotContain("editor@example.jp", queue);

        // Returning needs a comment; without one nothing is lost and nothing changes.
        var noComment = await reviewer.EditAndSubmitAsync(url, ("command", "return"));
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("差し戻す理由を", await noComment.Content.ReadAsStringAsync());

        var returned = await reviewer.EditAndSubmitAsync(url, ("command", "return"), ("reviewComment", "受診の目安を一文加えてください。"));
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var editorDashboard = Html.Text(await editor.Http.GetStringAsync("/umbraco"));
        Assert.Contains("（差し戻し） コメント：受診の目安を一文加えてください。", editorDashboard);
        Assert.Contains("受診の目安を一文加えてください。", await editor.Http.GetStringAsync(url));
        Assert.DoesNotContain("医師会の原稿", await accounts.Factory.CreatePlainClient().GetStringAsync("/columns/2024-12-15/"));

        await editor.EditAndSubmitAsync(url, ("command", "submit"), ("Values[body]", "医師会の原稿（第2稿）"));
        var approved = await reviewer.EditAndSubmitAsync(url, ("command", "publish"));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        Assert.Contains("医師会の原稿（第2稿）", await accounts.Factory.CreatePlainClient().GetStringAsync("/columns/2024-12-15/"));
        Assert.Contains("認知症は早期発見・早期対応が大切です （公開済み）", Html.Text(await editor.Http.GetStringAsync("/umbraco")));
        Assert.Contains("確認待ち（0件）", Html.Text(await reviewer.Http.GetStringAsync("/umbraco")));
    }

    [Fact]
    public async Task An_association_editor_cannot_return_or_approve()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");

        var response = await editor.EditAndSubmitAsync(url, ("command", "return"), ("reviewComment", "自分で差し戻し"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/umbraco/denied", response.Headers.Location!.ToString());
    }
}
