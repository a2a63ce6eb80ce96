using Microsoft.EntityFrameworkCore;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Media;
using Zaitaku.Web.Hosting;

namespace Zaitaku.Web.Site.Media;

/// <summary>
/// At start and every hour, moves stored files that no media item names (what a crash between an
/// upload's file and its row leaves) out of the library; see <see cref="OrphanedMediaFiles"/> for the
/// rules that keep it from touching a file another node is still finishing. Not only at start: the
/// file a crash leaves is minutes old when the site comes back, too young to be taken then.
/// </summary>
public sealed class OrphanedMediaSweep(IDbContextFactory<ZaitakuDbContext> dbFactory, MediaLibrary library, ClusterLock clusterLock,
    ILogger<OrphanedMediaSweep> logger) : PeriodicWork(logger)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    // One node at a time on a shared media folder, so two nodes never move the same file.
    protected override Task RunOnceAsync(CancellationToken ct) => clusterLock.RunAloneAsync("media-orphans", c => RunAsync(c), ct);

    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mediaFolder = Path.GetDirectoryName(library.ItemsFolder)!;
        var moved = await OrphanedMediaFiles.QuarantineAsync(db, mediaFolder, ct);
        if (moved.Count > 0)
            logger.LogWarning("Moved {Count} media files that no media item names to {Folder}: {Files}",
                moved.Count, Path.Combine(mediaFolder, OrphanedMediaFiles.QuarantineFolderName), string.Join(", ", moved));
        return moved.Count;
    }
}
