using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Seed;

namespace Zaitaku.Web.Hosting;

/// <summary>
/// Runs before the server takes requests: loads uSync (an invalid file stops start-up), brings the
/// database schema up to date, imports content-seed/ into an empty database, fills the published cache
/// and the media library, and reads the reading dictionary.
/// </summary>
public sealed class SiteInitializer(
    IServiceProvider services, IOptions<ZaitakuOptions> options, ILogger<SiteInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var schema = services.GetRequiredService<ContentSchema>();
        logger.LogInformation("uSync: {DocumentTypes} document types, {DataTypes} data types",
            schema.DocumentTypes.Count, schema.DataTypes.Count);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDbContext>();
        // Migrate also checks the model against its snapshot; asking first keeps an ordinary start light.
        if ((await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
            await db.Database.MigrateAsync(cancellationToken);

        var importer = scope.ServiceProvider.GetRequiredService<ContentSeedImporter>();
        if (await importer.IsNeededAsync(cancellationToken))
        {
            var o = options.Value;
            await importer.ImportAsync(o.ResolveContentSeedFolder(), cancellationToken);
        }
        await scope.ServiceProvider.GetRequiredService<Zaitaku.Infrastructure.Forms.FormSeedImporter>()
            .ImportIfEmptyAsync(options.Value.ResolveContentSeedFolder(), cancellationToken);
        await services.GetRequiredService<Zaitaku.Web.Forms.FormCatalog>().ReloadAsync(cancellationToken);
        await services.GetRequiredService<IPublishedCache>().RefreshAsync(cancellationToken);
        // The reading dictionary (ふりがな) before anything renders ruby; later changes arrive as notifications
        // (ChangesFromOtherNodes) or are found by DatabaseChangeCheck.
        await services.GetRequiredService<Zaitaku.Infrastructure.Reading.Readings>().LoadAsync(cancellationToken);
        var media = services.GetRequiredService<Zaitaku.Infrastructure.Media.MediaLibrary>();
        await media.ReloadAsync(cancellationToken);
        if (media.SweepAbandonedFiles() is > 0 and var swept)
            logger.LogWarning("Deleted {Count} temporary media files left by a process that stopped without finishing", swept);
        await scope.ServiceProvider.GetRequiredService<Zaitaku.Infrastructure.Media.MediaFolders>().EnsureAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
