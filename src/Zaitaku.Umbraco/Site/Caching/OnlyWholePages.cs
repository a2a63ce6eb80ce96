using Microsoft.AspNetCore.OutputCaching;

namespace Zaitaku.Web.Site.Caching;

/// <summary>
/// Only a whole page, read with GET or HEAD, is kept in the output cache. Umbraco's content policy stores whatever its
/// controller answered: a 301 from /COLUMNS/ to /columns/ would be kept under the same key as /columns/ (the cache
/// compares paths without case) and sent back for /columns/ itself, a loop; a 400 for a filter typed by hand would
/// make a cache entry of every string anyone types. A base policy runs beside every endpoint's own; it decides when
/// the answer is known, because Umbraco's policy allows storage again when the request arrives.
/// </summary>
public sealed class OnlyWholePages : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var method = context.HttpContext.Request.Method;
        if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK || !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method)))
            context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
