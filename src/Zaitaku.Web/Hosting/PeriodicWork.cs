namespace Zaitaku.Web.Hosting;

/// <summary>
/// A background job run every <see cref="Interval"/> (and at start, unless it says otherwise). A
/// failed round is logged and tried again at the next tick; it never stops the site.
/// </summary>
public abstract class PeriodicWork(ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }
    protected virtual bool RunAtStart => true;
    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        if (RunAtStart) await TryRunAsync(stoppingToken);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await TryRunAsync(stoppingToken);
    }

    private async Task TryRunAsync(CancellationToken ct)
    {
        try { await RunOnceAsync(ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Work} failed; trying again in {Interval}", GetType().Name, Interval);
        }
    }
}
