using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Forms;
using Zaitaku.Web.Tests.Infrastructure;
using static Zaitaku.Web.Tests.Forms.TestForms;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>Event sign-up: places are never overbooked, however many people press the button at once.</summary>
public sealed class SignUpTests(SharedSite site) : IClassFixture<SharedSite>
{
    private static (string, string)[] Answers(int n, string? mail = null) =>
    [
        ("お名前", $"参加者 {n}"), ("電話番号", $"０７４３-００-{n:0000}"), ("メールアドレス", mail ?? $"person{n}@example.jp"),
        ("参加する人数", "1人"), ("個人情報の取り扱い", "同意する"),
    ];

    [Fact]
    public async Task Fifty_people_signing_up_at_once_for_twenty_places_give_twenty_confirmed_and_thirty_waiting()
    {
        var form = await CopyAsync(Acp, f => f.NotifyEmail = null);
        Assert.Equal(20, form.Capacity);
        // Fifty people, each with the page open in their own browser, from their own address...
        var people = await Task.WhenAll(Enumerable.Range(1, 50).Select(async n =>
        {
            var person = new FormFiller(Person.Browser());
            return (person, filled: await person.FillAsync(PageOf(form, "/acp/kouenkai/"), form.Name, Answers(n)));
        }));
        // ...press the button at the same moment.
        var responses = await Task.WhenAll(people.Select(p => p.person.SendAsync(p.filled)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        var locations = responses.Select(r => r.Headers.Location!.OriginalString).ToList();
        Assert.Equal(20, locations.Count(l => l.Contains("status=confirmed")));
        Assert.Equal(30, locations.Count(l => l.Contains("status=waiting")));
        var entries = await EntriesAsync(form);
        Assert.Equal(20, entries.Count(e => e.Status == EntryStatus.Confirmed));
        Assert.Equal(30, entries.Count(e => e.Status == EntryStatus.Waiting));
        // Waiting-list places are 1 to 30, each given once.
        var positions = locations.Where(l => l.Contains("status=waiting"))
            .Select(l => int.Parse(Regex.Match(l, @"n=(\d+)").Groups[1].Value)).Order();
        Assert.Equal(Enumerable.Range(1, 30), positions);

        var page = await Person.Browser().GetStringAsync(PageOf(form, "/acp/kouenkai/"));
        Assert.Contains("定員に達しました。これからのお申し込みはキャンセル待ちになります。", page);
        var thanks = await Person.Browser().GetStringAsync(locations.First(l => l.Contains("n=3&")));
        Assert.Contains("キャンセル待ち（3番目）で受け付けました", thanks);
    }

    [Fact]
    public async Task Places_left_follow_each_sign_up_at_once()
    {
        var form = await CopyAsync(Acp, f => f.NotifyEmail = null);
        for (var n = 1; n <= 3; n++)
            Assert.Equal(HttpStatusCode.SeeOther, (await new FormFiller(Person.Browser()).SubmitAsync(PageOf(form), form.Name, Answers(n))).StatusCode);

        Assert.Contains("定員：20人（先着順、残り17人）", Html.Text(await Person.Browser().GetStringAsync(PageOf(form))));
    }

    [Fact]
    public async Task When_a_place_is_cancelled_the_first_on_the_waiting_list_moves_up_and_is_told()
    {
        var form = await CopyAsync(Kataroukai, f => { f.NotifyEmail = null; f.Capacity = 2; });
        var mails = Enumerable.Range(1, 4).Select(n => Address($"p{n}")).ToList();
        for (var n = 1; n <= 4; n++)
        {
            var response = await new FormFiller(Person.Browser()).SubmitAsync(PageOf(form, "/about/kataroukai/"), form.Name,
                ("お名前", $"参加者 {n}"), ("電話番号", "0743-00-0000"), ("メールアドレス", mails[n - 1]),
                ("参加される方", "市民・家族"), ("個人情報の取り扱い", "同意する"));
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        }
        var entries = await EntriesAsync(form);
        Assert.Equal([EntryStatus.Confirmed, EntryStatus.Confirmed, EntryStatus.Waiting, EntryStatus.Waiting], entries.Select(e => e.Status));

        var promoted = await site.Factory.Services.GetRequiredService<FormEntries>().CancelAsync(entries[0].Key);

        Assert.Equal(entries[2].Key, promoted?.Key);
        entries = await EntriesAsync(form);
        Assert.Equal([EntryStatus.Cancelled, EntryStatus.Confirmed, EntryStatus.Confirmed, EntryStatus.Waiting], entries.Select(e => e.Status));
        Assert.Contains(await MailsToAsync(mails[2]), m => m.Subject.Contains("参加が確定しました"));
        Assert.Equal(2, (await SeededAsync(form.Name)).ConfirmedCount);
    }

    [Fact]
    public async Task Without_a_waiting_list_the_last_place_taken_refuses_the_next_with_what_was_typed_kept()
    {
        var form = await CopyAsync(Acp, f => { f.NotifyEmail = null; f.Capacity = 1; f.WaitingList = false; });
        var first = new FormFiller(Person.Browser());
        var second = new FormFiller(Person.Browser());
        var late = await second.FillAsync(PageOf(form), form.Name, Answers(2));
        Assert.Equal(HttpStatusCode.SeeOther, (await first.SubmitAsync(PageOf(form), form.Name, Answers(1))).StatusCode);

        var refused = await second.SendAsync(late);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("定員に達したため、申し込みの受け付けを終えました。", html);
        Assert.Contains("value=\"参加者 2\"", html);
        Assert.Single(await EntriesAsync(form));
    }

    [Fact]
    public async Task Too_many_submissions_from_one_address_are_paused_and_what_was_typed_stays()
    {
        var form = await CopyAsync(Acp, f => f.NotifyEmail = null);
        var person = new FormFiller(Person.Browser()); // one address: the default allowance is 10 in 10 minutes
        for (var n = 1; n <= 10; n++)
            Assert.Equal(HttpStatusCode.SeeOther, (await person.SubmitAsync(PageOf(form), form.Name, Answers(n))).StatusCode);

        var eleventh = await person.SubmitAsync(PageOf(form), form.Name, Answers(11));

        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        var html = await eleventh.Content.ReadAsStringAsync();
        Assert.Contains("短い時間に送信が続いたため", html);
        Assert.Contains("value=\"参加者 11\"", html);
        Assert.Equal(10, (await EntriesAsync(form)).Count);
        // Someone else, at another address, is not held up by it.
        Assert.Equal(HttpStatusCode.SeeOther, (await new FormFiller(Person.Browser()).SubmitAsync(PageOf(form), form.Name, Answers(12))).StatusCode);
    }

    [Fact]
    public async Task Invalid_submissions_count_toward_the_per_address_limit()
    {
        var form = await CopyAsync(Paper, f => f.NotifyEmail = null);
        var person = new FormFiller(Person.Browser());
        for (var n = 1; n <= 10; n++)
            Assert.Equal(HttpStatusCode.BadRequest, (await person.SubmitAsync(PageOf(form, "/watashi-note/"), form.Name, ("お名前", $"試し {n}"))).StatusCode);

        var right = await person.SubmitAsync(PageOf(form, "/watashi-note/"), form.Name, FormSecurityTests.PaperAnswers("郡山 四郎"));

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("value=\"郡山 四郎\"", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task After_the_deadline_the_form_says_so_and_a_late_submission_keeps_what_was_typed()
    {
        var form = await CopyAsync(Acp, f => { f.NotifyEmail = null; f.ClosesAtUtc = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc); });
        var person = new FormFiller(Person.Browser());
        var open = await person.FillAsync(PageOf(form), form.Name, Answers(1));
        // The deadline passes while the page is open (the site's clock is 2026-11-24; the form closes on 1 December).
        await WithDbAsync(db => db.Forms.Where(f => f.Id == form.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ClosesAtUtc, new DateTime(2026, 11, 20, 8, 0, 0, DateTimeKind.Utc))));
        site.Factory.Services.GetRequiredService<Umbraco.Cms.Core.Cache.DistributedCache>().RefreshAll(FormCacheRefresher.UniqueId);

        var closed = Html.Text(await Person.Browser().GetStringAsync(PageOf(form)));
        Assert.Contains("受付の締切：令和8年（2026年）11月20日 17:00", closed);
        Assert.Contains("受付は終了しました。", closed);
        var late = await person.SendAsync(open);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var html = await late.Content.ReadAsStringAsync();
        Assert.Contains("受付の締切を過ぎたため", html);
        Assert.Contains("value=\"参加者 1\"", html);
        Assert.Empty(await EntriesAsync(form));
    }
}
