using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Web.Common.ApplicationBuilder;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// What every public request passes before Umbraco's own pipeline, added as Umbraco's pipeline filter so Program.cs
/// stays Umbraco's. The backoffice (/umbraco) keeps Umbraco's own error handling and headers: its client reads the
/// Management API's status codes and problem details, and its scripts need their own content security policy.
/// </summary>
public static class RequestPipeline
{
    public static UmbracoPipelineFilter Filter() => new("Zaitaku.Site")
    {
        PrePipeline = app =>
        {
            // The site's own logger writes one line per request, at a level that says what happened.
            app.UseSerilogRequestLogging(o => o.GetLevel = RequestLogLevels.For);
            app.UseWhen(IsPublic, site =>
            {
                // 1. Anything thrown further down becomes the Japanese error page, never a stack trace.
                site.UseExceptionHandler("/error/500");
                // 2. Plain HTTP goes to the public address over HTTPS (when configured); HTTPS answers carry HSTS.
                site.Use(HttpsOnly(site.ApplicationServices));
                // 3. A 404 or 400 with no body of its own gets the site's page for it.
                site.UseStatusCodePagesWithReExecute("/error/{0}");
                // 4. Every public answer carries the security headers.
                site.Use((context, next) =>
                {
                    SecurityHeaders.Add(context);
                    return next();
                });
            });
        },
        // After routing the request's endpoint is known: a write to a page is refused there.
        PostRouting = app => app.UseWhen(IsPublic, site => site.Use(PageMethods.Refuse)),
    };

    /// <summary>Everything but Umbraco's backoffice, its APIs and its login.</summary>
    private static bool IsPublic(HttpContext context) => !context.Request.Path.StartsWithSegments("/umbraco");

    /// <summary>
    /// With Umbraco's UseHttps on and an https:// public address, a plain-HTTP request is sent to the same path at the
    /// public address (never at the Host it named), and HTTPS answers carry HSTS, so a browser that has been here once
    /// never tries plain HTTP again.
    /// </summary>
    private static Func<HttpContext, RequestDelegate, Task> HttpsOnly(IServiceProvider services) => (context, next) =>
    {
        var site = services.GetRequiredService<PublicUrl>();
        var requireHttps = services.GetRequiredService<IOptionsMonitor<GlobalSettings>>().CurrentValue.UseHttps;
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
