namespace Zaitaku.Web.Hosting;

/// <summary>
/// The time our code reads ("today" for the current column, whether an event has ended, when a form closes). It is
/// its own service, not the TimeProvider Umbraco reads: tests set the site's date here without moving the clock under
/// Umbraco's sign-in cookies and tokens, whose lifetimes must follow real time in a real browser.
/// </summary>
public sealed class SiteClock(TimeProvider time) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => time.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => time.LocalTimeZone;

    public override long GetTimestamp() => time.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        time.CreateTimer(callback, state, dueTime, period);
}
