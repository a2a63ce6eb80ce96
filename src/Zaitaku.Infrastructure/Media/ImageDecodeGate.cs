namespace Zaitaku.Infrastructure.Media;

/// <summary>
/// Bounds how many images are decoded at once (uploads and derivatives together), so that a burst
/// of large images waits its turn instead of taking the process's memory all at once.
/// </summary>
public sealed class ImageDecodeGate
{
    /// <summary>What one decode may cost at worst within the limits (README, Benchmarks), with room to spare.</summary>
    private const long BytesPerDecode = 256L * 1024 * 1024;

    private readonly SemaphoreSlim _slots;
    private int _running;
    private int _peak;

    /// <param name="slots">0: as many as a quarter of the memory the process may use allows, at least 1 and at most one per core.</param>
    public ImageDecodeGate(int slots = 0)
    {
        if (slots <= 0)
        {
            var available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            slots = (int)Math.Clamp(available / 4 / BytesPerDecode, 1, Environment.ProcessorCount);
        }
        Slots = slots;
        _slots = new SemaphoreSlim(slots, slots);
    }

    public int Slots { get; }

    /// <summary>The most decodes that ever ran at once.</summary>
    public int Peak => Volatile.Read(ref _peak);

    public T Run<T>(Func<T> decode)
    {
        _slots.Wait();
        try
        {
            var running = Interlocked.Increment(ref _running);
            for (var peak = Peak; running > peak && Interlocked.CompareExchange(ref _peak, running, peak) != peak; peak = Peak) { }
            return decode();
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _slots.Release();
        }
    }
}
