using Microsoft.Extensions.Options;
using Serilog;
using Zaitaku.Web.Backoffice;
using Zaitaku.Web.Cluster;
using Zaitaku.Web.Delivery;
using Zaitaku.Web.Operations;
using Zaitaku.Web.Site;
using Zaitaku.Web.Site.Media;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// Every request passes these steps, in this order. A step that answers (an error page, a redirect to
/// HTTPS, an image from memory, a static file) ends the request there; the rest never run for it.
/// </summary>
public static class RequestPipeline
{
    public static WebApplication UseZaitakuPipeline(this WebApplication app)
    {
        // 0. Behind nginx: the client's address and scheme, believed from the configured proxies only.
        app.UseZaitakuForwardedHeaders();
        // 1. Anything thrown further down becomes the Japanese error page, never a stack trace.
        app.UseExceptionHandler("/error/500");
        // 2. Plain HTTP goes to the public address over HTTPS (when configured), HTTPS answers carry HSTS.
        app.Use(HttpsOnly(app.Services.GetRequiredService<PublicUrl>(),
            app.Services.GetRequiredService<IOptions<BackofficeOptions>>().Value.RequireHttps));
        // 3. Image derivatives already in memory are the hottest path: answered before logging and routing.
        app.UseZaitakuMediaFromMemory();
        // 4. A 404 or 400 with no body of its own gets the site's page for it.
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        // 5. Every answer from here on carries the security headers.
        app.Use((context, next) =>
        {
            SecurityHeaders.Add(context);
            return next();
        });
        // 6. The site's own logger (not the static bootstrap one) writes the request log.
        app.UseSerilogRequestLogging(o =>
        {
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.GetLevel = RequestLogLevels.For;
        });
        // 7. Files from wwwroot. Media addresses are never files in wwwroot: asking the file system anyway
        //    cost a stat per image request, about a tenth of serving a cached derivative (README, Benchmarks).
        app.UseWhen(c => !c.Request.Path.StartsWithSegments(MediaSetup.BasePath), branch => branch.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "public, max-age=604800",
        }));
        app.UseRouting();
        // 8. /umbraco only: HTTPS required, never cached, then authentication and authorization.
        //    Public pages never read or set a cookie.
        app.UseZaitakuBackoffice();
        //    Form-submission metering, and the signed-in user's name on each log line (the log viewer's filter).
        app.UseZaitakuOperations();
        //    The Delivery API's CORS and rate limit, before the output cache can answer.
        app.UseZaitakuDelivery();
        // 9. Public pages from the output cache (evicted by tag when content changes).
        app.UseOutputCache();
        // 10. The endpoints: media files, health, every controller (site, forms, backoffice), the Delivery API.
        app.MapZaitakuMedia();
        app.MapZaitakuOperations();
        app.MapControllers();
        app.MapZaitakuDelivery();
        return app;
    }

    /// <summary>
    /// With RequireHttps on and an https:// public address, a plain-HTTP request is sent to the same
    /// path at the public address (never at the Host it named), and HTTPS answers carry HSTS, so a
    /// browser that has been here once never tries plain HTTP again.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> HttpsOnly(PublicUrl site, bool requireHttps) => (context, next) =>
    {
        if (!requireHttps || !site.IsHttps) return next(context);
        if (context.Request.IsHttps)
        {
            context.Response.Headers.StrictTransportSecurity = "max-age=31536000";
            return next(context);
        }
        var request = context.Request;
        context.Response.StatusCode = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? StatusCodes.Status301MovedPermanently : StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = site.Absolute((request.PathBase + request.Path).ToUriComponent() + request.QueryString.ToUriComponent());
        return Task.CompletedTask;
    };
}
