using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.DeliveryApi;
using Umbraco.Cms.Web.Common.ApplicationBuilder;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Delivery;

/// <summary>
/// Umbraco's Delivery API (/umbraco/delivery/api/v2/content), enabled and public for published content in
/// appsettings, with what our own API offered: <c>filter=association:</c> (<see cref="AssociationFilter"/>),
/// <c>sort=publishDate:</c> and <c>filter=publishDate</c> (<see cref="PublishDateIndexer"/>), Markdown bodies as HTML
/// (<see cref="MarkdownAsHtmlValueConverter"/>), no editorial properties (<see cref="ReadersOnlyProperties"/>),
/// mistakes answered in Japanese (<see cref="DeliveryApiAnswers"/>), and its OpenAPI document saying so
/// (<see cref="DeliveryOpenApi"/>). The filter, sort and index handlers are found by Umbraco's type scanning, as its
/// own are.
/// </summary>
public sealed class DeliveryComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        // AddDeliveryApi() has registered Umbraco's strategy (per request, by API version); ours wraps whichever it picks.
        if (builder.Services.LastOrDefault(d => d.ServiceType == typeof(IOutputExpansionStrategy)) is { ImplementationFactory: { } factory } umbraco)
        {
            builder.Services.Remove(umbraco);
            builder.Services.Add(new ServiceDescriptor(typeof(IOutputExpansionStrategy),
                sp => new ReadersOnlyProperties((IOutputExpansionStrategy)factory(sp)), umbraco.Lifetime));
        }

        builder.Services.Configure<MvcOptions>(o => o.Filters.Add<DeliveryApiAnswers.Filter>());
        builder.Services.AddSingleton<Umbraco.Cms.Api.Delivery.Caching.IDeliveryApiOutputCacheVaryByProvider, IdsInOrderVaryBy>();
        builder.Services.Configure<UmbracoPipelineOptions>(o => o.AddFilter(new UmbracoPipelineFilter("Zaitaku.Delivery")
        {
            PrePipeline = app => app.Use(DeliveryApiAnswers.Middleware),
        }));
        builder.Services.AddOptions<OpenApiOptions>(DeliveryOpenApi.DocumentName)
            .Configure<PublicUrl>(DeliveryOpenApi.Configure);
        // Umbraco serves its OpenAPI documents outside production only; the Delivery API's is for the public (the API
        // is public), so production serves that one document, and no other, at the same address.
        builder.Services.Configure<UmbracoPipelineOptions>(o => o.AddFilter(new UmbracoPipelineFilter("Zaitaku.Delivery.OpenApi")
        {
            PreMapEndpoints = DeliveryOpenApi.MapInProduction,
        }));
    }
}
