using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Controllers;
using Umbraco.Cms.Web.Common.Controllers;

namespace Zaitaku.Web.Site;

/// <summary>
/// Pages are read, never written to: a POST, PUT or DELETE that Umbraco would route to a page (or to its not-found
/// handling) is answered 405 with the Japanese page for it, as the previous engine did. Umbraco would otherwise render
/// the page for a POST (its content route takes every method). Form posts are not pages: our forms' own endpoint and
/// Umbraco's surface-controller posts (ufprt) route elsewhere and pass.
/// </summary>
public static class PageMethods
{
    public static Task Refuse(HttpContext context, RequestDelegate next)
    {
        var method = context.Request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method)) return next(context);
        var action = context.GetEndpoint()?.Metadata.GetMetadata<ControllerActionDescriptor>();
        var page = action is null
            || typeof(RenderController).IsAssignableFrom(action.ControllerTypeInfo)
            || action.ControllerTypeInfo.Name == "RenderNoContentController";
        if (!page || context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
            return next(context);
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET, HEAD";
        return Task.CompletedTask;
    }
}
