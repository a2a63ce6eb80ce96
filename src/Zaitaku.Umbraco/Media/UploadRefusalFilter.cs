using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Umbraco.Cms.Api.Management.Controllers;
using Umbraco.Cms.Api.Management.Controllers.TemporaryFile;

namespace Zaitaku.Web.Media;

/// <summary>
/// Gives the editor our reason, in Japanese, with a 400, where the Management API would answer with its own words:
/// a temporary file refused by <see cref="UploadSecurityAnalyzer"/> (Umbraco: 404 "The temporary file was blocked by a
/// validator") and a media item whose save <see cref="MediaUploadCheck"/> cancelled (Umbraco: 400 "Cancelled by
/// notification", our message only in the Umb-Notifications header). A file name with invisible characters is refused
/// before the temporary file is written.
/// </summary>
public sealed class UploadRefusalFilter : IAsyncActionFilter
{
    public const string Title = "このファイルは登録できません";

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (context.Controller is not ManagementApiControllerBase)
        {
            await next();
            return;
        }
        if (context.Controller is CreateTemporaryFileController && context.HttpContext.Request.HasFormContentType)
        {
            var form = await context.HttpContext.Request.ReadFormAsync(context.HttpContext.RequestAborted);
            if (form.Files.FirstOrDefault(f => MediaNames.Problem(f.FileName) is not null) is { } file)
            {
                context.Result = Refusal(MediaNames.Problem(file.FileName)!);
                return;
            }
        }
        var executed = await next();
        if (context.HttpContext.Items[UploadSecurityAnalyzer.RefusalItem] is string message
            && executed.Result is IStatusCodeActionResult { StatusCode: >= 400 })
            executed.Result = Refusal(message);
    }

    // The reason is the title: for a temporary file the backoffice shows only the title (under its own headline
    // 「サーバー エラーが発生しました」), for a media save the title as headline and the detail below it.
    private static ObjectResult Refusal(string message) => new(new ProblemDetails
    {
        Title = message,
        Detail = Title,
        Status = StatusCodes.Status400BadRequest,
        Type = "Error",
        Extensions = { ["operationStatus"] = "UploadBlocked" },
    })
    { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
}
