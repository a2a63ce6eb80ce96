using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>Event sign-up: places are never overbooked, however many people press the button at once.</summary>
public sealed class SignUpTests
{
    private const string Acp = "ACP講演会（サンプル）参加申込";

    private static (string, string)[] Answers(int n) =>
    [
        ("お名前", $"参加者 {n}"), ("電話番号", $"0743-00-{n:0000}"), ("メールアドレス", $"person{n}@example.jp"),
        ("参加する人数", "1人"), ("個人情報の取り扱い", "同意する"),
    ];

    private static Task<List<FormEntry>> EntriesAsync(SiteFactory factory, string formName) => factory.WithDatabaseAsync(async db =>
    {
        var form = await db.Forms.SingleAsync(f => f.Name == formName);
        return await db.FormEntries.Where(e => e.FormId == form.Id).OrderBy(e => e.Id).ToListAsync();
    });

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task Fifty_people_signing_up_at_once_for_twenty_places_give_twenty_confirmed_and_thirty_waiting(string provider)
    {
        using var factory = new SiteFactory().WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "1000");
        if (provider == "PostgreSql")
        {
            var server = Environment.GetEnvironmentVariable("ZAITAKU_TEST_PG")
                ?? throw new InvalidOperationException("ZAITAKU_TEST_PG がありません。テストは README のコマンド（bash tests/run.sh）で実行してください。");
            factory.WithSetting("Zaitaku:Database:Provider", "PostgreSql").WithSetting("ConnectionStrings:Zaitaku",
                new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "zaitaku_test_" + Guid.NewGuid().ToString("N") }.ConnectionString);
        }
        try { await SignUpFiftyAsync(factory); }
        finally
        {
            if (provider == "PostgreSql")
            {
                await using var scope = factory.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ZaitakuDbContext>().Database.EnsureDeletedAsync();
            }
        }
    }

    private static async Task SignUpFiftyAsync(SiteFactory factory)
    {
        // Fifty people, each with the page open in their own browser...
        var people = await Task.WhenAll(Enumerable.Range(1, 50).Select(async n =>
        {
            var person = new FormFiller(new BackofficeClient(factory).Http);
            return (person, filled: await person.FillAsync("/acp/kouenkai/", Acp, Answers(n)));
        }));
        // ...press the button at the same moment.
        var responses = await Task.WhenAll(people.Select(p => p.person.SendAsync(p.filled)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        var locations = responses.Select(r => r.Headers.Location!.OriginalString).ToList();
        Assert.Equal(20, locations.Count(l => l.Contains("status=confirmed")));
        Assert.Equal(30, locations.Count(l => l.Contains("status=waiting")));
        var entries = await EntriesAsync(factory, Acp);
        Assert.Equal(20, entries.Count(e => e.Status == EntryStatus.Confirmed));
        Assert.Equal(30, entries.Count(e => e.Status == EntryStatus.Waiting));
        // Waiting-list places are 1 to 30, each given once.
        var positions = locations.Where(l => l.Contains("status=waiting"))
            .Select(l => int.Parse(System.Text.RegularExpressions.Regex.Match(l, @"n=(\d+)").Groups[1].Value)).Order();
        Assert.Equal(Enumerable.Range(1, 30), positions);

        var page = await new BackofficeClient(factory).Http.GetStringAsync("/acp/kouenkai/");
        Assert.Contains("定員に達しました。これからのお申し込みはキャンセル待ちになります。", page);
        var thanks = await new BackofficeClient(factory).Http.GetStringAsync(locations.First(l => l.Contains("n=3&")));
        Assert.Contains("キャンセル待ち（3番目）で受け付けました", thanks);
    }

    [Fact]
    public async Task When_the_secretariat_cancels_a_place_the_first_on_the_waiting_list_moves_up()
    {
        var accounts = new BackofficeAccounts();
        accounts.Factory.WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "1000");
        await accounts.InitializeAsync();
        try
        {
            const string kataroukai = "認知症について語ろう会（サンプル）参加申込"; // 15 places
            var person = new FormFiller(new BackofficeClient(accounts.Factory).Http);
            for (var n = 1; n <= 17; n++)
            {
                var response = await person.SubmitAsync("/about/kataroukai/", kataroukai,
                    ("お名前", $"参加者 {n}"), ("電話番号", "0743-00-0000"), ("メールアドレス", $"p{n}@example.jp"),
                    ("参加される方", "市民・家族"), ("個人情報の取り扱い", "同意する"));
                Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            }
            var entries = await EntriesAsync(accounts.Factory, kataroukai);
            var (first, waiting) = (entries[0], entries[15]);
            Assert.Equal(EntryStatus.Waiting, waiting.Status);

            var admin = accounts.Clients["Administrators"];
            var cancelled = await admin.PostFormAsync($"/umbraco/forms/entries/{first.Key:N}", $"/umbraco/forms/entries/{first.Key:N}/cancel");
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
            var shown = Html.Text(await admin.Http.GetStringAsync(BackofficeAccounts.Where(cancelled)));
            Assert.Contains($"キャンセル待ちの受付番号 {waiting.Receipt} が参加確定になりました", shown);

            entries = await EntriesAsync(accounts.Factory, kataroukai);
            Assert.Equal(EntryStatus.Cancelled, entries[0].Status);
            Assert.Equal(EntryStatus.Confirmed, entries[15].Status);
            Assert.Equal(EntryStatus.Waiting, entries[16].Status);
            Assert.Equal(15, entries.Count(e => e.Status == EntryStatus.Confirmed));
            await accounts.Factory.WithDatabaseAsync(async db =>
            {
                Assert.True(await db.OutgoingMails.AnyAsync(m => m.To == "p16@example.jp" && m.Subject.Contains("参加が確定しました")));
            });
        }
        finally { await accounts.DisposeAsync(); }
    }

    [Fact]
    public async Task Too_many_submissions_from_one_address_are_paused_and_what_was_typed_stays()
    {
        using var factory = new SiteFactory().WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "3");
        var person = new FormFiller(new BackofficeClient(factory).Http);
        for (var n = 1; n <= 3; n++)
            Assert.Equal(HttpStatusCode.SeeOther, (await person.SubmitAsync("/acp/kouenkai/", Acp, Answers(n))).StatusCode);

        var fourth = await person.SubmitAsync("/acp/kouenkai/", Acp, Answers(4));

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        var html = await fourth.Content.ReadAsStringAsync();
        Assert.Contains("短い時間に送信が続いたため", html);
        Assert.Contains("value=\"参加者 4\"", html);
        Assert.Equal(3, (await EntriesAsync(factory, Acp)).Count);
    }

    [Fact]
    public async Task After_the_deadline_the_form_says_so_and_a_late_submission_keeps_what_was_typed()
    {
        using var factory = new SiteFactory();
        var person = new FormFiller(new BackofficeClient(factory).Http);
        var open = await person.Http.GetStringAsync("/acp/kouenkai/");
        Assert.Contains("受付の締切：令和9年（2027年）2月26日 17:00", Html.Text(open));
        var filled = FormFiller.Fill(open, Acp, Answers(1));

        factory.Clock.Now = new DateTimeOffset(2027, 2, 26, 8, 0, 0, TimeSpan.Zero); // 17:00 in Japan
        var closed = await person.Http.GetStringAsync("/acp/kouenkai/");
        Assert.Contains("受付は終了しました。", closed);
        Assert.DoesNotContain("name=\"f_", closed[closed.IndexOf(Acp, StringComparison.Ordinal)..closed.IndexOf("このページの情報は役に立ちましたか", StringComparison.Ordinal)]);

        var late = await person.SendAsync(filled);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var html = await late.Content.ReadAsStringAsync();
        Assert.Contains("受付の締切を過ぎたため", html);
        Assert.Contains("value=\"参加者 1\"", html);
        Assert.Empty(await EntriesAsync(factory, Acp));
    }
}

