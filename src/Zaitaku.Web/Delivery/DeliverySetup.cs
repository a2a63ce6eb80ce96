using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Zaitaku.Web.Site;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// The Delivery API's services and pipeline: CORS from configuration, a rate limit per client
/// address, an output cache evicted with the pages on every publish, and the OpenAPI document.
/// </summary>
public static class DeliverySetup
{
    public const string BasePath = "/umbraco/delivery";
    public const string ApiGroup = "delivery";
    /// <summary>The OpenAPI document's name, so that it is served at /umbraco/delivery/api/v2/openapi.json.</summary>
    public const string DocumentName = "openapi";
    public const string OpenApiPath = BasePath + "/api/v2/{documentName}.json";
    public const string CorsPolicy = "delivery";
    public const string RateLimitPolicy = "delivery";
    public const string CachePolicy = "delivery";

    public static IServiceCollection AddZaitakuDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Zaitaku:Delivery");
        services.Configure<DeliveryOptions>(section);
        var options = section.Get<DeliveryOptions>() ?? new DeliveryOptions();
        services.AddSingleton<DeliveryContent>();
        services.AddSingleton<DraftSnapshot>();
        services.AddScoped<PreviewKeys>();

        services.AddCors(o => o.AddPolicy(CorsPolicy, p => p
            // No origin unless configured: a browser script elsewhere gets nothing until the city allows it.
            .WithOrigins(options.AllowedOrigins)
            .WithMethods("GET", "HEAD")
            .WithHeaders("Api-Key", "Preview", "Accept-Language", "Start-Item")
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.RequestsPerAddress,
                    Window = options.RateLimitWindow,
                    QueueLimit = 0,
                }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var seconds = (int)Math.Ceiling(options.RateLimitWindow.TotalSeconds);
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)) seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteProblemAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "リクエストが多すぎます。",
                    $"同じアドレスからは{FormatWindow(options.RateLimitWindow)}に{options.RequestsPerAddress}回までです。{seconds}秒ほど待ってから、もう一度お試しください。", ct);
            };
        });

        services.AddOutputCache(o => o.AddPolicy(CachePolicy, p => p
            .Expire(options.CacheDuration)
            // Drafts are never stored nor answered from the cache.
            .With(c => !IsPreview(c.HttpContext.Request))
            // Vary by the query string exactly as sent, not by SetVaryByQuery: to make its key, the output
            // cache sorts each query key's values in place in the request's own collection (StringValues.ToArray
            // hands out the array it holds; dotnet/aspnetcore#69109), so /content/items?id=b&id=a reached the
            // action as id=a&id=b and came back in that order, and both orders shared one cache entry. With no
            // query key to vary by, the request's query is never touched, and each order is its own entry.
            .SetVaryByQuery(Array.Empty<string>())
            .VaryByValue(c => new KeyValuePair<string, string>("query", c.Request.QueryString.Value ?? ""))
            .SetVaryByHost(false)
            // The CORS answer differs by origin: an allowed origin's entry must not be replayed to another.
            .VaryByValue(c => new KeyValuePair<string, string>("origin",
                c.Request.Headers.Origin.ToString() is { Length: > 0 } origin && options.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase) ? origin : ""))
            // Evicted whenever pages are: the site's eviction empties "content" near the top of the tree
            // and "aggregate" (lists across the site) for any other change, and media changes empty "content".
            .Tag(OutputCacheTags.AllContent, OutputCacheTags.Aggregate)));

        services.AddOpenApi(DocumentName, o =>
        {
            // HEAD is the same operation without the body: the document describes GET only.
            o.ShouldInclude = description => description.GroupName == ApiGroup && description.HttpMethod != HttpMethods.Head;
            o.AddDocumentTransformer((document, context, _) =>
            {
                var site = context.ApplicationServices.GetRequiredService<PublicUrl>();
                document.Info = new Microsoft.OpenApi.OpenApiInfo
                {
                    Title = "大和郡山市 在宅医療・介護連携 Delivery API",
                    Version = "v2",
                    Description = "公開中のコンテンツを JSON で返す読み取り専用の API です（Umbraco の Delivery API v2 と同じ形）。下書きは、管理者が発行したプレビュー用 API キー（Api-Key ヘッダー）と Preview: true でだけ読めます。",
                };
                // The address comes from configuration (PublicUrl), never from the request.
                document.Servers = [new Microsoft.OpenApi.OpenApiServer { Url = site.Origin }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static bool IsPreview(HttpRequest request) =>
        string.Equals(request.Headers["Preview"].ToString(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>After routing: API answers are JSON, never the site's HTML error pages; then CORS and the rate limit.</summary>
    public static WebApplication UseZaitakuDelivery(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments(BasePath), branch => branch.Use((context, next) =>
        {
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages) statusPages.Enabled = false;
            return next(context);
        }));
        app.UseCors();
        app.UseRateLimiter();
        return app;
    }

    public static WebApplication MapZaitakuDelivery(this WebApplication app)
    {
        app.MapOpenApi(OpenApiPath)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]))
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(RateLimitPolicy)
            .CacheOutput(CachePolicy);
        // Any other address under the API: a JSON 404 that says where the API is, not the site's HTML page.
        app.MapMethods(BasePath + "/{**rest}", ["GET", "HEAD"], (HttpContext context) => NotFoundAsync(context))
            .ExcludeFromDescription()
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(RateLimitPolicy);
        // The API only reads: a write method on one of its addresses is 405 with the methods it allows
        // (RFC 9110 15.5.6), so a client learns it used the wrong method rather than a wrong address.
        app.MapMethods(BasePath + "/{**rest}", WriteMethods, (HttpContext context) =>
            {
                if (!IsApiAddress(context.Request.Path)) return NotFoundAsync(context);
                context.Response.Headers.Allow = AllowedMethods;
                return WriteProblemAsync(context, StatusCodes.Status405MethodNotAllowed, "この API は読み取り専用です。",
                    $"{context.Request.Method} は使えません。使えるのは {AllowedMethods} だけです（コンテンツの登録や変更はバックオフィスで行います）。",
                    context.RequestAborted);
            })
            .ExcludeFromDescription()
            .RequireCors(CorsPolicy)
            .RequireRateLimiting(RateLimitPolicy);
        return app;
    }

    public const string AllowedMethods = "GET, HEAD";
    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>The addresses the API answers with GET: /content and below it, and the OpenAPI document.</summary>
    public static bool IsApiAddress(PathString path) =>
        path.StartsWithSegments(BasePath + "/api/v2/content", StringComparison.OrdinalIgnoreCase)
        || path.Equals(OpenApiPath.Replace("{documentName}", DocumentName), StringComparison.OrdinalIgnoreCase);

    private static Task NotFoundAsync(HttpContext context) =>
        WriteProblemAsync(context, StatusCodes.Status404NotFound, "この API のアドレスはありません。",
            $"使えるのは {BasePath}/api/v2/content、/content/item/{{ID かパス}}、/content/items?id=… と、説明の {BasePath}/api/v2/openapi.json です。",
            context.RequestAborted);

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail, CancellationToken ct)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json; charset=utf-8";
        var problem = new ProblemDetails
        {
            Status = status, Title = title, Detail = detail,
            Type = $"https://tools.ietf.org/html/rfc{(status == 429 ? "6585#section-4" : "9110#section-" + Rfc9110Section(status))}",
        };
        return context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(problem, DeliveryJson.Options), ct);
    }

    public static string Rfc9110Section(int status) => status switch
    {
        400 => "15.5.1",
        401 => "15.5.2",
        404 => "15.5.5",
        405 => "15.5.6",
        _ => "15",
    };

    private static string FormatWindow(TimeSpan window) =>
        window.TotalMinutes >= 1 && window.TotalMinutes % 1 == 0 ? $"{window.TotalMinutes:0}分間" : $"{window.TotalSeconds:0}秒間";
}
