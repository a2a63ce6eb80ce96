using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Core.Media;
using Zaitaku.Infrastructure.Media;
using Zaitaku.Web.Site.Media;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Resilience;

/// <summary>
/// A process that dies after an upload's file is in media/items but before its row is saved leaves a
/// file no item names. The sweep moves such files out of the library, and only those: a file must be
/// named as uploads are, have no row, and be older than ten minutes (another node sharing the media
/// folder may be between the two steps of its own upload right now).
/// </summary>
public sealed class OrphanedMediaTests
{
    private static string Place(string items, string key, string name, TimeSpan age)
    {
        var path = Path.Combine(items, key, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, MediaSamples.Jpeg(40, 30));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public async Task Only_old_upload_shaped_files_that_no_item_names_are_moved_out_of_the_library()
    {
        using var factory = new SiteFactory();
        _ = factory.Services; // starts the site: the seed's documents are stored
        var library = factory.Services.GetRequiredService<MediaLibrary>();
        var items = library.ItemsFolder;
        var stored = await factory.WithDatabaseAsync(db => db.MediaItems.AsNoTracking().Where(m => m.Kind != MediaKind.Folder).ToListAsync());
        Assert.NotEmpty(stored);
        var kept = stored.Select(library.FilePath).ToList();
        Assert.All(kept, f => Assert.True(File.Exists(f), $"{f} is missing before the sweep"));
        foreach (var file in kept) File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddDays(-30));

        var anHour = TimeSpan.FromHours(1);
        var crashedUpload = Place(items, Guid.NewGuid().ToString("N"), "1.jpg", anHour);
        var crashedReplacement = Place(items, stored[0].Key.ToString("N"), $"{stored[0].Revision + 1}.jpg", anHour);
        var anotherNodesUpload = Place(items, Guid.NewGuid().ToString("N"), "1.jpg", TimeSpan.FromMinutes(1));
        var notAnUpload = Place(items, Guid.NewGuid().ToString("N"), "memo.txt", anHour);
        // An upload makes its key's folder a moment before it moves the file in: a fresh empty folder
        // is another node's upload in progress, an old one a crash's leftover.
        var uploadInProgress = Directory.CreateDirectory(Path.Combine(items, Guid.NewGuid().ToString("N"))).FullName;
        var leftEmpty = Directory.CreateDirectory(Path.Combine(items, Guid.NewGuid().ToString("N"))).FullName;
        Directory.SetLastWriteTimeUtc(leftEmpty, DateTime.UtcNow - anHour);

        var sweep = factory.Services.GetRequiredService<OrphanedMediaSweep>();
        // The sweep that ran at start may be going still; either of them moves each file once.
        await sweep.RunAsync();

        Assert.False(File.Exists(crashedUpload));
        Assert.False(File.Exists(crashedReplacement));
        var quarantine = Path.Combine(Path.GetDirectoryName(items)!, OrphanedMediaFiles.QuarantineFolderName);
        Assert.Equal(2, Directory.GetFiles(quarantine, "*", SearchOption.AllDirectories).Length);
        Assert.True(File.Exists(anotherNodesUpload), "A file another node may still be recording was moved");
        Assert.True(File.Exists(notAnUpload), "A file not named as uploads are was moved");
        Assert.True(Directory.Exists(uploadInProgress), "The fresh folder of an upload in progress was removed");
        Assert.False(Directory.Exists(leftEmpty), "An empty folder an hour old stayed");
        Assert.All(kept, f => Assert.True(File.Exists(f), $"{f}, named by its item, was moved"));
        Assert.Equal(0, await sweep.RunAsync());
    }
}
