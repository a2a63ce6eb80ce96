using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Media;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Security;
using Umbraco.Cms.Web.Common.ApplicationBuilder;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Media;

/// <summary>
/// Umbraco's media library with our checks and delivery: the upload checks where Umbraco takes a file in (the
/// temporary file analyzer and the media saving handler), bounded image decoding, SkiaSharp derivatives behind
/// Umbraco's image URL generation, and PDFs served inline only when they passed, with download counts.
/// Settings: <c>Zaitaku:Media</c> (<see cref="MediaOptions"/>: size and pixel limits, stored size, decodes at once).
/// </summary>
public sealed class MediaComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        var services = builder.Services;
        services.Configure<MediaOptions>(builder.Config.GetSection("Zaitaku:Media"));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MediaOptions>>().Value);
        // One gate for uploads and derivatives alike: how many images are decoded at once, whatever asks.
        services.AddSingleton(sp => new ImageDecodeGate(sp.GetRequiredService<MediaOptions>().ConcurrentImageDecodes));
        services.AddSingleton(sp => new MediaFileCheck(sp.GetRequiredService<MediaOptions>(), sp.GetRequiredService<ImageDecodeGate>()));
        services.AddSingleton<UploadCheck>();

        // Where Umbraco takes a file in.
        services.AddSingleton<IFileStreamSecurityAnalyzer, UploadSecurityAnalyzer>();
        services.Configure<MvcOptions>(o => o.Filters.Add<UploadRefusalFilter>());
        builder.AddNotificationHandler<MediaSavingNotification, MediaUploadCheck>();

        // Derivatives through Umbraco's image URL generation (GetCropUrl), made by SkiaSharp.
        services.AddSingleton<ImageSigning>();
        services.AddSingleton<ImageDerivatives>();
        services.AddUnique<IImageUrlGenerator, SkiaImageUrlGenerator>();

        // PDFs and download counts.
        services.AddSingleton<DownloadCounter>();
        services.AddHostedService(sp => sp.GetRequiredService<DownloadCounter>());
        builder.AddNotificationAsyncHandler<UmbracoApplicationStartingNotification, DownloadCountsOnStart>();

        // Before Umbraco's static files serve /media (where Umbraco's ImageSharp middleware would sit).
        services.Configure<UmbracoPipelineOptions>(o => o.AddFilter(new UmbracoPipelineFilter("Zaitaku.Media",
            prePipeline: app => app.UseMiddleware<MediaDeliveryMiddleware>())));
    }
}
