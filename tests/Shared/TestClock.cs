namespace Zaitaku.Testing;

/// <summary>
/// The one clock of every test project (linked into each): the test sets "now", so saved, published
/// and due times can be checked exactly. Only the time is faked; timers and delays run on real time.
/// </summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    private DateTimeOffset _now = now;

    /// <summary>Set by a test to move "today"; <see cref="Moved"/> tells the site (e.g. to forget pages cached for a while).</summary>
    public DateTimeOffset Now
    {
        get => _now;
        set
        {
            _now = value;
            Moved?.Invoke();
        }
    }

    public event Action? Moved;

    public override DateTimeOffset GetUtcNow() => Now;
}
