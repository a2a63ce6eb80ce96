using Zaitaku.Core.Notifications;
using Microsoft.EntityFrameworkCore;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Reading;

namespace Zaitaku.Web.Site.Reading;

/// <summary>ふりがな, 読み上げ and search by reading: MeCab's readings with the site's reading dictionary.</summary>
public static class ReadingSetup
{
    /// <summary>Zaitaku:Reading:MecabDictionary: the IPA dictionary's folder, if not Debian's.</summary>
    public const string DictionaryKey = "Zaitaku:Reading:MecabDictionary";

    public static IServiceCollection AddZaitakuReading(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new Readings(sp.GetRequiredService<IDbContextFactory<ZaitakuDbContext>>(),
            sp.GetRequiredService<ILogger<Readings>>(), configuration[DictionaryKey] is { Length: > 0 } d ? d : null));
        services.AddSingleton<INotificationHandler<SettingChangedNotification>, ReadingDictionaryChanged>();
        // The dictionary is read by Hosting/SiteInitializer at start; a change made on another node arrives
        // through Notifications/ChangesFromOtherNodes, or DatabaseChangeCheck finds it.
        return services;
    }
}
