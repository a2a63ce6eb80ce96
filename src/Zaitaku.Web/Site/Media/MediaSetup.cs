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
            // Pages, search and other nodes follow a change through MediaChangedNotification's handlers.
            return new MediaLibrary(sp.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<ZaitakuDbContext>>(),
                sp.GetRequiredService<MediaOptions>().Folder is { Length: > 0 } shared ? Path.GetFullPath(shared) : Path.Combine(dataFolder, "media"),
                Path.Combine(dataFolder, "media-cache"), sp.GetRequiredService<ImageDecodeGate>(),
                sp.GetRequiredService<Zaitaku.Core.Notifications.INotificationPublisher>());
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
