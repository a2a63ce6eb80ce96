using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// The reviewer's screen: what changed against the published version, the editor's note and the three
/// answers at the top; answering writes no version; a booked request leaves the queue as 予約済み.
/// </summary>
public sealed class ReviewScreenTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    private BackofficeClient Editor => accounts.Clients["AssociationEditors"];
    private BackofficeClient Reviewer => accounts.Clients["Reviewers"];

    private async Task<int> VersionCountAsync(string url)
    {
        var id = int.Parse(url[(url.LastIndexOf('/') + 1)..]);
        return await accounts.Factory.WithDatabaseAsync(async db => await db.ContentVersions.CountAsync(v => v.NodeId == id));
    }

    /// <summary>The reviewers' queue on their dashboard.</summary>
    private async Task<string> QueueAsync() =>
        Html.Text(Html.Between(await Reviewer.Http.GetStringAsync("/umbraco"), "id=\"awaiting-heading\"", "</section>")!);

    private async Task<HttpResponseMessage> AnswerAsync(string url, string command, params (string, string)[] fields)
    {
        var page = await Reviewer.Http.GetStringAsync(url);
        var version = Regex.Match(page, "name=\"versionId\" value=\"(\\d+)\"").Groups[1].Value;
        return await Reviewer.PostFormAsync(url, url + "/review", [("versionId", version), ("command", command), .. fields]);
    }

    [Fact]
    public async Task The_reviewer_sees_the_changes_against_the_published_version_and_the_note_first_and_publishes_without_a_new_version()
    {
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
        var editorPage = await Editor.Http.GetStringAsync(url);
        Assert.Contains("保存して確認を依頼", editorPage);
        Assert.DoesNotContain("/review\"", editorPage); // no answers for the editor

        Assert.Equal(HttpStatusCode.Redirect, (await Editor.EditAndSubmitAsync(url, ("command", "submit"),
            ("Values[body]", "物忘れが気になったら、かかりつけ医に相談しましょう。"), ("reviewNote", "受診の目安を足しました。"))).StatusCode);
        var versions = await VersionCountAsync(url);

        var page = await Reviewer.Http.GetStringAsync(url);
        var text = Html.Text(page);
        Assert.DoesNotContain("保存して確認を依頼", page);
        Assert.True(text.Contains($"確認の依頼 {BackofficeAccounts.EditorName} さんが"), text);
        Assert.True(text.Contains("編集者からのメモ 受診の目安を足しました。 公開中の版からの変更"), text);
        Assert.Contains("追加： 物忘れが気になったら、かかりつけ医に相談しましょう。", text);
        Assert.Contains("削除：", text); // the sample body it replaces
        // The answers come before the edit form.
        Assert.True(page.IndexOf("/review\"", StringComparison.Ordinal) < page.IndexOf("class=\"bo-form bo-form--wide\"", StringComparison.Ordinal));
        Assert.Contains("この内容で公開する", page);
        Assert.Contains("予約する", page);
        Assert.Contains("コメントをつけて差し戻す", page);

        // The editor's next page after the request tells autosave that the form is on the server now.
        Assert.Matches("data-autosave-saved=\"\\d+\"", await Editor.Http.GetStringAsync(url));
        Assert.Contains("data-autosave-saved=\"\"", await Editor.Http.GetStringAsync(url)); // once only

        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(url, "publish")).StatusCode);
        Assert.Equal(versions, await VersionCountAsync(url));
        Assert.Contains("物忘れが気になったら", await accounts.Factory.CreatePlainClient().GetStringAsync("/columns/2024-12-15/"));
        var history = Html.Text(Html.Between(await Reviewer.Http.GetStringAsync(url + "/versions"), "<tbody>", "</tbody>")!);
        Assert.DoesNotContain(BackofficeAccounts.ReviewerName, history); // the published version is the editor's
    }

    [Fact]
    public async Task Returning_or_booking_writes_no_version_and_a_booked_request_leaves_the_queue_as_scheduled_with_its_time()
    {
        var admin = accounts.Clients["Administrators"];
        var board = await admin.Http.GetStringAsync("/umbraco/columns");
        var ishikai = Regex.Match(board, "<option value=\"([0-9a-f-]{36})\">大和郡山市医師会</option>").Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/umbraco/columns", "/umbraco/columns/slots",
            ("IssueDate", "2027-02-01"), ("Theme", "予約の確認"), ("Association", ishikai), ("DueDate", ""))).StatusCode);
        var url = await accounts.EditUrlAsync("予約の確認");
        Assert.Equal(HttpStatusCode.Redirect, (await Editor.EditAndSubmitAsync(url, ("command", "submit"), ("Values[body]", "医師会の原稿"))).StatusCode);
        var versions = await VersionCountAsync(url);

        // A return through the edit form itself, with nothing changed in it, writes no version either.
        Assert.Equal(HttpStatusCode.Redirect, (await Reviewer.EditAndSubmitAsync(url, ("command", "return"), ("reviewComment", "写真に代替テキストを。"))).StatusCode);
        Assert.Equal(versions, await VersionCountAsync(url));

        Assert.Equal(HttpStatusCode.Redirect, (await Editor.EditAndSubmitAsync(url, ("command", "submit"), ("Values[body]", "医師会の原稿（第2稿）"))).StatusCode);
        versions = await VersionCountAsync(url);
        Assert.Contains("予約の確認", await QueueAsync());

        var booked = await AnswerAsync(url, "schedule", ("publishAt", "2026-12-01T09:00"));
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal(versions, await VersionCountAsync(url));
        Assert.DoesNotContain("予約の確認", await QueueAsync());
        Assert.Contains("予約の確認 （予約済み：令和8年（2026年）12月1日 09:00 に公開）", Html.Text(await Editor.Http.GetStringAsync("/umbraco")));
        var page = Html.Text(await Reviewer.Http.GetStringAsync(url));
        Assert.Contains("状態 予約済み（令和8年（2026年）12月1日 09:00 に公開）", page);
        Assert.DoesNotContain("確認待ち", page);
    }

    [Fact]
    public async Task A_version_saved_while_the_reviewer_reads_is_not_published_unseen_and_answers_need_what_they_need()
    {
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
        await Editor.EditAndSubmitAsync(url, ("command", "submit"), ("Values[body]", "確認に出した本文"));
        var page = await Reviewer.Http.GetStringAsync(url);
        var version = Regex.Match(page, "name=\"versionId\" value=\"(\\d+)\"").Groups[1].Value;
        await Editor.EditAndSubmitAsync(url, ("command", "save"), ("Values[body]", "あとから書き足した本文"));

        var stale = await Reviewer.PostFormAsync(url, url + "/review", ("versionId", version), ("command", "publish"));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("保存し直されました", await stale.Content.ReadAsStringAsync());
        Assert.DoesNotContain("あとから書き足した本文", await accounts.Factory.CreatePlainClient().GetStringAsync("/columns/2024-12-15/"));

        await Editor.EditAndSubmitAsync(url, ("command", "submit"));
        var noComment = await AnswerAsync(url, "return", ("reviewComment", " "));
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.Contains("id=\"review-comment-error\"", await noComment.Content.ReadAsStringAsync());
        var noTime = await AnswerAsync(url, "schedule", ("publishAt", ""));
        Assert.Equal(HttpStatusCode.BadRequest, noTime.StatusCode);
        Assert.Contains("公開する日時を入力してください。", await noTime.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_review_mail_names_the_editor_not_the_address()
    {
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
        await Editor.EditAndSubmitAsync(url, ("command", "submit"), ("Values[body]", "メールの確認"));
        var mail = await accounts.Factory.WithDatabaseAsync(db => db.OutgoingMails
            .Where(m => m.To == "reviewer@example.jp").OrderByDescending(m => m.Id).FirstAsync());
        Assert.Contains($"{BackofficeAccounts.EditorName} さんから", mail.Body);
        Assert.DoesNotContain("editor@example.jp", mail.Body);
    }
}
