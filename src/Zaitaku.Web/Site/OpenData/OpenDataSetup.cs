namespace Zaitaku.Web.Site.OpenData;

/// <summary>Feeds, sharing metadata and open data (issue 17): the services they need.</summary>
public static class OpenDataSetup
{
    public static IServiceCollection AddZaitakuOpenData(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<OpenDataOptions>(configuration.GetSection("Zaitaku:OpenData"));
        services.AddSingleton<OpenDataCatalog>();
        services.AddSingleton<Feeds.AtomFeeds>();
        return services;
    }
}
