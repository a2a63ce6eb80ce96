using Zaitaku.Core.Publishing;
using Zaitaku.Core.Readability;

namespace Zaitaku.Web.Site.Reading;

/// <summary>Reading aids kept at publish time: the bodies with their 用語集 links, and the text checker.</summary>
public static class ReadingAidsSetup
{
    public static IServiceCollection AddZaitakuReadingAids(this IServiceCollection services)
    {
        services.AddSingleton<PublishedBodies>();
        services.AddSingleton<PublishedBodiesWarmer>();
        services.AddSingleton<Zaitaku.Core.Notifications.INotificationHandler<Zaitaku.Core.Notifications.ContentNotification>>(sp => sp.GetRequiredService<PublishedBodiesWarmer>());
        services.AddSingleton<Zaitaku.Core.Notifications.INotificationHandler<Zaitaku.Core.Notifications.ContentDeletedNotification>>(sp => sp.GetRequiredService<PublishedBodiesWarmer>());
        services.AddSingleton<Zaitaku.Core.Notifications.INotificationHandler<Zaitaku.Core.Notifications.ContentTreeChangedNotification>>(sp => sp.GetRequiredService<PublishedBodiesWarmer>());
        services.AddSingleton<Zaitaku.Core.Notifications.INotificationHandler<Zaitaku.Core.Notifications.ChangesFoundElsewhereNotification>>(sp => sp.GetRequiredService<PublishedBodiesWarmer>());
        services.AddSingleton<SiteTextReport>();
        services.AddScoped<Zaitaku.Web.Backoffice.Readability.TextCheckGate>();
        // An image written ![](…) with no alt text still has one when the media library holds it (the
        // renderer puts it in), and an image marked there as decorative needs none.
        services.AddSingleton(sp =>
        {
            var media = sp.GetRequiredService<Zaitaku.Infrastructure.Media.MediaLibrary>();
            return new TextChecker(url => LibraryAlt(media, url));
        });
        return services;
    }

    private static string? LibraryAlt(Zaitaku.Infrastructure.Media.MediaLibrary media, string url)
    {
        var path = url.Split('?', '#')[0].Split('/');
        if (path.Length < 4 || path[1] != "media" || !Guid.TryParseExact(path[2], "N", out var key) || media.Find(key) is not { } item) return null;
        return item.Decorative ? "（飾りの画像）" : item.AltText;
    }
}
