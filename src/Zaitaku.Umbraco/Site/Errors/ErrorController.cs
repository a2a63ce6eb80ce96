using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Zaitaku.Web.Site.Errors;

/// <summary>
/// Japanese error pages with the site's own header, menu and お問い合わせ. A public address that matches no page
/// reaches here through the status code pages (Umbraco leaves an address it cannot route to the next endpoint, and
/// nothing else answers it); a failure through the exception handler.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController(SitePages pages, ILogger<ErrorController> logger) : Controller
{
    public const string BasePath = "/error";

    [Route("error/{code:int}")]
    public IActionResult Show()
    {
        // Read from the route, not bound as a parameter: binding would also read a POSTed form, and the page runs
        // again for the same request, whose form may be what failed (it was a 500).
        var code = int.Parse((string)RouteData.Values["code"]!, System.Globalization.CultureInfo.InvariantCulture);
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        // Only a real failure (the exception handler) or a status page (re-executed) comes here; a visitor asking for
        // /error/500 is asking for a page that does not exist, and must not be able to fill the log with errors.
        if (failure is null && HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null) code = 404;
        if (code == 500 && failure is not null) logger.LogError(failure.Error, "Unhandled error on {Path}", failure.Path);
        var (status, view, title) = code switch
        {
            404 => (404, "NotFound", "ページが見つかりません"),
            400 => (400, "BadRequest", "リクエストが正しくありません"),
            405 => (405, "BadRequest", "この方法ではご利用いただけません"),
            >= 400 and < 500 => (code, "BadRequest", "ページを表示できません"),
            _ => (500, "ServerError", "ただいまページを表示できません"),
        };
        Response.StatusCode = status;
        return View($"~/Views/Errors/{view}.cshtml", Layout(title));
    }

    /// <summary>The error page must render even when the published content is what failed.</summary>
    private LayoutModel Layout(string title)
    {
        try { return pages.CreateForOther(title); }
        catch (Exception e)
        {
            logger.LogError(e, "The published content could not be read for the error page");
            return new LayoutModel
            {
                SiteName = SitePages.FallbackSiteName, Title = $"{title}｜{SitePages.FallbackSiteName}",
                Navigation = [new Link("ホーム", "/")], Breadcrumbs = [new Link("ホーム", "/"), new Link(title, "")],
            };
        }
    }
}
