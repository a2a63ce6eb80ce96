using Microsoft.AspNetCore.OutputCaching;

namespace Zaitaku.Web.Operations.Metrics;

/// <summary>
/// A base output-cache policy that changes nothing and only counts: the output cache calls
/// ServeFromCacheAsync when it answers from memory, and ServeResponseAsync when a cacheable
/// request had to be rendered. (Registered before the services exist, so it finds the metrics per request.)
/// </summary>
public sealed class OutputCacheMeter : IOutputCachePolicy
{
    private static SiteMetrics Metrics(OutputCacheContext context) => context.HttpContext.RequestServices.GetRequiredService<SiteMetrics>();

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        Metrics(context).OutputCacheHit();
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        if (context.EnableOutputCaching) Metrics(context).OutputCacheMiss();
        return ValueTask.CompletedTask;
    }
}
