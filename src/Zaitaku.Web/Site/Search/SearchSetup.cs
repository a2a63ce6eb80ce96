using System.Diagnostics;
using Microsoft.Extensions.Options;
using Zaitaku.Core.Publishing;
using Zaitaku.Core.Rendering;
using Zaitaku.Infrastructure.Media;
using Zaitaku.Infrastructure.Search;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Search;

public static class SearchSetup
{
    public const string RebuildCommand = "rebuild-index";

    /// <summary>Registers the index and its indexer. Call after the site initializer, which fills the published cache first.</summary>
    public static IServiceCollection AddZaitakuSearch(this IServiceCollection services)
    {
        services.AddSingleton(sp => new SearchIndex(IndexFolder(sp), sp.GetRequiredService<ILogger<SearchIndex>>()));
        services.AddSingleton(sp => new SearchDocumentBuilder(
            sp.GetRequiredService<MarkdownRenderer>(), sp.GetRequiredService<MediaLibrary>(),
            sp.GetService<Zaitaku.Infrastructure.Reading.Readings>()));
        services.AddSingleton<SynonymStore>();
        services.AddSingleton<SearchIndexer>();
        // The index is per node: each node's indexer follows the same notifications, its own and those from other nodes.
        services.AddSingleton<Zaitaku.Core.Notifications.INotificationHandler<Zaitaku.Core.Notifications.ContentNotification>>(sp => sp.GetRequiredService<SearchIndexer>());
        services.AddSingleton<Zaitaku.Core.Notifications.INotificationHandler<Zaitaku.Core.Notifications.MediaChangedNotification>>(sp => sp.GetRequiredService<SearchIndexer>());
        return services;
    }

    private static string IndexFolder(IServiceProvider sp) =>
        Path.Combine(sp.GetRequiredService<IOptions<ZaitakuOptions>>().Value.ResolvedDataFolder, "search");

    /// <summary>
    /// <c>dotnet run --project src/Zaitaku.Web -- rebuild-index</c>: prepares the database and the
    /// published cache as a start would, rebuilds the index, and exits. The running site holds the
    /// index open, so stop it first, or rebuild from the backoffice instead.
    /// </summary>
    public static async Task<int> RunRebuildCommandAsync(WebApplication app)
    {
        var services = app.Services;
        var logger = services.GetRequiredService<ILogger<SearchIndex>>();
        await ActivatorUtilities.CreateInstance<SiteInitializer>(services).StartAsync(CancellationToken.None);
        var index = services.GetRequiredService<SearchIndex>();
        try
        {
            var watch = Stopwatch.StartNew();
            index.Open();
            var count = index.Rebuild(services.GetRequiredService<SearchDocumentBuilder>().ForAll(services.GetRequiredService<IPublishedCache>().Current));
            logger.LogInformation("検索インデックスを再構築しました：{Count}件、{Elapsed} ms（{Folder}）", count, watch.ElapsedMilliseconds, index.Folder);
            return 0;
        }
        catch (Lucene.Net.Store.LockObtainFailedException)
        {
            logger.LogError("検索インデックスは動いているサイトが使用中です。サイトを止めてから実行するか、バックオフィスの「サイト内検索」から再構築してください。");
            return 1;
        }
        finally
        {
            index.Dispose();
        }
    }
}