/// <summary>Two web servers on one database: a form changed or filled on one shows on the other.</summary>
public sealed class FormScaleOutTests
{
    [Fact]
    public async Task A_designer_change_and_places_taken_on_one_instance_reach_the_other()
    {
        using var a = new SiteFactory { KeepDataFolder = true }.WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "1000");
        await a.CreatePlainClient().GetStringAsync("/");
        using var b = a.SecondInstance();
        var bClient = b.CreatePlainClient();
        var sync = b.Services.GetRequiredService<Zaitaku.Web.Notifications.DatabaseChangeCheck>();
        await sync.CheckAsync(); // baseline
        Assert.Contains("このページの情報は役に立ちましたか", await bClient.GetStringAsync("/"));

        for (var n = 1; n <= 20; n++)
            Assert.Equal(HttpStatusCode.SeeOther, (await new FormFiller(new BackofficeClient(a).Http).SubmitAsync("/acp/kouenkai/", "ACP講演会（サンプル）参加申込",
                ("お名前", $"参加者 {n}"), ("電話番号", "0743-00-0000"), ("参加する人数", "1人"), ("個人情報の取り扱い", "同意する"))).StatusCode);

        // Places alone: the pages stay cached, only the event form's count is read again.
        Assert.False(await sync.CheckAsync());
        Assert.Contains("定員に達しました", await bClient.GetStringAsync("/acp/kouenkai/"));

        await a.WithDatabaseAsync(async db =>
        {
            var feedback = await db.Forms.SingleAsync(f => f.OnEveryPage);
            feedback.Name = "このページはわかりやすかったですか";
            feedback.UpdatedUtc = a.Clock.GetUtcNow().UtcDateTime.AddMinutes(1);
            await db.SaveChangesAsync();
        });
        Assert.True(await sync.CheckAsync());
        Assert.Contains("このページはわかりやすかったですか", await bClient.GetStringAsync("/"));
    }
}
