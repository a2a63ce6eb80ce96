using System.Text.RegularExpressions;

namespace Zaitaku.Web.Operations.Metrics;

/// <summary>
/// Counts what happened to each form sent to /forms/{key}: 303 (on to the thank-you page) is an
/// accepted submission, anything else a refusal (errors to correct, limits, a full event).
/// Nothing typed is read or recorded here.
/// </summary>
public static partial class FormSubmissionMeter
{
    [GeneratedRegex("^/forms/[0-9a-fA-F-]{36}/?$")]
    private static partial Regex FormAction();

    public static IApplicationBuilder UseFormSubmissionMeter(this IApplicationBuilder app)
    {
        var metrics = app.ApplicationServices.GetRequiredService<SiteMetrics>();
        return app.Use(async (context, next) =>
        {
            if (!HttpMethods.IsPost(context.Request.Method) || !FormAction().IsMatch(context.Request.Path.Value ?? ""))
            {
                await next(context);
                return;
            }
            await next(context);
            metrics.FormSubmitted(context.Response.StatusCode == StatusCodes.Status303SeeOther);
        });
    }
}
