using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Extensions;
using Zaitaku.Web.Site.Events;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Events;

/// <summary>
/// Event pages as a resident uses them, on the Umbraco site: when and where before anything else, the calendar file,
/// schema.org Event, the events a section's page lists, and after the event no sign-up. The Umbraco site's version of
/// the old site's EventPageTests (which started a site of their own per test): the assertions on what the page shows
/// are the same; sign-ups, places taken and refused late sign-ups are the forms module's tests (Forms/SignUpTests),
/// here the event page states what the forms module holds.
/// The seeded events (sample dates): 語ろう会 on 10 February 2027 14:00–15:30, ACP講演会 on 6 March 2027 13:30–15:00.
/// </summary>
public sealed class EventPageTests(SharedSite site) : IClassFixture<SharedSite>
{
    internal static JsonElement EventJsonLd(string html) =>
        new HtmlParser().ParseDocument(html).QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement).Single(j => j.GetProperty("@type").GetString() == "Event");

    internal static string Fact(AngleSharp.Dom.IElement facts, string term) =>
        facts.QuerySelectorAll("div").Single(d => d.QuerySelector("dt")!.TextContent == term).QuerySelector("dd")!.TextContent.Trim();

    [Fact]
    public async Task The_event_page_opens_with_when_and_where_and_a_calendar_file_before_the_body()
    {
        var html = await site.Client.GetStringAsync("/acp/kouenkai/");
        var main = new HtmlParser().ParseDocument(html).QuerySelector("main")!;
        var facts = main.QuerySelector(".event-facts")!;

        Assert.Equal("令和9年（2027年）3月6日（土） 13時30分〜15時", Regex.Replace(Fact(facts, "日時"), @"\s+", " "));
        Assert.Equal("2027-03-06T13:30+09:00", facts.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("（サンプル）市内の公共施設", Fact(facts, "会場"));
        Assert.Contains("日時・会場は見本です", main.QuerySelector(".event-summary .sample-note")!.TextContent);
        var calendar = main.QuerySelectorAll(".event-actions a").Single(a => a.TextContent.StartsWith("カレンダーに追加"));
        Assert.Matches("^/calendar/[0-9a-f-]{36}\\.ics$", calendar.GetAttribute("href"));
        // The facts come before the body's first heading.
        Assert.True(html.IndexOf("event-facts", StringComparison.Ordinal) < html.IndexOf("講演会について", StringComparison.Ordinal));

        var jsonLd = EventJsonLd(html);
        Assert.Equal("https://schema.org", jsonLd.GetProperty("@context").GetString());
        Assert.Equal("ACP講演会", jsonLd.GetProperty("name").GetString());
        Assert.Equal("2027-03-06T13:30:00+09:00", jsonLd.GetProperty("startDate").GetString());
        Assert.Equal("2027-03-06T15:00:00+09:00", jsonLd.GetProperty("endDate").GetString());
        Assert.Equal("Place", jsonLd.GetProperty("location").GetProperty("@type").GetString());
        Assert.Equal("（サンプル）市内の公共施設", jsonLd.GetProperty("location").GetProperty("name").GetString());
        Assert.Equal(SiteFactory.TestPublicUrl + "/acp/kouenkai/", jsonLd.GetProperty("url").GetString()); // from configuration
    }

    [Fact]
    public async Task A_sections_page_lists_its_events_with_their_dates()
    {
        // The 人生会議 page shows its 講演会 with the date, not only a link.
        var acp = new HtmlParser().ParseDocument(await site.Client.GetStringAsync("/acp/"));
        Assert.Equal("催しのご案内", acp.QuerySelector(".events h2")!.TextContent);
        var lecture = Regex.Replace(Assert.Single(acp.QuerySelectorAll(".events .event-item")).TextContent, @"\s+", " ");
        Assert.Contains("ACP講演会", lecture);
        Assert.Contains("令和9年（2027年）3月6日（土） 13時30分〜15時", lecture);
        Assert.Contains("会場：（サンプル）市内の公共施設", lecture);
        Assert.Equal("/acp/kouenkai/", acp.QuerySelector(".events .event-item__title a")!.GetAttribute("href"));
        // An event is listed with its date there, not again among the page's other pages.
        Assert.DoesNotContain(acp.QuerySelectorAll(".child-pages a"), a => a.GetAttribute("href") == "/acp/kouenkai/");
    }

    [Fact]
    public async Task The_calendar_file_and_the_feed_are_iCalendar_in_Japan_time_with_the_content_key_as_uid()
    {
        var http = site.Client;
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
        // The UID is the page's content key (fixed by the seed), on the public address's host.
        Assert.Equal($"{SiteContent.SeedKey("/acp/kouenkai/"):D}@localhost", ev.GetProperty("uid").GetString());

        var feed = EventCalendarTests.ParseWithPython(await http.GetStringAsync("/calendar/events.ics"));
        Assert.Equal(["認知症について語ろう会", "ACP講演会"], feed.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("summary").GetString()));

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/calendar/{Guid.NewGuid()}.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/calendar/not-a-key.ics")).StatusCode);
        // A page that is not an event has no calendar file.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/calendar/{SiteContent.SeedKey("/acp/"):D}.ics")).StatusCode);
    }

    [Fact]
    [Trait("Needs", "home")]
    public async Task Before_both_events_the_home_page_lists_them_in_date_order_with_the_feed_to_subscribe()
    {
        var home = new HtmlParser().ParseDocument(await site.Client.GetStringAsync("/"));
        Assert.Equal("これからの催し", home.QuerySelector(".events h2")!.TextContent);
        Assert.Equal(["認知症について語ろう会", "ACP講演会"],
            home.QuerySelectorAll(".events .event-item__title a").Select(a => a.TextContent.Trim()));
        Assert.StartsWith("webcal://localhost/calendar/events.ics", home.QuerySelector(".events .more-link a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task The_event_page_states_places_left_and_the_deadline_from_the_forms_module_and_leads_to_its_form()
    {
        // The seeded ACP form, as the forms module has it now (places taken included).
        var key = Guid.Parse(site.Factory.Services.GetRequiredService<Umbraco.Cms.Core.PublishedCache.IPublishedContentCache>()
            .GetById(SiteContent.SeedKey("/acp/kouenkai/"))!.Value<string>("form")!);
        var form = await site.Factory.Services.GetRequiredService<Zaitaku.Web.Forms.FormCatalog>().FindAsync(key);
        Assert.NotNull(form);
        var left = form.Capacity!.Value - form.ConfirmedCount;

        var html = await site.Client.GetStringAsync("/acp/kouenkai/");
        var document = new HtmlParser().ParseDocument(html);
        var facts = document.QuerySelector("main .event-facts")!;
        Assert.Equal($"20人（残り{left}人）", Fact(facts, "定員"));
        Assert.Equal("令和9年（2027年）2月26日 17時", Regex.Replace(Fact(facts, "申し込みの締切"), @"\s+", " "));

        // 「申し込む」 leads to the form's heading on the same page, and comes before the body.
        var signUp = document.QuerySelectorAll("main .event-actions a").Single(a => a.TextContent.Trim() == "申し込む");
        var target = document.GetElementById(signUp.GetAttribute("href")!.TrimStart('#'))!;
        Assert.Equal("ACP講演会（サンプル）参加申込", target.TextContent.Trim());
        Assert.True(html.IndexOf("申し込む</a>", StringComparison.Ordinal) < html.IndexOf("講演会について", StringComparison.Ordinal));

        var jsonLd = EventJsonLd(html);
        Assert.Equal(20, jsonLd.GetProperty("maximumAttendeeCapacity").GetInt32());
        Assert.Equal(left, jsonLd.GetProperty("remainingAttendeeCapacity").GetInt32());
    }
}

/// <summary>What changes when an event begins and ends, with the site's clock moved (alone on the shared site).</summary>
[Collection(AloneOnTheSite.Name)]
public sealed class EventTimeTests(SharedSite site) : IDisposable
{
    private static readonly DateTimeOffset AcpEnds = new(2027, 3, 6, 6, 0, 0, TimeSpan.Zero); // 15:00 in Japan
    private readonly DateTimeOffset _was = site.Factory.Clock.Now;

    public void Dispose() => site.Factory.Clock.Now = _was;

    [Fact]
    public async Task After_the_event_its_page_says_it_has_ended_and_offers_neither_sign_up_nor_calendar()
    {
        site.Factory.Clock.Now = AcpEnds;
        var html = await site.Client.GetStringAsync("/acp/kouenkai/");
        Assert.Contains("この催しは終了しました。", Html.Text(html));
        Assert.DoesNotContain(">申し込む</a>", html);
        Assert.DoesNotContain("カレンダーに追加", html);
        // The section's list still shows it, marked as ended.
        var acp = new HtmlParser().ParseDocument(await site.Client.GetStringAsync("/acp/"));
        Assert.Equal("終了しました", acp.QuerySelector(".events .event-item__ended")!.TextContent.Trim());

        // One minute before the end it was still shown as an event, with its calendar file.
        site.Factory.Clock.Now = AcpEnds.AddMinutes(-1);
        var during = await site.Client.GetStringAsync("/acp/kouenkai/");
        Assert.DoesNotContain("この催しは終了しました。", Html.Text(during));
        Assert.Contains("カレンダーに追加", during);
    }

    [Fact]
    public async Task Once_the_event_has_begun_its_page_says_sign_ups_are_closed()
    {
        site.Factory.Clock.Now = AcpEnds.AddMinutes(-1);
        var during = await site.Client.GetStringAsync("/acp/kouenkai/");
        Assert.Contains("申し込みの受け付けは終了しました。", Html.Text(during));
        Assert.DoesNotContain(">申し込む</a>", during);
    }

    [Fact]
    public async Task The_calendar_feed_keeps_an_ended_event_for_subscribed_calendars_marked_as_ended()
    {
        // 16:00 on 10 February 2027 in Japan: the 語ろう会 (until 15:30) is over, the 講演会 is ahead.
        site.Factory.Clock.Now = new DateTimeOffset(2027, 2, 10, 7, 0, 0, TimeSpan.Zero);
        var later = Ical.Net.Calendar.Load(await site.Client.GetStringAsync("/calendar/events.ics"))!;
        Assert.Equal(["【終了】認知症について語ろう会", "ACP講演会"], later.Events.Select(e => e.Summary));

        // Thirty days on it has left the feed.
        site.Factory.Clock.Now = new DateTimeOffset(2027, 3, 13, 7, 0, 0, TimeSpan.Zero);
        var month = Ical.Net.Calendar.Load(await site.Client.GetStringAsync("/calendar/events.ics"))!;
        Assert.Equal(["【終了】ACP講演会"], month.Events.Select(e => e.Summary));
    }

    [Fact]
    [Trait("Needs", "home")]
    public async Task The_home_page_lists_upcoming_events_soonest_first_and_drops_ended_ones()
    {
        site.Factory.Clock.Now = new DateTimeOffset(2027, 2, 10, 7, 0, 0, TimeSpan.Zero);
        var after = new HtmlParser().ParseDocument(await site.Client.GetStringAsync("/"));
        var items = after.QuerySelectorAll(".events .event-item").Select(i => Regex.Replace(i.TextContent, @"\s+", " ").Trim()).ToList();
        Assert.Equal("これからの催し", after.QuerySelector(".events h2")!.TextContent);
        var only = Assert.Single(items);
        Assert.Contains("ACP講演会", only);
        Assert.Contains("令和9年（2027年）3月6日（土） 13時30分〜15時", only);
        Assert.Contains("会場：（サンプル）市内の公共施設", only);
        Assert.StartsWith("webcal://localhost/calendar/events.ics", after.QuerySelector(".events .more-link a")!.GetAttribute("href"));
    }

    [Fact]
    public void A_page_showing_events_is_cached_no_longer_than_until_the_next_event_begins_or_ends()
    {
        // Umbraco asks while it serves the page; here the test asks as that request would.
        using var request = new SiteContent(site.Factory).AsAPageRequest();
        var durations = site.Factory.Services.GetRequiredService<Umbraco.Cms.Core.Cache.IWebsiteOutputCacheDurationProvider>();
        var cache = site.Factory.Services.GetRequiredService<Umbraco.Cms.Core.PublishedCache.IPublishedContentCache>();
        var acp = cache.GetById(SiteContent.SeedKey("/acp/"))!;
        var home = cache.GetById(SiteContent.SeedKey("/"))!;
        var council = cache.GetById(SiteContent.SeedKey("/about/council/"))!;
        var lecture = cache.GetById(SiteContent.SeedKey("/acp/kouenkai/"))!;

        // Five seconds before the 語ろう会 begins: the home page (all upcoming events) must be made again then; the
        // 人生会議 page lists only the 講演会, weeks away, and keeps the configured time, as does a page without events.
        site.Factory.Clock.Now = new DateTimeOffset(2027, 2, 10, 4, 59, 55, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(5), durations.GetDuration(home));
        Assert.Null(durations.GetDuration(acp));
        Assert.Null(durations.GetDuration(council));
        // Two seconds before the 講演会 ends, its section page and the home page go with it.
        site.Factory.Clock.Now = AcpEnds.AddSeconds(-2);
        Assert.Equal(TimeSpan.FromSeconds(2), durations.GetDuration(acp));
        Assert.Equal(TimeSpan.FromSeconds(2), durations.GetDuration(home));
        // An event page with a sign-up form shows its places left: never kept.
        Assert.Equal(TimeSpan.Zero, durations.GetDuration(lecture));
    }
}
