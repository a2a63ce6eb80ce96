using Microsoft.AspNetCore.OutputCaching;
using Serilog.Events;

namespace Zaitaku.Web.Site;

/// <summary>
/// The level of each request's log event. Errors and refusals stand out; a page the site had to render is
/// Information; a page answered straight from the output cache, a file or one of the backoffice's many small API
/// calls did no work worth a line of its own and is Debug (the front server's access log has it), which keeps a busy
/// site's log about what happened rather than about how many people read it.
/// </summary>
public static class RequestLogLevels
{
    public static LogEventLevel For(HttpContext context, double elapsedMs, Exception? error)
    {
        var status = context.Response.StatusCode;
        if (error is not null || status >= 500) return LogEventLevel.Error;
        if (status >= 400) return LogEventLevel.Warning;
        var endpoint = context.GetEndpoint();
        if (endpoint is null) return LogEventLevel.Debug; // a static file
        if (context.Request.Path.StartsWithSegments("/umbraco")) return LogEventLevel.Debug;
        // The output cache's own feature is gone once it has answered; a page it answered was not rendered.
        var cacheable = endpoint.Metadata.GetMetadata<OutputCacheAttribute>() is not null;
        return cacheable && !context.Items.ContainsKey(Rendered) ? LogEventLevel.Debug : LogEventLevel.Information;
    }

    private const string Rendered = "Zaitaku.Rendered";

    /// <summary>Called when a page is rendered (not served from the output cache), so its request is Information.</summary>
    public static void MarkRendered(HttpContext context) => context.Items[Rendered] = true;
}
