using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Umbraco.Cms.Api.Common.OpenApi;
using Umbraco.Cms.Api.Delivery.Controllers.Content;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// Umbraco's own OpenAPI document of the Delivery API (/umbraco/openapi/delivery.json), with what a developer of this
/// site needs besides: the public address as its server, and our query additions (association, publishDate) where the
/// filter and sort parameters are described.
/// </summary>
public static class DeliveryOpenApi
{
    public const string DocumentName = "delivery";

    public const string FilterNote =
        " このサイトでは、contentType:column、name:認知症、updateDate>2025-01-01 に加えて、association:ishikai（関係団体の ID か URL の末尾。" +
        "その団体を執筆団体などに選んだコンテンツ。association:!ishikai はそれ以外）と publishDate>2025-01-01（最後に公開した日時）も使えます。";

    public const string SortNote = " このサイトでは publishDate:desc（最後に公開した日時の新しい順）も使えます。";

    /// <summary>Where Umbraco's options do not serve the documents (production), serves the Delivery API's alone.</summary>
    public static void MapInProduction(IEndpointRouteBuilder endpoints)
    {
        var umbraco = endpoints.ServiceProvider.GetRequiredService<IOptions<UmbracoOpenApiOptions>>().Value;
        if (umbraco.Enabled || string.IsNullOrEmpty(umbraco.RouteTemplate)) return;
        endpoints.MapOpenApi(umbraco.RouteTemplate.Replace("{documentName}", "{documentName:regex(^" + DocumentName + "$)}", StringComparison.Ordinal));
    }

    public static void Configure(OpenApiOptions options, PublicUrl site)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Servers = [new OpenApiServer { Url = site.Origin }];
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor is ControllerActionDescriptor { ControllerTypeInfo: var type } && type == typeof(QueryContentApiController))
            {
                foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
                {
                    if (parameter.Name == "filter") parameter.Description += FilterNote;
                    if (parameter.Name == "sort") parameter.Description += SortNote;
                }
            }
            return Task.CompletedTask;
        });
    }
}
