using System.Globalization;

namespace Zaitaku.Core.Dates;

/// <summary>
/// Dates as the city writes them: 「令和6年（2024年）12月15日」, in Japan time.
/// Fiscal years (年度) run from April to March.
/// </summary>
public static class JapaneseDates
{
    // Japan has no daylight saving time; a fixed offset avoids depending on the host's tz database.
    private static readonly TimeSpan JapanOffset = TimeSpan.FromHours(9);
    private static readonly JapaneseCalendar Calendar = new();
    private static readonly DateTimeFormatInfo EraNames = CreateEraNames();

    private static DateTimeFormatInfo CreateEraNames()
    {
        var format = (DateTimeFormatInfo)new CultureInfo("ja-JP").DateTimeFormat.Clone();
        format.Calendar = Calendar;
        return format;
    }

    public static DateTime ToJapanTime(DateTime utc) =>
        DateTime.SpecifyKind(DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(JapanOffset), DateTimeKind.Unspecified);

    /// <summary>The UTC instant of midnight starting the given day in Japan.</summary>
    public static DateTime JapanMidnightToUtc(DateOnly day) =>
        DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue) - JapanOffset, DateTimeKind.Utc);

    public static DateOnly JapanDate(DateTime utc) => DateOnly.FromDateTime(ToJapanTime(utc));

    /// <summary>A wall-clock time in Japan (as an editor types it) as the UTC instant it stands for.</summary>
    public static DateTime JapanTimeToUtc(DateTime japanTime) =>
        DateTime.SpecifyKind(DateTime.SpecifyKind(japanTime, DateTimeKind.Unspecified) - JapanOffset, DateTimeKind.Utc);

    /// <summary>「令和6年（2024年）12月15日」</summary>
    public static string Format(DateOnly day) => $"{EraYear(day.ToDateTime(TimeOnly.MinValue))}年（{day.Year}年）{day.Month}月{day.Day}日";

    /// <summary>Formats a stored UTC instant as a Japan-time date.</summary>
    public static string FormatUtc(DateTime utc) => Format(JapanDate(utc));

    /// <summary>The fiscal year (by the calendar year it starts in) that a day belongs to.</summary>
    public static int FiscalYearOf(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    /// <summary>「令和6年度（2024年度）」. FY2019 is 令和元年度: the era is the one in force by the year's end.</summary>
    public static string FormatFiscalYear(int fiscalYear) =>
        $"{EraYear(new DateTime(fiscalYear, 12, 31))}年度（{fiscalYear}年度）";

    /// <summary>The short form used in tables and the city's documents: R6, H30.</summary>
    public static string FiscalYearShortLabel(int fiscalYear)
    {
        var date = new DateTime(fiscalYear, 12, 31);
        var era = EraNames.GetAbbreviatedEraName(Calendar.GetEra(date));
        var initial = era switch { "令" => "R", "平" => "H", "昭" => "S", _ => era };
        return $"{initial}{Calendar.GetYear(date)}";
    }

    private static string EraYear(DateTime date)
    {
        var year = Calendar.GetYear(date);
        return EraNames.GetEraName(Calendar.GetEra(date)) + (year == 1 ? "元" : year.ToString(CultureInfo.InvariantCulture));
    }
}
