using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Umbraco.Cms.Api.Management.Controllers;
using Umbraco.Cms.Core.DistributedLocking.Exceptions;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// A save that waited too long for another save (Umbraco's write lock, 5 seconds by default; on SQLite one writer at a
/// time for the whole database) is bad timing, not a fault: the editor gets 503 with a Japanese "try again" and a
/// Retry-After, and the backoffice keeps what she typed (Umbraco would answer 500). Seen with three large photos
/// saved at once while each waited for the other's image check.
/// </summary>
public sealed class BusyDatabaseFilter(ILogger<BusyDatabaseFilter> logger) : IExceptionFilter
{
    public const string Title = "ほかの保存が終わるのを待ちきれませんでした";
    public const string Detail = "入力した内容はそのままです。少し待ってから、もう一度保存してください。";

    public void OnException(ExceptionContext context)
    {
        if (context.ActionDescriptor is not ControllerActionDescriptor action
            || !typeof(ManagementApiControllerBase).IsAssignableFrom(action.ControllerTypeInfo)
            || !IsBusy(context.Exception)) return;
        logger.LogWarning(context.Exception, "A backoffice save waited too long for the database: answered 503");
        context.HttpContext.Response.Headers.RetryAfter = "5";
        context.Result = new ObjectResult(new ProblemDetails
        {
            Title = Title,
            Detail = Detail,
            Status = StatusCodes.Status503ServiceUnavailable,
            Type = "Error",
            Extensions = { ["operationStatus"] = "DatabaseBusy" },
        })
        { StatusCode = StatusCodes.Status503ServiceUnavailable, ContentTypes = { "application/problem+json" } };
        context.ExceptionHandled = true;
    }

    /// <summary>Umbraco's lock timeout, or SQLite's "database is locked"/"busy" reaching us through Umbraco's retries.</summary>
    private static bool IsBusy(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DistributedLockingTimeoutException) return true;
            if (e is SqliteException { SqliteErrorCode: 5 or 6 }) return true;
        }
        return false;
    }
}
