using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Zaitaku.Infrastructure.Media;
using Zaitaku.Infrastructure.Seed;
using Zaitaku.Core.ContentTypes;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Publishing;

namespace Zaitaku.Infrastructure.Tests.TestSupport;

/// <summary>
/// A migrated SQLite database in a temp folder, with the real schema, a published cache over it
/// and a content service, wired as the site wires them.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(TempFolder folder, ZaitakuDbContextFactory factory, ZaitakuDbContext db, TimeProvider clock,
        IEnumerable<Zaitaku.Core.Notifications.INotificationHandler<Zaitaku.Core.Notifications.ContentNotification>> handlers)
    {
        Folder = folder;
        Factory = factory;
        Db = db;
        Cache = new DbPublishedCache(factory, Schema);
        // The site's publisher, over just the handlers a test gives.
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        foreach (var handler in handlers)
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, handler);
        var publisher = new Zaitaku.Infrastructure.Notifications.NotificationPublisher(
            Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services),
            NullLogger<Zaitaku.Infrastructure.Notifications.NotificationPublisher>.Instance);
        Content = new ContentService(db, Schema, Cache, publisher, clock);
        Media = new MediaLibrary(factory, folder.Combine("media"), folder.Combine("media-cache"));
        MediaService = new MediaService(db, new MediaFileCheck(new MediaOptions()), Media, clock);
    }

    public MediaLibrary Media { get; }
    public MediaService MediaService { get; }

    /// <summary>The seed importer as the site builds it, over this database and media library.</summary>
    public ContentSeedImporter SeedImporter() =>
        new(Db, Content, Schema, MediaService, new MediaFolders(Db, MediaService), NullLogger<ContentSeedImporter>.Instance);

    public TempFolder Folder { get; }
    public ZaitakuDbContextFactory Factory { get; }
    /// <summary>The context the content service works with.</summary>
    public ZaitakuDbContext Db { get; }
    public DbPublishedCache Cache { get; }
    public ContentService Content { get; }
    public ContentSchema Schema => Repository.Schema;

    public static async Task<TestDatabase> CreateAsync(TimeProvider? clock = null, params Zaitaku.Core.Notifications.INotificationHandler<Zaitaku.Core.Notifications.ContentNotification>[] handlers)
    {
        var folder = new TempFolder();
        var factory = new ZaitakuDbContextFactory(DatabaseProvider.Sqlite, null, folder.Path);
        var db = factory.CreateDbContext();
        await db.Database.MigrateAsync();
        return new TestDatabase(folder, factory, db, clock ?? TimeProvider.System, handlers);
    }

    /// <summary>Counts rows with a separate context, as another request would see them.</summary>
    public async Task<int> CountVersionsAsync(int nodeId)
    {
        await using var other = Factory.CreateDbContext();
        return await other.ContentVersions.CountAsync(v => v.NodeId == nodeId);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Folder.Dispose();
    }
}
