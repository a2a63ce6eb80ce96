namespace Zaitaku.Core.Tests.TestSupport;

/// <summary>A clock the test sets, so saved and published times can be checked exactly.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
