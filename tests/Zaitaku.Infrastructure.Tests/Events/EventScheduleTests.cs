using Zaitaku.Core.Content;
using Zaitaku.Core.Events;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Tests.TestSupport;

namespace Zaitaku.Infrastructure.Tests.Events;

/// <summary>When an event begins and ends, in Japan time whatever the server's clock, and how its day and time read.</summary>
public class EventScheduleTests
{
    private static readonly EventSchedule Lecture = new(new DateOnly(2027, 3, 6), new TimeOnly(13, 30), new TimeOnly(15, 0));

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2027, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void An_event_begins_and_ends_at_its_times_in_Japan()
    {
        // 13:30 and 15:00 in Japan are 04:30 and 06:00 UTC.
        Assert.Equal(Utc(3, 6, 4, 30), Lecture.StartUtc);
        Assert.Equal(Utc(3, 6, 6), Lecture.EndUtc);
        Assert.False(Lecture.HasStartedAt(Utc(3, 6, 4, 29)));
        Assert.True(Lecture.HasStartedAt(Utc(3, 6, 4, 30)));
        Assert.False(Lecture.HasEndedAt(Utc(3, 6, 5, 59)));
        Assert.True(Lecture.HasEndedAt(Utc(3, 6, 6)));
    }

    [Fact]
    public void Without_an_end_time_an_event_lasts_until_midnight_in_Japan_not_in_UTC()
    {
        var noEnd = Lecture with { End = null };
        Assert.Equal(Utc(3, 6, 15), noEnd.EndUtc); // 0:00 on 7 March in Japan
        Assert.False(noEnd.HasEndedAt(Utc(3, 6, 14, 59)));
        Assert.True(noEnd.HasEndedAt(Utc(3, 6, 15)));
        Assert.Equal("13時30分から", noEnd.TimeText);
    }

    [Fact]
    public void An_end_time_before_the_start_is_read_as_no_end_time()
    {
        var typo = Lecture with { End = new TimeOnly(3, 0) };
        Assert.Equal(Utc(3, 6, 15), typo.EndUtc);
    }

    [Fact]
    public void The_day_reads_with_its_era_year_and_weekday_and_the_time_in_Japanese()
    {
        Assert.Equal("令和9年（2027年）3月6日（土）", Lecture.DateText);
        Assert.Equal("13時30分〜15時", Lecture.TimeText);
        Assert.Equal("令和9年（2027年）2月10日（水）", new EventSchedule(new DateOnly(2027, 2, 10), new TimeOnly(14, 0), null).DateText);
    }

    [Theory]
    [InlineData("13:30", 13, 30)]
    [InlineData("9:05", 9, 5)]
    [InlineData("１３：３０", 13, 30)]
    [InlineData(" 14:00 ", 14, 0)]
    public void Times_are_read_as_editors_type_them(string typed, int hour, int minute) =>
        Assert.Equal(new TimeOnly(hour, minute), EventSchedule.ParseTime(typed));

    [Theory]
    [InlineData("")]
    [InlineData("25:00")]
    [InlineData("13時30分")]
    [InlineData(null)]
    public void Unreadable_times_are_none(string? typed) => Assert.Null(EventSchedule.ParseTime(typed));

    private static PublishedSnapshot Snapshot(params (string Segment, string Date, string Start, string? End)[] events)
    {
        var nodes = new List<PublishedNodeData>
        {
            new(1, Guid.NewGuid(), null, 0, "home", "ホーム", "home", Utc(1, 1, 0), PropertyValues.Serialize(new Dictionary<string, string>())),
            new(2, Guid.NewGuid(), 1, 0, "contentPage", "人生会議", "acp", Utc(1, 1, 0), PropertyValues.Serialize(new Dictionary<string, string> { ["body"] = "本文" })),
        };
        var id = 10;
        foreach (var (segment, date, start, end) in events)
        {
            var values = new Dictionary<string, string> { ["eventDate"] = date, ["startTime"] = start, ["venue"] = "会場", ["body"] = "本文", ["form"] = $"00000000-0000-0000-0000-0000000000{id}" };
            if (end is not null) values["endTime"] = end;
            nodes.Add(new(id++, Guid.NewGuid(), 2, 0, "event", segment, segment, Utc(1, 1, 0), PropertyValues.Serialize(values)));
        }
        return new PublishedSnapshot(nodes, Repository.Schema);
    }

    [Fact]
    public void Upcoming_events_are_soonest_first_and_leave_the_list_when_they_end()
    {
        var snapshot = Snapshot(("later", "2027-03-06", "13:30", "15:00"), ("sooner", "2027-02-10", "14:00", "15:30"), ("no-time", "2027-01-01", "", null));

        Assert.Equal(["sooner", "later"], EventFacts.Upcoming(snapshot, Utc(1, 5, 0)).Select(e => e.Page.Name));
        // 15:30 on 10 February in Japan is 06:30 UTC.
        Assert.Equal(["sooner", "later"], EventFacts.Upcoming(snapshot, Utc(2, 10, 6, 29)).Select(e => e.Page.Name));
        Assert.Equal(["later"], EventFacts.Upcoming(snapshot, Utc(2, 10, 6, 30)).Select(e => e.Page.Name));
        Assert.Empty(EventFacts.Upcoming(snapshot, Utc(3, 6, 6)));
    }

    [Fact]
    public void A_cached_list_lives_no_longer_than_the_next_start_or_end()
    {
        var snapshot = Snapshot(("sooner", "2027-02-10", "14:00", "15:30"), ("later", "2027-03-06", "13:30", "15:00"));

        Assert.Equal(Utc(2, 10, 5), EventFacts.NextChangeUtc(snapshot, Utc(1, 5, 0)));
        Assert.Equal(Utc(2, 10, 6, 30), EventFacts.NextChangeUtc(snapshot, Utc(2, 10, 5)));
        Assert.Equal(Utc(3, 6, 4, 30), EventFacts.NextChangeUtc(snapshot, Utc(2, 10, 6, 30)));
        Assert.Null(EventFacts.NextChangeUtc(snapshot, Utc(3, 6, 6)));
    }

    [Fact]
    public void A_form_leads_to_the_event_that_uses_it()
    {
        var snapshot = Snapshot(("sooner", "2027-02-10", "14:00", "15:30"), ("later", "2027-03-06", "13:30", "15:00"));
        Assert.Equal("later", EventFacts.ForForm(snapshot, Guid.Parse("00000000-0000-0000-0000-000000000011"))?.Page.Name);
        Assert.Null(EventFacts.ForForm(snapshot, Guid.NewGuid()));
    }
}
