using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
        // The test clock starts at 10:00 Japan time; the backup is due after 23:00, so nothing runs at start.
        _site = new SiteFactory()
            .WithSetting("Zaitaku:Backup:Enabled", "true")
            .WithSetting("Zaitaku:Backup:Folder", _folder)
            .WithSetting("Zaitaku:Backup:At", "23:00")
            .WithSetting("Zaitaku:Backup:Keep", "2");
        _site.CreateClient();
    }

    [Fact]
    public async Task One_archive_a_day_after_its_hour_made_by_one_instance_and_only_the_newest_are_kept()
    {
        var scheduled = _site.Services.GetServices<IHostedService>().OfType<DailyBackup>().Single();
        // The host's own loop is stopped first: since .NET 10 a BackgroundService's ExecuteAsync runs on
        // the thread pool, so its round at start could read the clock after this test moved it to 23:30
        // (a loaded run) and take the day the test expects its own call to take. From here the test alone
        // drives the job, as the 5-minute timer would.
        await scheduled.StopAsync(CancellationToken.None);
        // A second instance on the same database (another web server).
        var other = ActivatorUtilities.CreateInstance<DailyBackup>(_site.Services);

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
