using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Zaitaku.Web.Forms;

/// <summary>
/// Reads a form post to /forms/{key} before routing, to its end, whatever its size (<see cref="PostedForm"/>).
/// It has to come before routing: during endpoint matching Umbraco's EagerMatcherPolicy looks for its own form field
/// (ufprt) in every form post that more than one endpoint could take — every path does, Umbraco's content route
/// matches them all — and so parses the body with ASP.NET's form reader. That reader stops at 4 MB in one value
/// (FormOptions.ValueLengthLimit); Umbraco treats the failure as "no form", the request then ends in a 404, and the
/// body is gone either way. Kestrel's own limit (50 MB, Umbraco:CMS:Runtime:MaxRequestLength) would refuse larger
/// posts with an empty 413. Read here, every size gets our 413 page with what was typed.
/// </summary>
public sealed class PostedFormMiddleware(RequestDelegate next, ILogger<PostedFormMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (IsFormPost(context.Request))
        {
            // Nothing has read the body yet, so the server's limit can still be lifted for this request.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
            PostedForm posted;
            try { posted = await PostedForm.ReadAsync(context.Request, Kept, context.RequestAborted); }
            catch (Exception e) when (e is InvalidDataException or IOException or FormatException)
            {
                logger.LogInformation("A form post that is not a readable form: {Error}", e.Message);
                posted = PostedForm.Broken();
            }
            posted.AttachTo(context);
            // What ASP.NET (and Umbraco's matcher policy, and antiforgery) see as the request's form: the kept fields.
            posted.UseAsRequestForm(context);
        }
        await next(context);
    }

    /// <summary>A POST to /forms/{guid} with a form content type.</summary>
    public static bool IsFormPost(HttpRequest request)
    {
        if (!HttpMethods.IsPost(request.Method) || !request.HasFormContentType) return false;
        var path = request.Path.Value ?? "";
        return path.StartsWith("/forms/", StringComparison.OrdinalIgnoreCase)
            && Guid.TryParse(path["/forms/".Length..].TrimEnd('/'), out _);
    }

    /// <summary>The fields a form has (f_ and 32 hex digits), where it was sent from, the robot trap and the token.</summary>
    private static bool Kept(string name) =>
        name is "page" or FormGuard.HoneypotField or "__RequestVerificationToken" || (name.Length == 34 && name.StartsWith("f_", StringComparison.Ordinal));
}
