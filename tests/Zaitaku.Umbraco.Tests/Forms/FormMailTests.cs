using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Web.Forms;
using Zaitaku.Web.Mail;
using Zaitaku.Web.Tests.Infrastructure;
using static Zaitaku.Web.Tests.Forms.TestForms;

namespace Zaitaku.Web.Tests.Forms;

/// <summary>
/// A form's mail through a real SMTP server (aiosmtpd on a free port, the site's configured mail server); the entry
/// is saved first, so a dead server loses nothing. These tests stop the mail server and move the site's clock, so
/// they run alone.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class FormMailTests(SharedSite site) : IClassFixture<SharedSite>
{
    private SmtpServer Smtp => SiteFactory.Mail;
    private Task<int> SendOutboxAsync() => site.Factory.Services.GetRequiredService<MailOutbox>().SendDueAsync();

    /// <summary>Sends the outbox until these addresses have their mail: other tests' mail is queued before it.</summary>
    private async Task DeliverToAsync(params string[] addresses)
    {
        for (var round = 0; round < 40; round++)
        {
            await SendOutboxAsync();
            var received = Smtp.Messages().Select(m => m.To.Mailboxes.Single().Address).ToHashSet();
            if (addresses.All(received.Contains)) return;
            await Task.Delay(250);
        }
    }

    private async Task<(Zaitaku.Infrastructure.Forms.FormDefinition Form, string Secretariat, string Person, HttpResponseMessage Response)> SignUpAsync()
    {
        var secretariat = Address("jimukyoku");
        var person = Address("rokuro");
        var form = await CopyAsync(Kataroukai, f => f.NotifyEmail = secretariat);
        var response = await new FormFiller(Person.Browser()).SubmitAsync(PageOf(form, "/about/kataroukai/"), form.Name,
            ("お名前", "郡山 六郎"), ("ふりがな", "こおりやま ろくろう"), ("電話番号", "0743-00-0000"), ("メールアドレス", person),
            ("参加される方", "民生委員・自治会"), ("個人情報の取り扱い", "同意する"));
        return (form, secretariat, person, response);
    }

    [Fact]
    public async Task The_secretariat_and_the_person_get_their_mail_and_delivered_mail_leaves_after_thirty_days()
    {
        await Smtp.StartAsync();
        var clock = site.Factory.Clock;
        var start = clock.Now;
        try
        {
            var (form, secretariat, person, response) = await SignUpAsync();
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);

            await DeliverToAsync(secretariat, person);
            var messages = Smtp.Messages();
            var notice = messages.Single(m => m.To.Mailboxes.Single().Address == secretariat);
            Assert.StartsWith($"【{form.Name}】新しい受付", notice.Subject);
            Assert.Contains("状態：参加確定（定員15人）", notice.TextBody);
            Assert.Contains(SiteFactory.TestPublicUrl + "/umbraco/forms/entries/", notice.TextBody); // from configuration, not the request
            Assert.DoesNotContain("郡山", notice.TextBody);
            Assert.DoesNotContain("0743", notice.TextBody);
            var confirmation = messages.Single(m => m.To.Mailboxes.Single().Address == person);
            Assert.StartsWith($"{form.Name}：受け付けました", confirmation.Subject);
            Assert.Contains("参加が確定しました", confirmation.TextBody);
            Assert.Equal("zaitaku@example.jp", confirmation.From.Mailboxes.Single().Address);

            // Delivered mail, which holds the person's address, leaves the outbox after 30 days; the entry stays for its form's 90.
            var retention = site.Factory.Services.GetRequiredService<FormRetentionJob>();
            clock.Now = start + TimeSpan.FromDays(29);
            await retention.RunAsync();
            Assert.Single(await MailsToAsync(person));
            clock.Now = start + TimeSpan.FromDays(31);
            await retention.RunAsync();
            Assert.Empty(await MailsToAsync(person));
            Assert.Empty(await MailsToAsync(secretariat));
            Assert.Single(await EntriesAsync(form));
            // After the form's 90 days the entry goes too.
            clock.Now = start + TimeSpan.FromDays(91);
            await retention.RunAsync();
            Assert.Empty(await EntriesAsync(form));
        }
        finally
        {
            clock.Now = start;
            Smtp.Stop();
        }
    }

    [Fact]
    public async Task With_the_mail_server_down_the_sign_up_is_kept_and_the_mail_goes_out_later()
    {
        Smtp.Stop();
        var clock = site.Factory.Clock;
        var start = clock.Now;
        try
        {
            var (form, secretariat, person, response) = await SignUpAsync();
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);

            // The sender tries (other tests' mail is queued before ours, so it may take a few rounds to reach it) and fails.
            for (var round = 0; round < 20 && (await MailsToAsync(person)).Concat(await MailsToAsync(secretariat)).Any(m => m.Attempts == 0); round++)
                await SendOutboxAsync();
            Assert.Single(await EntriesAsync(form));
            var waiting = (await MailsToAsync(secretariat)).Concat(await MailsToAsync(person)).ToList();
            Assert.Equal(2, waiting.Count);
            Assert.All(waiting, m => { Assert.Null(m.SentUtc); Assert.True(m.Attempts >= 1); Assert.NotNull(m.LastError); });

            await Smtp.StartAsync();
            clock.Now = start + TimeSpan.FromMinutes(2); // the first retry is a minute later
            await DeliverToAsync(secretariat, person);
            var received = Smtp.Messages().Select(m => m.To.Mailboxes.Single().Address).ToList();
            Assert.Contains(secretariat, received);
            Assert.Contains(person, received);
            Assert.All((await MailsToAsync(person)).Concat(await MailsToAsync(secretariat)), m => Assert.NotNull(m.SentUtc));
        }
        finally
        {
            clock.Now = start;
            Smtp.Stop();
        }
    }

    [Fact]
    public async Task The_thanks_page_and_the_mail_give_the_receipt_number_the_event_and_how_to_cancel()
    {
        await Smtp.StartAsync();
        try
        {
            // The seeded form is the one the 語ろう会 event page names: the confirmation tells the event.
            var kataroukai = await SeededAsync(Kataroukai);
            var person = Address("kataroukai");
            var browser = new FormFiller(Person.Browser());
            var response = await browser.SubmitAsync(PageOf(kataroukai, "/about/kataroukai/"), Kataroukai,
                ("お名前", "郡山 七郎"), ("電話番号", "0743-00-0000"), ("メールアドレス", person), ("参加される方", "市民・家族"), ("個人情報の取り扱い", "同意する"));
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            var entry = (await EntriesAsync(kataroukai)).Last();
            Assert.Matches(@"^261124-\d{4}$", entry.ReceiptNumber);

            var page = await browser.Http.GetStringAsync(response.Headers.Location);
            var text = Html.Text(page);
            Assert.Equal($"受付番号：{entry.ReceiptNumber}", new AngleSharp.Html.Parser.HtmlParser().ParseDocument(page).QuerySelector("main .receipt")!.TextContent.Trim());
            Assert.Contains("日時 令和9年（2027年）2月10日（水） 14時〜15時30分", text);
            Assert.Contains("会場 （サンプル）地域包括支援センターの会議室", text);
            Assert.Contains("参加を取り消すとき", text);
            Assert.Contains("に電話する", text);
            Assert.Contains("href=\"tel:", page);

            await DeliverToAsync(person);
            var mail = Smtp.Messages().Single(m => m.To.Mailboxes.Single().Address == person);
            Assert.Contains($"受付番号 {entry.ReceiptNumber}", mail.Subject);
            Assert.Contains("日時：令和9年（2027年）2月10日（水） 14時〜15時30分", mail.TextBody);
            Assert.Contains("参加を取り消すとき", mail.TextBody);
            Assert.Matches(@"電話：（サンプル）[0-9-]+", mail.TextBody);
        }
        finally { Smtp.Stop(); }
    }
}
