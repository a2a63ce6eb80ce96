using Microsoft.AspNetCore.OutputCaching;
using Serilog.Events;

namespace Zaitaku.Web.Site;

/// <summary>
/// The level of each request's log event. Errors and refusals stand out; a page the site had to
/// render is Information; a page answered straight from the output cache did no work worth a line
/// of its own and is Debug (the front server's access log has it), which keeps a busy site's log
/// about what happened rather than about how many people read it.
/// </summary>
public static class RequestLogLevels
{
    private const string RenderedKey = "Zaitaku.Rendered";

    /// <summary>
    /// Endpoint metadata for answers that are files, such as media: like a cached page, a file sent
    /// is Debug, and only what went wrong (4xx, 5xx) reaches the log.
    /// </summary>
    public sealed record FileAnswers;

    /// <summary>Called by an action that renders a page, so that its request is logged at Information.</summary>
    public static void MarkRendered(HttpContext context) => context.Items[RenderedKey] = true;

    public static LogEventLevel For(HttpContext context, double elapsedMs, Exception? error)
    {
        var status = context.Response.StatusCode;
        if (error is not null || status >= 500) return LogEventLevel.Error;
        if (status >= 400) return LogEventLevel.Warning;
        if (context.GetEndpoint()?.Metadata.GetMetadata<FileAnswers>() is not null) return LogEventLevel.Debug;
        // The output cache's own feature is gone once it has answered; the endpoint's metadata stays.
        var cacheableEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is not null;
        var servedFromCache = cacheableEndpoint && !context.Items.ContainsKey(RenderedKey);
        return servedFromCache ? LogEventLevel.Debug : LogEventLevel.Information;
    }
}
