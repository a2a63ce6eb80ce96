using Zaitaku.Core.Dates;

namespace Zaitaku.Core.Tests.Dates;

public class JapaneseDatesTests
{
    [Fact]
    public void Format_writes_the_era_year_and_the_western_year_in_brackets() =>
        Assert.Equal("令和6年（2024年）12月15日", JapaneseDates.Format(new DateOnly(2024, 12, 15)));

    [Fact]
    public void Format_calls_the_first_year_of_Reiwa_gannen() =>
        Assert.Equal("令和元年（2019年）5月1日", JapaneseDates.Format(new DateOnly(2019, 5, 1)));

    [Fact]
    public void Format_keeps_Heisei_up_to_its_last_day() =>
        Assert.Equal("平成31年（2019年）4月30日", JapaneseDates.Format(new DateOnly(2019, 4, 30)));

    [Fact]
    public void FormatUtc_shows_the_date_in_Japan_time()
    {
        // 15:30 UTC on 14 December is 00:30 on 15 December in Japan.
        var utc = new DateTime(2024, 12, 14, 15, 30, 0, DateTimeKind.Utc);

        Assert.Equal("令和6年（2024年）12月15日", JapaneseDates.FormatUtc(utc));
    }

    [Fact]
    public void FormatUtc_keeps_the_same_day_before_Japan_midnight()
    {
        var utc = new DateTime(2024, 12, 14, 14, 59, 0, DateTimeKind.Utc);

        Assert.Equal("令和6年（2024年）12月14日", JapaneseDates.FormatUtc(utc));
    }

    [Theory]
    [InlineData(2025, 3, 31, 2024)]
    [InlineData(2025, 4, 1, 2025)]
    [InlineData(2024, 12, 15, 2024)]
    public void FiscalYearOf_starts_the_year_in_April(int year, int month, int day, int fiscalYear) =>
        Assert.Equal(fiscalYear, JapaneseDates.FiscalYearOf(new DateOnly(year, month, day)));

    [Theory]
    [InlineData(2024, "令和6年度（2024年度）")]
    [InlineData(2019, "令和元年度（2019年度）")]
    [InlineData(2018, "平成30年度（2018年度）")]
    public void FormatFiscalYear_names_the_era_in_force_at_the_end_of_the_year(int fiscalYear, string expected) =>
        Assert.Equal(expected, JapaneseDates.FormatFiscalYear(fiscalYear));

    [Theory]
    [InlineData(2024, "R6")]
    [InlineData(2019, "R1")]
    [InlineData(2018, "H30")]
    public void FiscalYearShortLabel_matches_the_city_documents(int fiscalYear, string expected) =>
        Assert.Equal(expected, JapaneseDates.FiscalYearShortLabel(fiscalYear));

    [Fact]
    public void JapanMidnightToUtc_is_3pm_UTC_on_the_previous_day()
    {
        var utc = JapaneseDates.JapanMidnightToUtc(new DateOnly(2024, 12, 15));

        Assert.Equal(new DateTime(2024, 12, 14, 15, 0, 0), utc);
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        // Shown to readers, it is the day it was meant to be.
        Assert.Equal("令和6年（2024年）12月15日", JapaneseDates.FormatUtc(utc));
    }
}
