namespace Zaitaku.Testing;

/// <summary>
/// The one clock of every test project (linked into each): the test sets "now", so saved, published
/// and due times can be checked exactly. Only the time is faked; timers and delays run on real time.
/// </summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
