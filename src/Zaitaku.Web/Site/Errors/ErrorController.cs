using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Web.Site;

/// <summary>Japanese error pages, with the site's own header, navigation and お問い合わせ.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController(IPublishedCache cache, SitePageFactory pages, ILogger<ErrorController> logger) : Controller
{
    [Route("error/{code:int}")]
    public async Task<IActionResult> Show()
    {
        // Read from the route, not bound as a parameter: binding would also read a POSTed form, and
        // the page runs again for the same request, whose form may be what failed (it was a 500).
        var code = int.Parse((string)RouteData.Values["code"]!, System.Globalization.CultureInfo.InvariantCulture);
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        // Only a real failure (the exception handler) or a status page (re-executed) comes here; a
        // visitor asking for /error/500 is asking for a page that does not exist, and must not be able
        // to fill the log with errors or raise alarms.
        if (failure is null && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null)
            code = 404;
        if (code == 500 && failure is not null)
        {
            if (StorageFaults.Classify(failure.Error) is not StorageFault.None and var fault)
                return await StorageUnavailableAsync(fault, failure);
            logger.LogError(failure.Error, "Unhandled error on {Path}", failure.Path);
        }
        var (status, view, title) = code switch
        {
            404 => (404, "NotFound", "ページが見つかりません"),
            400 => (400, "BadRequest", "リクエストが正しくありません"),
            405 => (405, "BadRequest", "この方法ではご利用いただけません"),
            >= 400 and < 500 => (code, "BadRequest", "ページを表示できません"),
            _ => (500, "ServerError", "ただいまページを表示できません"),
        };
        Response.StatusCode = status;
        return View(view, pages.CreateForError(SnapshotOrEmpty(), title));
    }

    /// <summary>
    /// The database went away or the disk filled: a passing condition, not a bug. 503 (or 507) with
    /// Retry-After, so no cache or crawler keeps it, and whatever was typed shown back.
    /// </summary>
    private async Task<ViewResult> StorageUnavailableAsync(StorageFault fault, IExceptionHandlerPathFeature failure)
    {
        logger.LogError(failure.Error, "{Fault} on {Method} {Path}", fault, Request.Method, failure.Path);
        var (status, heading, explanation) = StorageUnavailablePage.Describe(fault);
        var (kept, hadFile) = await StorageUnavailablePage.KeptFromAsync(HttpContext,
            FieldLabels.For(HttpContext, failure.Endpoint, failure.RouteValues));
        var layout = pages.CreateForError(SnapshotOrEmpty(), heading);
        Response.StatusCode = status;
        Response.Headers.RetryAfter = "30";
        Response.Headers.CacheControl = "no-store";
        return View("StorageUnavailable", new StorageUnavailablePage
        {
            SiteName = layout.SiteName, Title = layout.Title, Navigation = layout.Navigation, Breadcrumbs = layout.Breadcrumbs,
            Contact = layout.Contact, PageFeedback = false, Heading = heading, Explanation = explanation, Kept = kept, HadFile = hadFile,
        });
    }

    /// <summary>The error page must render even when the published cache is what failed.</summary>
    private PublishedSnapshot? SnapshotOrEmpty()
    {
        try { return cache.Current; }
        catch (Exception e)
        {
            logger.LogError(e, "The published cache could not be read for the error page");
            return null;
        }
    }
}
