using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Zaitaku.Web.Operations.Backup;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Operations;

/// <summary>The scheduled backup: once a day after its hour, by one instance only, keeping the newest few.</summary>
public sealed class DailyBackupTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "zaitaku-tests", "daily-" + Guid.NewGuid().ToString("N"));
    private readonly SiteFactory _site;

    public DailyBackupTests()
    {
        // The host's own daily backup is left disabled: the test drives two instances of the job itself,
        // as two web servers' 5-minute timers would, with the test clock (10:00 Japan time at start; the
        // backup is due after 23:00). Stopping the host's job instead (as before) made the host treat the
        // cancelled job as failed and stop itself, so the next call found the services disposed.
        _site = new SiteFactory();
        _site.CreateClient();
    }

    private DailyBackup Instance() => ActivatorUtilities.CreateInstance<DailyBackup>(_site.Services,
        Options.Create(new BackupOptions { Enabled = true, Folder = _folder, At = new TimeOnly(23, 0), Keep = 2 }));

    [Fact]
    public async Task One_archive_a_day_after_its_hour_made_by_one_instance_and_only_the_newest_are_kept()
    {
        var scheduled = Instance();
        var other = Instance(); // a second instance on the same database (another web server)

        Assert.Null(await scheduled.RunIfDueAsync()); // 10:00: not yet
        _site.Clock.Now = new DateTimeOffset(2026, 11, 24, 23, 30, 0, TimeSpan.FromHours(9));
        var first = await scheduled.RunIfDueAsync();
        Assert.NotNull(first);
        Assert.Equal("zaitaku-20261124-233000.zip", Path.GetFileName(first));
        Assert.Null(await other.RunIfDueAsync());     // the day is taken
        Assert.Null(await scheduled.RunIfDueAsync()); // and done once
        (await SiteBackup.VerifyAsync(first)).Files.Single(f => f.Path == SiteBackup.SqliteEntry);

        for (var day = 25; day <= 27; day++)
        {
            _site.Clock.Now = new DateTimeOffset(2026, 11, day, 23, 5, 0, TimeSpan.FromHours(9));
            // Whichever instance looks first makes the day's archive; the other finds it done.
            var made = day % 2 == 0 ? await other.RunIfDueAsync() : await scheduled.RunIfDueAsync();
            Assert.NotNull(made);
            Assert.Null(day % 2 == 0 ? await scheduled.RunIfDueAsync() : await other.RunIfDueAsync());
        }
        Assert.Equal(["zaitaku-20261126-230500.zip", "zaitaku-20261127-230500.zip"],
            Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
    }

    public void Dispose()
    {
        _site.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
