using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Web.Backoffice.Content;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// The board tells the truth: each slot of the 広報つながり series shows the state it is really in, for
/// every step of its life, late slots stand out in words, and 次の担当号 is the next one still to come.
/// </summary>
public sealed class ColumnBoardStateTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    // The test clock is 2026-11-24 10:00 in Japan; every slot here was due on 11月20日.
    private const string PastDue = "2026-11-20";

    private BackofficeClient Admin => accounts.Clients["Administrators"];
    private BackofficeClient Editor => accounts.Clients["AssociationEditors"];
    private BackofficeClient Reviewer => accounts.Clients["Reviewers"];

    private async Task<string> IshikaiAsync()
    {
        var board = await Admin.Http.GetStringAsync("/umbraco/columns");
        return Regex.Match(board, "<option value=\"([0-9a-f-]{36})\">大和郡山市医師会</option>").Groups[1].Value;
    }

    /// <summary>The text of the board's row for a theme, as the association's editor sees it.</summary>
    private async Task<string> RowAsync(string theme)
    {
        var html = await Editor.Http.GetStringAsync("/umbraco/columns");
        var row = Regex.Matches(html, "<tr[^>]*>.*?</tr>", RegexOptions.Singleline).Single(m => m.Value.Contains($">{theme}</a>"));
        return Html.Text(row.Value);
    }

    private async Task<string> AddAsync(string issue, string theme)
    {
        var added = await Admin.PostFormAsync("/umbraco/columns", "/umbraco/columns/slots",
            ("IssueDate", issue), ("Theme", theme), ("Association", await IshikaiAsync()), ("DueDate", PastDue));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        return await accounts.EditUrlAsync(theme);
    }

    private async Task<HttpResponseMessage> AnswerAsync(string url, string command, params (string, string)[] fields)
    {
        var page = await Reviewer.Http.GetStringAsync(url);
        var version = Regex.Match(page, "name=\"versionId\" value=\"(\\d+)\"").Groups[1].Value;
        return await Reviewer.PostFormAsync(url, url + "/review", [("versionId", version), ("command", command), .. fields]);
    }

    [Fact]
    public async Task Every_state_of_a_slot_shows_on_the_board_and_late_slots_stand_out_in_words()
    {
        // Before any slot is coming up, the editor's dashboard says so plainly (the seeded 医師会 column is long published).
        var empty = Html.Text(await Editor.Http.GetStringAsync("/umbraco"));
        Assert.Contains("次の担当号 これから担当する号は、まだ決まっていません。", empty);

        var neverWritten = await AddAsync("2026-12-01", "状態の確認：未着手");
        var draft = await AddAsync("2026-12-02", "状態の確認：下書き");
        var inReview = await AddAsync("2026-12-03", "状態の確認：確認待ち");
        var returned = await AddAsync("2026-12-04", "状態の確認：差し戻し");
        var scheduled = await AddAsync("2026-12-05", "状態の確認：予約済み");
        var published = await AddAsync("2026-12-06", "状態の確認：公開済み");
        var unpublished = await AddAsync("2026-12-07", "状態の確認：公開を停止");

        await Editor.EditAndSubmitAsync(draft, ("command", "save"), ("Values[body]", "書きかけの本文"));
        foreach (var url in new[] { inReview, returned, scheduled, published, unpublished })
            Assert.Equal(HttpStatusCode.Redirect, (await Editor.EditAndSubmitAsync(url, ("command", "submit"), ("Values[body]", "書き上げた本文"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(returned, "return", ("reviewComment", "見出しをつけてください。"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(scheduled, "schedule", ("publishAt", "2026-12-05T07:00"))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(published, "publish")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(unpublished, "publish")).StatusCode);
        // Taken off the site again by the scheduler, the only way a page is unpublished.
        Assert.Equal(HttpStatusCode.Redirect, (await Reviewer.EditAndSubmitAsync(unpublished, ("command", "schedule"), ("unpublishAt", "2026-11-24T11:00"))).StatusCode);
        var now = accounts.Factory.Clock.Now;
        accounts.Factory.Clock.Now = now.AddHours(2);
        try { Assert.Equal(1, await accounts.Factory.Services.GetRequiredService<ScheduledPublisher>().RunDueAsync()); }
        finally { accounts.Factory.Clock.Now = now; }

        const string Late = "締切を過ぎています";
        var row = await RowAsync("状態の確認：未着手");
        Assert.EndsWith($"{Late} 未着手", row);
        Assert.Contains(Late, await RowAsync("状態の確認：下書き"));
        Assert.EndsWith("下書き", await RowAsync("状態の確認：下書き"));
        Assert.EndsWith("確認待ち", await RowAsync("状態の確認：確認待ち"));
        Assert.EndsWith($"{Late} 差し戻し コメント：見出しをつけてください。", await RowAsync("状態の確認：差し戻し"));
        Assert.EndsWith("予約済み 令和8年（2026年）12月5日 07:00 に公開", await RowAsync("状態の確認：予約済み"));
        Assert.EndsWith("公開済み", await RowAsync("状態の確認：公開済み"));
        Assert.EndsWith("公開を停止", await RowAsync("状態の確認：公開を停止"));
        // Text that reached the secretariat is not late, whatever its due date.
        foreach (var theme in new[] { "確認待ち", "予約済み", "公開済み", "公開を停止" })
            Assert.DoesNotContain(Late, await RowAsync("状態の確認：" + theme));
        Assert.Contains("締切を過ぎて原稿が届いていない号が3件あります", Html.Text(await Editor.Http.GetStringAsync("/umbraco/columns")));

        // 次の担当号: the first issue still to come that is not yet published.
        var dashboard = Html.Text(await Editor.Http.GetStringAsync("/umbraco"));
        Assert.Contains("次の担当号 号 広報つながり 令和8年（2026年）12月1日号 テーマ 状態の確認：未着手", dashboard);
    }

    [Fact]
    public async Task The_seeded_published_columns_show_as_published_not_as_not_started()
    {
        var html = await Admin.Http.GetStringAsync("/umbraco/columns");
        foreach (var issue in new[] { "2024年）12月15日", "2025年）1月10日", "2025年）2月1日", "2025年）2月15日", "2025年）3月1日",
                     "2025年）3月15日", "2025年）4月1日", "2025年）5月1日", "2025年）6月1日" })
        {
            var row = Regex.Matches(html, "<tr[^>]*>.*?</tr>", RegexOptions.Singleline).Single(m => Html.Text(m.Value).Contains(issue));
            Assert.Contains("公開済み", Html.Text(row.Value));
            Assert.DoesNotContain("未着手", Html.Text(row.Value));
        }
    }
}
