using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Columns;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>The 広報つながり schedule board, the editor's next slot, and due-date reminders.</summary>
public sealed class ColumnBoardTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    private async Task<string> AssociationKeyAsync(string name)
    {
        var board = await accounts.Clients["Administrators"].Http.GetStringAsync("/umbraco/columns");
        return System.Text.RegularExpressions.Regex.Match(board, $"<option value=\"([0-9a-f-]{{36}})\">{name}</option>").Groups[1].Value;
    }

    private Task<HttpResponseMessage> AddSlotAsync(BackofficeClient client, string issueDate, string theme, string association, string dueDate) =>
        client.PostFormAsync("/umbraco/columns", "/umbraco/columns/slots",
            ("IssueDate", issueDate), ("Theme", theme), ("Association", association), ("DueDate", dueDate));

    [Fact]
    public async Task The_board_shows_the_series_from_the_city_document_with_each_slots_state()
    {
        var text = Html.Text(await accounts.Clients["Administrators"].Http.GetStringAsync("/umbraco/columns"));

        // The nine seeded columns are on the public site.
        Assert.Contains("令和6年（2024年）12月15日 認知症は早期発見・早期対応が大切です 大和郡山市医師会 未設定 公開済み", text);
        Assert.Contains("令和7年（2025年）6月1日 生活習慣病の予防や治療 大和郡山市訪問看護事業者連絡会", text);
    }

    [Fact]
    public async Task The_secretariat_adds_the_next_series_and_the_association_sees_its_slot_and_is_reminded_once()
    {
        var admin = accounts.Clients["Administrators"];
        var ishikai = await AssociationKeyAsync("大和郡山市医師会");
        // Today is 令和8年11月24日 in the test clock; the due date is a week away.
        var added = await AddSlotAsync(admin, "2026-12-15", "冬の体調管理と認知症", ishikai, "2026-12-01");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var editor = accounts.Clients["AssociationEditors"];
        var board = Html.Text(await editor.Http.GetStringAsync("/umbraco/columns"));
        Assert.Contains("令和8年（2026年）12月15日 冬の体調管理と認知症 大和郡山市医師会 令和8年（2026年）12月1日 未着手", board);
        Assert.DoesNotContain("口の健康と認知症", board); // another association's slot
        var dashboard = Html.Text(await editor.Http.GetStringAsync("/umbraco"));
        Assert.Contains("次の担当号 号 広報つながり 令和8年（2026年）12月15日号 テーマ 冬の体調管理と認知症 原稿の締切 令和8年（2026年）12月1日 状態 未着手", dashboard);
        Assert.DoesNotContain("冬の体調管理", await accounts.Factory.CreatePlainClient().GetStringAsync("/columns/"));

        var reminders = accounts.Factory.Services.GetRequiredService<ColumnReminders>();
        Assert.Equal(1, await reminders.RunAsync());
        Assert.Equal(0, await reminders.RunAsync()); // once per slot and due date
        var mail = await accounts.Factory.WithDatabaseAsync(db => db.OutgoingMails
            .SingleAsync(m => m.Subject.Contains("冬の体調管理と認知症")));
        Assert.Equal("editor@example.jp", mail.To);
        Assert.Contains("締切は 令和8年（2026年）12月1日", mail.Body);
    }

    [Fact]
    public async Task A_slot_with_a_missing_theme_or_a_due_date_after_the_issue_is_refused_beside_its_field()
    {
        var ishikai = await AssociationKeyAsync("大和郡山市医師会");

        var response = await AddSlotAsync(accounts.Clients["Administrators"], "2027-01-10", "", ishikai, "2027-02-01");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"Theme-error\"", html);
        Assert.Contains("締切日は発行日より前にしてください。", html);
        Assert.Contains("value=\"2027-01-10\"", html);
    }

    [Fact]
    public async Task Only_administrators_add_slots()
    {
        var ishikai = await AssociationKeyAsync("大和郡山市医師会");
        foreach (var group in new[] { "AssociationEditors", "Reviewers" })
        {
            var response = await AddSlotAsync(accounts.Clients[group], "2027-03-01", "勝手な号", ishikai, "");
            Assert.Contains("/umbraco/denied", response.Headers.Location!.ToString());
        }
        Assert.DoesNotContain("勝手な号", await accounts.Clients["Administrators"].Http.GetStringAsync("/umbraco/columns"));
    }

    [Fact]
    public async Task The_secretariat_adds_a_years_rotation_in_one_step_with_the_associations_taking_turns()
    {
        var admin = accounts.Clients["Administrators"];
        var board = await admin.Http.GetStringAsync("/umbraco/columns");
        var order = Regex.Matches(Html.Between(board, "id=\"FirstAssociation\"", "</select>")!, "<option value=\"([0-9a-f-]{36})\"[^>]*>([^<]+)</option>")
            .Select(m => (Key: m.Groups[1].Value, Name: m.Groups[2].Value)).ToList();
        var first = order.FindIndex(a => a.Name == "大和郡山市医師会");

        // Every problem is listed at once, and nothing is added until all lines are right.
        var refused = await admin.PostFormAsync("/umbraco/columns", "/umbraco/columns/rotation",
            ("Issues", "2027-13-40 ありえない日\nあした\n2024-12-15 すでにある号"), ("FirstAssociation", order[first].Key), ("DaysBeforeIssue", "30"));
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("1行目：「2027-13-40」を日付として読めません。", refusedHtml);
        Assert.Contains("2行目：「あした」を日付として読めません。", refusedHtml);
        Assert.Contains("3行目：令和6年（2024年）12月15日の号はすでにあります。", refusedHtml);
        Assert.Contains("ありえない日", refusedHtml); // what was typed stays
        Assert.DoesNotContain("ありえない日", Html.Text(await admin.Http.GetStringAsync("/umbraco/columns")));

        var added = await admin.PostFormAsync("/umbraco/columns", "/umbraco/columns/rotation",
            ("Issues", "2027-04-15 春の健康づくり\r\n2027/5/15\r\n２０２７－０６－１５　夏の暑さと認知症\r\n"),
            ("FirstAssociation", order[first].Key), ("DaysBeforeIssue", "３０"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var text = Html.Text(await admin.Http.GetStringAsync("/umbraco/columns"));
        Assert.Contains($"令和9年（2027年）4月15日 春の健康づくり {order[first].Name} 令和9年（2027年）3月16日 未着手", text);
        Assert.Contains($"令和9年（2027年）5月15日 テーマ未定 {order[(first + 1) % order.Count].Name} 令和9年（2027年）4月15日 未着手", text);
        Assert.Contains($"令和9年（2027年）6月15日 夏の暑さと認知症 {order[(first + 2) % order.Count].Name} 令和9年（2027年）5月16日 未着手", text);

        // The slot is the secretariat's work, not the seed's.
        var history = Html.Text(await admin.Http.GetStringAsync(await accounts.EditUrlAsync("春の健康づくり") + "/versions"));
        Assert.Contains("事務局 管理者", history);
        Assert.DoesNotContain("初期データ", history);
    }

    [Fact]
    public async Task The_secretariat_hands_a_slot_to_another_association_but_not_one_already_published()
    {
        var admin = accounts.Clients["Administrators"];
        var ishikai = await AssociationKeyAsync("大和郡山市医師会");
        var shika = await AssociationKeyAsync("大和郡山市歯科医師会");
        Assert.Equal(HttpStatusCode.Redirect, (await AddSlotAsync(admin, "2027-08-01", "担当を移す号", ishikai, "")).StatusCode);
        var id = (await accounts.EditUrlAsync("担当を移す号"))["/umbraco/content/".Length..];

        var moved = await admin.PostFormAsync("/umbraco/columns", $"/umbraco/columns/{id}/association", ("association", shika));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Contains("令和9年（2027年）8月1日 担当を移す号 大和郡山市歯科医師会", Html.Text(await admin.Http.GetStringAsync("/umbraco/columns")));
        Assert.DoesNotContain("担当を移す号", await accounts.Clients["AssociationEditors"].Http.GetStringAsync("/umbraco/columns"));

        var published = (await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です"))["/umbraco/content/".Length..];
        var refused = await admin.PostFormAsync("/umbraco/columns", $"/umbraco/columns/{published}/association", ("association", shika));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("公開済みのため、ここでは移せません", await refused.Content.ReadAsStringAsync());
        var nowhere = await admin.PostFormAsync("/umbraco/columns", $"/umbraco/columns/{id}/association", ("association", "not-a-key"));
        Assert.Equal(HttpStatusCode.BadRequest, nowhere.StatusCode);
        Assert.Contains("移す先の団体を一覧から選んでください。", await nowhere.Content.ReadAsStringAsync());
    }
}
