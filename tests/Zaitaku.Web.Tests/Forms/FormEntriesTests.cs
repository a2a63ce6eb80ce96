using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Forms;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>The secretariat's side of entries: list, view, handled, CSV, audit, who may see them, retention.</summary>
public sealed class FormEntriesTests : IAsyncLifetime
{
    private const string Paper = "わたしノート（紙）の送付申込";
    private readonly BackofficeAccounts _accounts = new();

    public async Task InitializeAsync()
    {
        _accounts.Factory.WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "1000");
        await _accounts.InitializeAsync();
    }

    public Task DisposeAsync() => _accounts.DisposeAsync();

    private BackofficeClient Admin => _accounts.Clients["Administrators"];

    private async Task<int> FormIdAsync(string name)
    {
        return await _accounts.Factory.WithDatabaseAsync(async db => (await db.Forms.SingleAsync(f => f.Name == name)).Id);
    }

    private async Task RequestPaperAsync(string name, string address = "大和郡山市（サンプル）1-2-3")
    {
        var response = await new FormFiller(new BackofficeClient(_accounts.Factory).Http).SubmitAsync("/watashi-note/", Paper,
            ("お名前", name), ("郵便番号", "１２３－４５６７"), ("住所", address), ("ご希望のもの", "わたしノート|わたしノート（概要版）"),
            ("冊数", "２"), ("個人情報の取り扱い", "同意する"));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    private async Task<List<string>> AuditActionsAsync()
    {
        return await _accounts.Factory.WithDatabaseAsync(async db => await db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task The_secretariat_lists_views_and_marks_an_entry_handled_and_each_look_is_recorded()
    {
        await RequestPaperAsync("郡山 一郎");
        var id = await FormIdAsync(Paper);

        var list = await Admin.Http.GetStringAsync($"/umbraco/forms/{id}/entries");
        Assert.Contains("郡山 一郎", list);
        Assert.Contains("未対応", Html.Text(list));
        var link = System.Text.RegularExpressions.Regex.Match(list, "href=\"(/umbraco/forms/entries/[0-9a-f]{32})\"").Groups[1].Value;
        var view = Html.Text(await Admin.Http.GetStringAsync(link));
        Assert.Contains("郵便番号 123-4567", view);
        Assert.Contains("ご希望のもの わたしノート、わたしノート（概要版）", view);
        Assert.Contains("冊数 2", view);

        Assert.Contains("わたしノート（紙）の送付申込 （1件）", Html.Text(await Admin.Http.GetStringAsync("/umbraco")));
        var handled = await Admin.PostFormAsync(link, link + "/handled", ("handled", "true"));
        Assert.Equal(HttpStatusCode.Redirect, handled.StatusCode);
        Assert.Contains("対応済み（令和8年（2026年）11月24日、admin@example.jp）", Html.Text(await Admin.Http.GetStringAsync(link)));
        Assert.DoesNotContain("フォームの未対応の受付", Html.Text(await Admin.Http.GetStringAsync("/umbraco")));

        var actions = await AuditActionsAsync();
        Assert.Contains("forms.entries.list", actions);
        Assert.Contains("forms.entry.view", actions);
        Assert.Contains("forms.entry.handled", actions);
        var audit = Html.Text(await Admin.Http.GetStringAsync("/umbraco/audit"));
        Assert.Contains("受付の内容を表示", audit);
    }

    [Fact]
    public async Task The_csv_export_opens_in_excel_with_japanese_headers_and_is_recorded()
    {
        await RequestPaperAsync("郡山 二郎");
        await RequestPaperAsync("=HYPERLINK(\"http://evil.example\")", "奈良県, \"大和郡山市\"\n2行目");
        var id = await FormIdAsync(Paper);

        var response = await Admin.GetAsync($"/umbraco/forms/{id}/entries.csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("filename*=UTF-8''", response.Content.Headers.ContentDisposition!.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]); // the BOM Excel needs to read UTF-8
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
        using var csv = new CsvHelper.CsvReader(reader, System.Globalization.CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await csv.ReadAsync()) rows.Add(Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i)!).ToArray());
        Assert.Equal(["受付番号", "受付日時", "状態", "対応", "送信したページ", "お名前", "郵便番号", "住所", "電話番号", "メールアドレス", "ご希望のもの", "冊数", "個人情報の取り扱い"], rows[0]);
        Assert.Equal(3, rows.Count);
        Assert.Equal("郡山 二郎", rows[1][5]);
        Assert.Equal("2026-11-24 10:00", rows[1][1]);
        Assert.Equal("受付", rows[1][2]);
        Assert.Equal("/watashi-note/", rows[1][4]);
        Assert.Equal("奈良県, \"大和郡山市\" 2行目", rows[2][7]); // a one-line field keeps one line
        // A formula is written as text, so Excel does not run it.
        Assert.StartsWith("'=HYPERLINK", rows[2][5]);
        Assert.Contains("\r\n", Encoding.UTF8.GetString(bytes));
        Assert.Contains("forms.entries.export", await AuditActionsAsync());
    }

    [Fact]
    public async Task Association_editors_see_no_entries_until_the_form_grants_their_association()
    {
        await RequestPaperAsync("郡山 三郎");
        var id = await FormIdAsync(Paper);
        var editor = _accounts.Clients["AssociationEditors"];

        var refused = await editor.GetAsync($"/umbraco/forms/{id}/entries");
        Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(refused));
        Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(await editor.GetAsync($"/umbraco/forms/{id}/entries.csv")));
        Assert.DoesNotContain(Paper, await editor.Http.GetStringAsync("/umbraco/forms"));
        Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(await editor.GetAsync($"/umbraco/forms/{id}")));

        // The secretariat grants 大和郡山市医師会.
        var edit = await Admin.Http.GetStringAsync($"/umbraco/forms/{id}");
        var ishikai = System.Text.RegularExpressions.Regex.Match(edit, "name=\"EntryAssociations\" value=\"([0-9a-f-]{36})\"[^>]*>\\s*<label[^>]*>大和郡山市医師会<").Groups[1].Value;
        Assert.NotEmpty(ishikai);
        var saved = await Admin.EditAndSubmitAsync($"/umbraco/forms/{id}", ("save", "1"), ("EntryAssociations", ishikai));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Contains("郡山 三郎", await editor.Http.GetStringAsync($"/umbraco/forms/{id}/entries"));
        Assert.Contains(Paper, await editor.Http.GetStringAsync("/umbraco/forms"));
        // Still no designer for them.
        Assert.StartsWith("/umbraco/denied", BackofficeAccounts.Where(await editor.GetAsync($"/umbraco/forms/{id}")));
    }

    [Fact]
    public async Task Entries_are_deleted_automatically_when_their_form_keeps_them_no_longer()
    {
        await RequestPaperAsync("郡山 四郎"); // kept 180 days
        var feedback = await new FormFiller(new BackofficeClient(_accounts.Factory).Http)
            .SubmitAsync("/", "このページの情報は役に立ちましたか", ("このページの評価", "役に立った")); // kept 365 days
        Assert.Equal(HttpStatusCode.SeeOther, feedback.StatusCode);
        var retention = _accounts.Factory.Services.GetRequiredService<FormRetention>();

        _accounts.Factory.Clock.Now += TimeSpan.FromDays(179);
        Assert.Equal(0, await retention.RunAsync());
        _accounts.Factory.Clock.Now += TimeSpan.FromDays(2);
        Assert.Equal(1, await retention.RunAsync());

        await _accounts.Factory.WithDatabaseAsync(async db =>
        {
            var paper = await db.Forms.SingleAsync(f => f.Name == Paper);
            Assert.False(await db.FormEntries.AnyAsync(e => e.FormId == paper.Id));
            Assert.Equal(1, await db.FormEntries.CountAsync());
            var record = await db.AuditEntries.SingleAsync(a => a.Action == "forms.retention");
            Assert.Equal(Paper, record.Target);
            Assert.Contains("1件を削除", record.Detail);
        });
    }

    [Fact]
    public async Task Page_feedback_is_summed_up_per_page_worst_first()
    {
        const string feedback = "このページの情報は役に立ちましたか";
        foreach (var (url, rating) in new[] { ("/acp/", "役に立った"), ("/soudan/", "役に立たなかった"), ("/soudan/", "役に立たなかった"), ("/soudan/", "どちらともいえない") })
            Assert.Equal(HttpStatusCode.SeeOther, (await new FormFiller(new BackofficeClient(_accounts.Factory).Http)
                .SubmitAsync(url, feedback, ("このページの評価", rating))).StatusCode);

        var html = await Admin.Http.GetStringAsync($"/umbraco/forms/{await FormIdAsync(feedback)}/entries");

        var summary = Html.Text(Html.Between(html, "ページ別の集計", "</table>")!);
        Assert.Contains("/soudan/ 0 1 2 /acp/ 1 0 0", summary);
    }
}
