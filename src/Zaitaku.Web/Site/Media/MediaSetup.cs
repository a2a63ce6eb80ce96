using Microsoft.Extensions.Options;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Site.Media;

/// <summary>The media library's services and its public addresses (/media/{key}/{revision}/{file name}).</summary>
public static class MediaSetup
{
    public const string BasePath = "/media";

    public static IServiceCollection AddZaitakuMedia(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MediaOptions>(configuration.GetSection("Zaitaku:Media"));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<MediaOptions>>().Value);
        services.AddSingleton(sp => new ImageDecodeGate(sp.GetRequiredService<MediaOptions>().ConcurrentImageDecodes));
        services.AddSingleton<MediaFileCheck>();
        services.AddSingleton(sp =>
        {
            var dataFolder = sp.GetRequiredService<IOptions<ZaitakuOptions>>().Value.ResolvedDataFolder;
            var library = new MediaLibrary(sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ZaitakuDbContext>>(),
                Path.Combine(dataFolder, "media"), Path.Combine(dataFolder, "media-cache"), sp.GetRequiredService<ImageDecodeGate>());
            // A page lists a file's size and address: a replaced or deleted file must not linger in cached pages.
            var outputCache = sp.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>();
            var logger = sp.GetRequiredService<ILogger<MediaLibrary>>();
            library.Changed = async ct =>
            {
                try
                {
                    await outputCache.EvictByTagAsync(OutputCacheTags.AllContent, ct);
                    // A replaced PDF brings new text to search, and a deleted one takes its download out of it.
                    if (sp.GetService<Search.SearchIndexer>() is { } indexer)
                    {
                        foreach (var download in sp.GetRequiredService<Zaitaku.Core.Publishing.IPublishedCache>().Current.OfType("download"))
                            await indexer.HandleAsync(new Zaitaku.Core.Publishing.ContentChange(download.Id, [], download.Level), ct);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The editor's change is saved; pages catch up when their cache entries expire.
                    logger.LogError(e, "Pages and search could not be told about a media change");
                }
            };
            return library;
        });
        services.AddScoped<MediaService>();
        services.AddScoped<MediaFolders>();
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<MediaOptions>();
            return new HotMediaFiles(o.MemoryCacheBytes, o.MemoryCacheMaxFileBytes);
        });
        services.AddSingleton<PlainPdfs>();
        return services;
    }

    /// <summary>Images already in memory are answered here, early; see MediaDelivery.TryServeFromMemoryAsync.</summary>
    public static IApplicationBuilder UseZaitakuMediaFromMemory(this IApplicationBuilder app)
    {
        var library = app.ApplicationServices.GetRequiredService<MediaLibrary>();
        var hot = app.ApplicationServices.GetRequiredService<HotMediaFiles>();
        return app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(BasePath) && await MediaDelivery.TryServeFromMemoryAsync(context, library, hot)) return;
            await next();
        });
    }

    public static IEndpointRouteBuilder MapZaitakuMedia(this IEndpointRouteBuilder endpoints)
    {
        // Short-circuited: what runs after routing (the backoffice branch, the output cache) has
        // nothing to do for a media file, whose address already makes it cacheable for a year.
        endpoints.MapMethods(BasePath + "/{key}/{revision:int}/{name}", [HttpMethods.Get, HttpMethods.Head], MediaDelivery.ServeAsync)
            .WithMetadata(new RequestLogLevels.FileAnswers())
            .ShortCircuit();
        return endpoints;
    }
}
