using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>What the site wrote to its log (Serilog reads sinks from the services), so a test can see it.</summary>
public sealed class CapturedLog : ILogEventSink
{
    private const int Capacity = 20_000;
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent)
    {
        _events.Enqueue(logEvent);
        while (_events.Count > Capacity) _events.TryDequeue(out _);
    }

    public IReadOnlyList<LogEvent> Events => _events.ToArray();
    public void Clear() => _events.Clear();
}
