using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Infrastructure.Mail;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Events;

/// <summary>
/// Event pages as a resident uses them: when, where, places left, deadline and 「申し込む」 before
/// anything else; a receipt number on the confirmation page and in the mail; after the event, no sign-ups.
/// The seeded events (sample dates): 語ろう会 on 10 February 2027 14:00–15:30, ACP講演会 on 6 March 2027 13:30–15:00.
/// </summary>
public sealed class EventPageTests : IDisposable
{
    private const string Acp = "ACP講演会（サンプル）参加申込";
    private const string Kataroukai = "認知症について語ろう会（サンプル）参加申込";
    private static readonly DateTimeOffset AcpEnds = new(2027, 3, 6, 6, 0, 0, TimeSpan.Zero); // 15:00 in Japan
    private readonly SiteFactory _factory = new SiteFactory().WithSetting("Zaitaku:Forms:SubmissionsPerAddress", "1000");

    public void Dispose() => _factory.Dispose();

    private HttpClient Visitor() => new BackofficeClient(_factory).Http;

    private static (string, string)[] AcpAnswers(int n) =>
        [("お名前", $"参加者 {n}"), ("電話番号", "0743-00-0000"), ("参加する人数", "1人"), ("個人情報の取り扱い", "同意する")];

    private static JsonElement EventJsonLd(string html)
    {
        var script = new HtmlParser().ParseDocument(html).QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement).Single(j => j.GetProperty("@type").GetString() == "Event");
        return script;
    }

    [Fact]
    public async Task The_event_page_opens_with_when_where_places_deadline_and_the_sign_up_link()
    {
        var html = await Visitor().GetStringAsync("/acp/kouenkai/");
        var document = new HtmlParser().ParseDocument(html);
        var main = document.QuerySelector("main")!;
        var facts = main.QuerySelector(".event-facts")!;
        string Fact(string term) => facts.QuerySelectorAll("div").Single(d => d.QuerySelector("dt")!.TextContent == term).QuerySelector("dd")!.TextContent.Trim();

        Assert.Equal("令和9年（2027年）3月6日（土） 13時30分〜15時", Regex.Replace(Fact("日時"), @"\s+", " "));
        Assert.Equal("2027-03-06T13:30+09:00", facts.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("（サンプル）市内の公共施設", Fact("会場"));
        Assert.Equal("20人（残り20人）", Fact("定員"));
        Assert.Equal("令和9年（2027年）2月26日 17時", Regex.Replace(Fact("申し込みの締切"), @"\s+", " "));
        Assert.Contains("日時・会場は見本です", main.QuerySelector(".event-summary .sample-note")!.TextContent);

        // 「申し込む」 leads to the form's heading on the same page, and comes before the body.
        var signUp = main.QuerySelectorAll(".event-actions a").Single(a => a.TextContent.Trim() == "申し込む");
        var target = document.GetElementById(signUp.GetAttribute("href")!.TrimStart('#'))!;
        Assert.Equal(Acp, target.TextContent.Trim());
        Assert.True(html.IndexOf("申し込む</a>", StringComparison.Ordinal) < html.IndexOf("講演会について", StringComparison.Ordinal));
        var calendar = main.QuerySelectorAll(".event-actions a").Single(a => a.TextContent.StartsWith("カレンダーに追加"));
        Assert.Matches("^/calendar/[0-9a-f-]{36}\\.ics$", calendar.GetAttribute("href"));

        var jsonLd = EventJsonLd(html);
        Assert.Equal("https://schema.org", jsonLd.GetProperty("@context").GetString());
        Assert.Equal("ACP講演会", jsonLd.GetProperty("name").GetString());
        Assert.Equal("2027-03-06T13:30:00+09:00", jsonLd.GetProperty("startDate").GetString());
        Assert.Equal("2027-03-06T15:00:00+09:00", jsonLd.GetProperty("endDate").GetString());
        Assert.Equal("Place", jsonLd.GetProperty("location").GetProperty("@type").GetString());
        Assert.Equal("（サンプル）市内の公共施設", jsonLd.GetProperty("location").GetProperty("name").GetString());
        Assert.Equal(20, jsonLd.GetProperty("maximumAttendeeCapacity").GetInt32());
        Assert.Equal(SiteFactory.TestPublicUrl + "/acp/kouenkai/", jsonLd.GetProperty("url").GetString()); // from configuration
    }

    [Fact]
    public async Task Places_left_follow_each_sign_up_at_once()
    {
        var person = new FormFiller(Visitor());
        for (var n = 1; n <= 3; n++)
            Assert.Equal(HttpStatusCode.SeeOther, (await person.SubmitAsync("/acp/kouenkai/", Acp, AcpAnswers(n))).StatusCode);

        // Another visitor, a moment later: the page is not an old copy from a cache.
        var html = await Visitor().GetStringAsync("/acp/kouenkai/");
        var places = new HtmlParser().ParseDocument(html).QuerySelectorAll(".event-facts div").Single(d => d.QuerySelector("dt")!.TextContent == "定員");
        Assert.Equal("20人（残り17人）", places.QuerySelector("dd")!.TextContent.Trim());
        Assert.Equal(17, EventJsonLd(html).GetProperty("remainingAttendeeCapacity").GetInt32());
    }

    [Fact]
    public async Task After_the_event_the_page_says_it_has_ended_and_a_late_sign_up_is_refused_with_what_was_typed_kept()
    {
        var person = new FormFiller(Visitor());
        var filled = await person.FillAsync("/acp/kouenkai/", Acp, AcpAnswers(1));
        // The form's own deadline moved past the event, as an editor might leave it: the event's end still closes it.
        await _factory.WithDatabaseAsync(db => db.Forms.Where(f => f.Name == Acp).ExecuteUpdateAsync(s => s.SetProperty(f => f.ClosesAtUtc, (DateTime?)null)));
        await _factory.Services.GetRequiredService<Zaitaku.Web.Forms.FormCatalog>().RefreshAsync();

        _factory.Clock.Now = AcpEnds;
        var html = await Visitor().GetStringAsync("/acp/kouenkai/");
        var text = Html.Text(html);
        Assert.Contains("この催しは終了しました。", text);
        Assert.DoesNotContain(">申し込む</a>", html);
        Assert.DoesNotContain("name=\"f_", html[..html.IndexOf("このページの情報は役に立ちましたか", StringComparison.Ordinal)]);

        var late = await person.SendAsync(filled);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var answer = await late.Content.ReadAsStringAsync();
        Assert.Contains("「ACP講演会」は令和9年（2027年）3月6日（土）に終わったため、申し込みは受け付けていません。", Html.Text(answer));
        Assert.Contains("value=\"参加者 1\"", answer);
        Assert.False(await _factory.WithDatabaseAsync(db => db.FormEntries.AnyAsync()));

        // One minute before the end it was still shown as an event (its sign-ups closed when it began).
        _factory.Clock.Now = AcpEnds.AddMinutes(-1);
        var during = Html.Text(await Visitor().GetStringAsync("/acp/kouenkai/"));
        Assert.DoesNotContain("この催しは終了しました。", during);
        Assert.Contains("申し込みの受け付けは終了しました。", during);
    }

    [Fact]
    public async Task The_home_page_lists_upcoming_events_soonest_first_and_drops_ended_ones()
    {
        // 16:00 on 10 February 2027 in Japan: the 語ろう会 (until 15:30) is over, the 講演会 is ahead.
        _factory.Clock.Now = new DateTimeOffset(2027, 2, 10, 7, 0, 0, TimeSpan.Zero);
        var after = new HtmlParser().ParseDocument(await Visitor().GetStringAsync("/"));
        var items = after.QuerySelectorAll(".events .event-item").Select(i => Regex.Replace(i.TextContent, @"\s+", " ").Trim()).ToList();
        Assert.Equal("これからの催し", after.QuerySelector(".events h2")!.TextContent);
        var only = Assert.Single(items);
        Assert.Contains("ACP講演会", only);
        Assert.Contains("令和9年（2027年）3月6日（土） 13時30分〜15時", only);
        Assert.Contains("会場：（サンプル）市内の公共施設", only);
        Assert.StartsWith("webcal://localhost/calendar/events.ics", after.QuerySelector(".events .more-link a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Before_both_events_the_home_page_lists_them_in_date_order()
    {
        var home = new HtmlParser().ParseDocument(await Visitor().GetStringAsync("/"));
        Assert.Equal(["認知症について語ろう会", "ACP講演会"],
            home.QuerySelectorAll(".events .event-item__title a").Select(a => a.TextContent.Trim()));
        // The 人生会議 page shows its 講演会 with the date, not only a link.
        var acp = new HtmlParser().ParseDocument(await Visitor().GetStringAsync("/acp/"));
        Assert.Equal("催しのご案内", acp.QuerySelector(".events h2")!.TextContent);
        var lecture = Regex.Replace(Assert.Single(acp.QuerySelectorAll(".events .event-item")).TextContent, @"\s+", " ");
        Assert.Contains("ACP講演会", lecture);
        Assert.Contains("令和9年（2027年）3月6日（土） 13時30分〜15時", lecture);
    }

    [Fact]
    public async Task The_calendar_file_and_the_feed_are_iCalendar_in_Japan_time()
    {
        var http = Visitor();
        var page = new HtmlParser().ParseDocument(await http.GetStringAsync("/acp/kouenkai/"));
        var link = page.QuerySelectorAll(".event-actions a").Single(a => a.TextContent.StartsWith("カレンダーに追加")).GetAttribute("href")!;

        var one = await http.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal("text/calendar", one.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", one.Content.Headers.ContentDisposition?.DispositionType);
        var read = EventCalendarTests.ParseWithPython(await one.Content.ReadAsStringAsync());
        var ev = Assert.Single(read.GetProperty("events").EnumerateArray());
        Assert.Equal("2027-03-06T13:30:00+09:00", ev.GetProperty("start").GetString());
        Assert.Equal("ACP講演会", ev.GetProperty("summary").GetString());

        var feed = EventCalendarTests.ParseWithPython(await http.GetStringAsync("/calendar/events.ics"));
        Assert.Equal(["認知症について語ろう会", "ACP講演会"], feed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("summary").GetString()));

        // After the 語ろう会, the feed still carries it for subscribed calendars, marked as ended.
        _factory.Clock.Now = new DateTimeOffset(2027, 2, 10, 7, 0, 0, TimeSpan.Zero);
        var later = Ical.Net.Calendar.Load(await http.GetStringAsync("/calendar/events.ics"))!;
        Assert.Equal(["【終了】認知症について語ろう会", "ACP講演会"], later.Events.Select(e => e.Summary));

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/calendar/{Guid.NewGuid()}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/calendar/not-a-key.ics")).StatusCode);
    }
}

/// <summary>The sign-up confirmation, on the page and in the mail through a real SMTP server (aiosmtpd).</summary>
public sealed class EventConfirmationTests : IDisposable
{
    private const string Kataroukai = "認知症について語ろう会（サンプル）参加申込";
    private readonly SmtpServer _smtp = new();
    private readonly SiteFactory _factory;

    public EventConfirmationTests() =>
        _factory = new SiteFactory().WithSetting("Zaitaku:Mail:Host", "127.0.0.1").WithSetting("Zaitaku:Mail:Port", _smtp.Port.ToString())
            .WithSetting("Zaitaku:Mail:Security", "None").WithSetting("Zaitaku:Mail:From", "zaitaku@example.jp");

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task The_confirmation_page_and_mail_give_the_receipt_number_the_event_and_how_to_cancel()
    {
        await _smtp.StartAsync();
        var http = new BackofficeClient(_factory).Http;
        var person = new FormFiller(http);
        (string, string)[] answers(string mail) =>
            [("お名前", "郡山 六郎"), ("電話番号", "0743-00-0000"), ("メールアドレス", mail), ("参加される方", "市民・家族"), ("個人情報の取り扱い", "同意する")];
        var first = await person.SubmitAsync("/about/kataroukai/", Kataroukai, answers("first@example.jp"));
        var response = await person.SubmitAsync("/about/kataroukai/", Kataroukai, answers("rokuro@example.jp"));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);

        var entries = await _factory.WithDatabaseAsync(db => db.FormEntries.OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, entries.Count);
        // Stored, readable over the phone, one per entry: the day in Japan (24 November 2026) and the entry's number.
        Assert.All(entries, e => Assert.Matches(@"^261124-\d{4}$", e.ReceiptNumber));
        Assert.NotEqual(entries[0].ReceiptNumber, entries[1].ReceiptNumber);
        var receipt = entries[1].ReceiptNumber!;

        var page = await http.GetStringAsync(response.Headers.Location);
        var text = Html.Text(page);
        Assert.Equal($"受付番号：{receipt}", new HtmlParser().ParseDocument(page).QuerySelector("main .receipt")!.TextContent.Trim());
        Assert.Contains("日時 令和9年（2027年）2月10日（水） 14時〜15時30分", text);
        Assert.Contains("会場 （サンプル）地域包括支援センターの会議室", text);
        Assert.Contains("参加を取り消すとき", text);
        var tel = new HtmlParser().ParseDocument(page).QuerySelector("[aria-labelledby=thanks-event-heading] a.tel")!;
        Assert.StartsWith("tel:", tel.GetAttribute("href"));
        Assert.Contains("に電話する", tel.TextContent);
        // A number in the address that is not a receipt's shape is not repeated on the page.
        var forged = await http.GetStringAsync(response.Headers.Location!.OriginalString.Replace(receipt, Uri.EscapeDataString("<b>1</b>")));
        Assert.Null(new HtmlParser().ParseDocument(forged).QuerySelector("main .receipt"));
        Assert.DoesNotContain("<b>1</b>", forged);

        await _factory.Services.GetRequiredService<MailOutbox>().SendDueAsync();
        var mail = _smtp.Messages().Single(m => m.To.Mailboxes.Single().Address == "rokuro@example.jp");
        Assert.Contains($"受付番号 {receipt}", mail.Subject);
        Assert.Contains($"受付番号：{receipt}", mail.TextBody);
        Assert.Contains("日時：令和9年（2027年）2月10日（水） 14時〜15時30分", mail.TextBody);
        Assert.Contains("会場：（サンプル）地域包括支援センターの会議室", mail.TextBody);
        Assert.Contains("参加を取り消すとき", mail.TextBody);
        Assert.Matches(@"電話：（サンプル）[0-9-]+", mail.TextBody);
        // The secretariat's notice names the same receipt number and still carries no personal data.
        var notice = _smtp.Messages().Where(m => m.To.Mailboxes.Single().Address == "zaitaku-jimukyoku@example.jp").Single(m => m.Subject.Contains(receipt));
        Assert.DoesNotContain("郡山", notice.TextBody);
    }
}
