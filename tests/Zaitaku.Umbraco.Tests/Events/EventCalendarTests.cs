using System.Diagnostics;
using System.Text.Json;
using Zaitaku.Core.Events;
using Zaitaku.Web.Hosting;
using Zaitaku.Web.Site.Events;
using EventFacts = Zaitaku.Web.Site.Events.EventFacts;

namespace Zaitaku.Web.Tests.Events;

/// <summary>
/// 「カレンダーに追加」: the .ics the site makes, read back by Ical.Net and by an independent parser (Python's icalendar,
/// Debian's python3-icalendar), as a phone's calendar app would read it. The Umbraco site's version of the old site's
/// EventCalendarTests: the same assertions, on an event made directly as <see cref="EventFacts"/> (the old test built
/// it through the old engine's published snapshot).
/// </summary>
public sealed class EventCalendarTests
{
    private static readonly PublicUrl Site = new(new Uri("https://zaitaku.example.jp"));
    private static readonly Guid LectureKey = Guid.Parse("5f1d0c6e-0000-4000-8000-000000000001");
    private static readonly DateTime Before = new(2027, 1, 5, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime After = new(2027, 3, 6, 6, 0, 0, DateTimeKind.Utc); // 15:00 in Japan, its end

    private static EventFacts Lecture() => new(
        LectureKey, "ACP講演会", "/acp/kouenkai/", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
        "人生会議について知っていただく講演会です。",
        new EventSchedule(new DateOnly(2027, 3, 6), new TimeOnly(13, 30), new TimeOnly(15, 0)),
        "（サンプル）市内の公共施設", "大和郡山市○○町1-1", IsSample: true, FormKey: null);

    [Fact]
    public void Ical_Net_reads_back_the_event_at_its_time_in_Japan_with_the_zone_defined()
    {
        var ics = EventCalendar.Serialize([Lecture()], Site, Before, "ACP講演会");
        var calendar = Ical.Net.Calendar.Load(ics)!;

        var vevent = Assert.Single(calendar.Events);
        Assert.Equal("Asia/Tokyo", Assert.Single(calendar.TimeZones).TzId);
        Assert.Equal("Asia/Tokyo", vevent.DtStart!.TzId);
        Assert.Equal((13, 30), (vevent.DtStart.Hour, vevent.DtStart.Minute));
        Assert.Equal(new DateTime(2027, 3, 6, 4, 30, 0, DateTimeKind.Utc), vevent.DtStart.AsUtc);
        Assert.Equal(new DateTime(2027, 3, 6, 6, 0, 0, DateTimeKind.Utc), vevent.DtEnd!.AsUtc);
        Assert.Equal("ACP講演会", vevent.Summary);
        Assert.Equal("（サンプル）市内の公共施設（大和郡山市○○町1-1）", vevent.Location);
        Assert.Equal($"{LectureKey:D}@zaitaku.example.jp", vevent.Uid);
        Assert.Equal("https://zaitaku.example.jp/acp/kouenkai/", vevent.Url!.ToString());
        Assert.Contains("（サンプル）", vevent.Description);
        Assert.Equal("CONFIRMED", vevent.Status);
    }

    [Fact]
    public void After_its_end_the_event_keeps_its_identity_and_says_it_has_ended()
    {
        var before = Ical.Net.Calendar.Load(EventCalendar.Serialize([Lecture()], Site, Before, "x"))!.Events.Single();
        var after = Ical.Net.Calendar.Load(EventCalendar.Serialize([Lecture()], Site, After, "x"))!.Events.Single();

        Assert.Equal(before.Uid, after.Uid); // a subscribed calendar updates the same entry
        Assert.Equal("【終了】ACP講演会", after.Summary);
        Assert.StartsWith("この催しは終了しました。", after.Description);
        Assert.Equal("CONFIRMED", after.Status); // it did take place: not CANCELLED
        Assert.Equal(before.DtStart!.AsUtc, after.DtStart!.AsUtc);
    }

    /// <summary>Python's icalendar parses the file (errors collected per component) and reports what it read.</summary>
    internal static JsonElement ParseWithPython(string ics)
    {
        const string python = "/usr/bin/python3";
        Assert.True(File.Exists(python), "Debian の python3 がありません。テストは bash tests/run.sh で実行してください。");
        var file = Path.Combine(Path.GetTempPath(), $"zaitaku-{Guid.NewGuid():N}.ics");
        File.WriteAllText(file, ics);
        try
        {
            const string script = """
                import json, sys
                try:
                    import icalendar
                except ImportError:
                    print(json.dumps({"missing": True})); sys.exit(0)
                cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
                errors = [e for c in cal.walk() for e in getattr(c, 'errors', [])]
                events = []
                for e in cal.walk('VEVENT'):
                    start = e.decoded('DTSTART'); end = e.decoded('DTEND')
                    events.append({"uid": str(e.get('UID')), "summary": str(e.get('SUMMARY')), "tzid": e['DTSTART'].params.get('TZID'),
                                   "start": start.isoformat(), "end": end.isoformat(), "offset": start.utcoffset().total_seconds(),
                                   "dtstamp": 'DTSTAMP' in e, "location": str(e.get('LOCATION'))})
                print(json.dumps({"version": str(cal.get('VERSION')), "prodid": 'PRODID' in cal, "errors": [str(x) for x in errors],
                                  "timezones": [str(t.get('TZID')) for t in cal.walk('VTIMEZONE')], "events": events}, ensure_ascii=False))
                """;
            var start = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = System.Text.Encoding.UTF8 };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(file);
            start.Environment["PYTHONIOENCODING"] = "utf-8";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "icalendar could not read the file: " + error);
            var result = JsonDocument.Parse(output).RootElement;
            Assert.False(result.TryGetProperty("missing", out _), "python3-icalendar がありません。bash tests/run.sh が apt で入れます。");
            return result;
        }
        finally { File.Delete(file); }
    }

    [Fact]
    public void An_independent_parser_reads_the_same_event_in_the_Japan_zone()
    {
        var read = ParseWithPython(EventCalendar.Serialize([Lecture()], Site, Before, "ACP講演会"));

        Assert.Equal("2.0", read.GetProperty("version").GetString());
        Assert.True(read.GetProperty("prodid").GetBoolean());
        Assert.Empty(read.GetProperty("errors").EnumerateArray());
        Assert.Equal(["Asia/Tokyo"], read.GetProperty("timezones").EnumerateArray().Select(t => t.GetString()));
        var ev = Assert.Single(read.GetProperty("events").EnumerateArray());
        Assert.Equal("Asia/Tokyo", ev.GetProperty("tzid").GetString());
        Assert.Equal("2027-03-06T13:30:00+09:00", ev.GetProperty("start").GetString());
        Assert.Equal("2027-03-06T15:00:00+09:00", ev.GetProperty("end").GetString());
        Assert.Equal(9 * 3600, ev.GetProperty("offset").GetDouble());
        Assert.True(ev.GetProperty("dtstamp").GetBoolean());
        Assert.Equal("ACP講演会", ev.GetProperty("summary").GetString());
        Assert.Equal("（サンプル）市内の公共施設（大和郡山市○○町1-1）", ev.GetProperty("location").GetString());
    }
}
