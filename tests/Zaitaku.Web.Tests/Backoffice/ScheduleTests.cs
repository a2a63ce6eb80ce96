using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Backoffice.Content;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Backoffice;

/// <summary>
/// Publish-at and unpublish-at, entered in Japan time and carried out by the scheduler on a
/// controllable clock: on time, after a restart, and exactly once with two instances on one database.
/// </summary>
public sealed class ScheduleTests(BackofficeAccounts accounts) : IClassFixture<BackofficeAccounts>
{
    // The test clock starts at 2026-11-24 10:00 in Japan.
    private static readonly DateTimeOffset TomorrowNineJst = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    private Task<string> PublicPageAsync(string url) => accounts.Factory.CreatePlainClient().GetStringAsync(url);

    private static Task<int> RunSchedulerAsync(SiteFactory factory) =>
        factory.Services.GetRequiredService<ScheduledPublisher>().RunDueAsync();

    [Fact]
    public async Task A_reviewer_schedules_a_draft_and_it_appears_on_the_public_site_at_that_time()
    {
        var reviewer = accounts.Clients["Reviewers"];
        var url = await accounts.EditUrlAsync("医師に伝えるポイント");

        var scheduled = await reviewer.EditAndSubmitAsync(url, ("command", "schedule"),
            ("Values[body]", "予約で公開する本文です。"), ("publishAt", "2026-11-25T09:00"));
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Contains("公開の予約：令和8年（2026年）11月25日 09:00", Html.Text(await reviewer.Http.GetStringAsync(url)));

        var today = accounts.Factory.Clock.Now;
        try
        {
            accounts.Factory.Clock.Now = TomorrowNineJst.AddMinutes(-1);
            Assert.Equal(0, await RunSchedulerAsync(accounts.Factory));
            Assert.DoesNotContain("予約で公開する本文です。", await PublicPageAsync("/columns/2025-01-10/"));

            accounts.Factory.Clock.Now = TomorrowNineJst;
            Assert.Equal(1, await RunSchedulerAsync(accounts.Factory));
            Assert.Contains("予約で公開する本文です。", await PublicPageAsync("/columns/2025-01-10/"));
            Assert.Equal(0, await RunSchedulerAsync(accounts.Factory)); // done once, not again
        }
        finally
        {
            // The other tests of this class share the signed-in sessions, which a day's jump would end.
            accounts.Factory.Clock.Now = today;
        }
    }

    [Theory]
    [InlineData("2026-11-24T09:59", "過去の日時は予約できません")]
    [InlineData("あした", "日時は「2025-01-10 09:00」の形で入力してください")]
    public async Task A_schedule_in_the_past_or_not_a_date_is_refused_beside_the_field(string typed, string message)
    {
        var reviewer = accounts.Clients["Reviewers"];
        var url = await accounts.EditUrlAsync("社会参加");

        var response = await reviewer.EditAndSubmitAsync(url, ("command", "schedule"), ("publishAt", typed), ("Values[body]", "入力した本文"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html);
        Assert.Contains("id=\"publishAt-error\"", html);
        Assert.Contains("入力した本文", html);
    }

    [Fact]
    public async Task An_association_editor_cannot_schedule()
    {
        var editor = accounts.Clients["AssociationEditors"];
        var url = await accounts.EditUrlAsync("認知症は早期発見・早期対応が大切です");
        Assert.DoesNotContain("保存して予約", await editor.Http.GetStringAsync(url));

        var response = await editor.EditAndSubmitAsync(url, ("command", "schedule"), ("publishAt", "2027-01-01T09:00"));

        Assert.Contains("/umbraco/denied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task A_schedule_that_fell_due_while_the_site_was_down_runs_at_start_and_two_instances_run_it_once()
    {
        var first = new SiteFactory { KeepDataFolder = true };
        await first.CreatePlainClient().GetStringAsync("/");
        await using (var scope = first.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ZaitakuDbContext>();
            var column = await db.ContentNodes.SingleAsync(n => n.PublishedVersion!.UrlSegment == "2025-03-01");
            column.UnpublishAtUtc = first.Clock.Now.UtcDateTime.AddHours(1);
            await db.SaveChangesAsync();
        }
        var folder = first.DataFolder;
        first.Dispose(); // the site goes down before the hour comes

        // Two instances come up on the same database two hours later.
        using var a = SiteFactory.OnDataFolder(folder);
        using var b = SiteFactory.OnDataFolder(folder);
        a.Clock.Now = b.Clock.Now = first.Clock.Now.AddHours(2);
        await Task.WhenAll(Start(a), Start(b));

        await using var check = a.Services.CreateAsyncScope();
        var audit = await check.ServiceProvider.GetRequiredService<ZaitakuDbContext>().AuditEntries
            .CountAsync(e => e.Action == "content.scheduled-unpublish");
        Assert.Equal(1, audit);
        Assert.Equal(HttpStatusCode.NotFound, (await a.CreatePlainClient().GetAsync("/columns/2025-03-01/")).StatusCode);

        static async Task<int> Start(SiteFactory factory)
        {
            factory.CreatePlainClient(); // starts the host, whose scheduler runs once at start
            return await factory.Services.GetRequiredService<ScheduledPublisher>().RunDueAsync();
        }
    }
}
