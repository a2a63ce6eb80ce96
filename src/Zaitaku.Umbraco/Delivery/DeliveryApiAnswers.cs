using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Umbraco.Cms.Core.Models.DeliveryApi;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// Umbraco's Delivery API answers a caller's mistakes in English, some with an empty body, and a negative skip or take
/// with a 500 (Examine throws). These make every mistake a 4xx with a problem document that says in Japanese what is
/// wrong, by parameter (as our own API did), and leave every right answer as Umbraco gives it.
/// </summary>
public static class DeliveryApiAnswers
{
    public const string PathPrefix = "/umbraco/delivery/api";
    /// <summary>The most items one query answers; more are read page by page with skip.</summary>
    public const int MaxTake = 100;

    public static bool IsDeliveryController(Type controller) =>
        controller.Namespace?.StartsWith("Umbraco.Cms.Api.Delivery.Controllers", StringComparison.Ordinal) == true;

    public static ObjectResult Problem(int status, string title, string? parameter = null, string? message = null)
    {
        var problem = parameter is null
            ? new ProblemDetails { Status = status, Title = title, Detail = message }
            : new ValidationProblemDetails(new Dictionary<string, string[]> { [parameter] = [message ?? title] }) { Status = status, Title = title };
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }

    /// <summary>Umbraco's query errors (English, without the parameter) in our words, by parameter.</summary>
    private static readonly Dictionary<string, (string Parameter, string Message)> QueryErrors = new(StringComparer.Ordinal)
    {
        ["Filter option not found"] = ("filter", "filter の指定が正しくありません。contentType:column、name:認知症、association:ishikai（関係団体の ID か URL の末尾）、updateDate>2025-01-01、publishDate>2025-01-01 のように指定してください（否定は association:!ishikai）。"),
        ["Sort option not found"] = ("sort", "sort の指定が正しくありません。createDate、updateDate、publishDate、name、sortOrder、level のどれかに :asc か :desc をつけて指定してください（例：updateDate:desc）。"),
        ["Selector option not found"] = ("fetch", "fetch の指定が正しくありません。children:{ID かパス}、descendants:{ID かパス}、ancestors:{ID かパス} のどれかで指定してください。"),
    };

    /// <summary>What a value that could not be read means, for the parameters a caller types.</summary>
    private static readonly Dictionary<string, string> BindingErrors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["skip"] = "skip は0以上の整数で指定してください。",
        ["take"] = $"take は0から{MaxTake}までの整数で指定してください（多くを読むときは skip で続きを読みます）。",
        ["id"] = "id はコンテンツの ID（例：3ae04fb0-ac22-3101-af6a-6c420d01df3d）で指定してください。",
    };

    /// <summary>
    /// The ids of /content/items in the order the caller wrote them. Read from the request line as it arrived: with
    /// output caching on, the request's parsed query holds a key's values sorted.
    /// </summary>
    public static IReadOnlyList<string> AskedIds(HttpContext context)
    {
        var target = context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? "";
        var query = target.IndexOf('?') is var q and >= 0 ? target[q..] : context.Request.QueryString.Value ?? "";
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).TryGetValue("id", out var ids) ? ids.ToArray()! : [];
    }

    /// <summary>Checks skip and take before Umbraco runs the query, and rewrites its error answers afterwards.</summary>
    public sealed class Filter : IAsyncActionFilter, IAsyncAlwaysRunResultFilter
    {
        public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
        {
            if (!IsDeliveryController(context.Controller.GetType()))
            {
                await next();
                return;
            }
            if (context.ActionArguments.TryGetValue("skip", out var skip) && skip is < 0)
                context.Result = Problem(400, "指定が正しくありません。", "skip", BindingErrors["skip"]);
            else if (context.ActionArguments.TryGetValue("take", out var take) && take is int t && (t < 0 || t > MaxTake))
                context.Result = Problem(400, "指定が正しくありません。", "take", BindingErrors["take"]);
            else await next();
        }

        public async Task OnResultExecutionAsync(ResultExecutingContext context, ResultExecutionDelegate next)
        {
            if (IsDeliveryController(context.Controller.GetType()))
                context.Result = InOrderAsked(context.HttpContext.Request, Rewrite(context.Result));
            await next();
        }

        /// <summary>
        /// Items asked by id come back in the order they were asked (Umbraco gives them in the order of its cache), so
        /// an app that keeps a list of ids shows them as listed.
        /// </summary>
        private static IActionResult InOrderAsked(HttpRequest request, IActionResult result)
        {
            if (result is not OkObjectResult { Value: IEnumerable<IApiContentResponse> items } ok || AskedIds(request.HttpContext) is not { Count: > 1 } ids) return result;
            var asked = ids.Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).ToList();
            ok.Value = items.OrderBy(i => asked.IndexOf(i.Id) is var n && n >= 0 ? n : int.MaxValue).ToArray();
            return ok;
        }

        private static IActionResult Rewrite(IActionResult result) => result switch
        {
            ObjectResult { Value: ValidationProblemDetails invalid } when invalid.Errors.Count > 0 && invalid.Title != "指定が正しくありません。" =>
                new ObjectResult(new ValidationProblemDetails(invalid.Errors.ToDictionary(
                    e => e.Key, e => new[] { BindingErrors.GetValueOrDefault(e.Key, $"{e.Key} の値が読めません。") })) { Status = 400, Title = "指定が正しくありません。" })
                { StatusCode = 400, ContentTypes = { "application/problem+json" } },
            ObjectResult { Value: ProblemDetails { Title: { } title } } when QueryErrors.TryGetValue(title, out var known) =>
                Problem(400, "指定が正しくありません。", known.Parameter, known.Message),
            NotFoundResult or NotFoundObjectResult { Value: null } => Problem(404, "コンテンツが見つかりません。", message: "その ID かパスの公開中のコンテンツはありません。"),
            _ => result,
        };
    }

    /// <summary>
    /// Before routing: a write to the API is a 405 that names the methods it has (Umbraco gives a 404, or for an item
    /// by path answers a PUT as a GET), HEAD answers as GET, and an address it does not have is a 404 problem document
    /// rather than an empty answer.
    /// </summary>
    public static async Task Middleware(HttpContext context, Func<Task> next)
    {
        if (!context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase))
        {
            await next();
            return;
        }
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method))
        {
            context.Response.Headers.Allow = "GET, HEAD";
            await Write(context, 405, "この API は読み取り専用です。",
                $"{context.Request.Method} は使えません。コンテンツは GET（または HEAD）で読んでください。");
            return;
        }
        // HEAD, which the 405 names, answers as GET does (Umbraco maps only some of its addresses for HEAD); the
        // server still leaves out the body of a HEAD answer.
        var head = HttpMethods.IsHead(context.Request.Method);
        if (head) context.Request.Method = HttpMethods.Get;
        try { await next(); }
        finally { if (head) context.Request.Method = HttpMethods.Head; }
        if (context.Response.StatusCode == 404 && !context.Response.HasStarted && string.IsNullOrEmpty(context.Response.ContentType))
            await Write(context, 404, "このアドレスはありません。", "コンテンツは /umbraco/delivery/api/v2/content で読めます。");
    }

    private static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { status, title, detail }, JsonOptions));
    }

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };
}
