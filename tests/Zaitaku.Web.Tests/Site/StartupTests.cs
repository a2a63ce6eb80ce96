using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>What the city's IT staff see: where data goes, what stops start-up, what a bad seed file does.</summary>
public sealed class StartupTests
{
    private static string RepositoryFolder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Zaitaku.Web.sln"))) return Path.Combine(dir.FullName, name);
        throw new DirectoryNotFoundException("Zaitaku.Web.sln not found above the test folder");
    }

    private static string CopyFolder(string source)
    {
        var target = Path.Combine(Path.GetTempPath(), "zaitaku-tests", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    [Fact]
    public void The_site_ships_with_the_workstation_gc_which_keeps_its_memory_small()
    {
        // The server GC keeps a heap per core: about 30 MB more RSS at idle (README, Benchmarks).
        var config = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Zaitaku.Web.runtimeconfig.json")));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.GC.Server").GetBoolean());
        Assert.False(properties.GetProperty("System.Globalization.Invariant").GetBoolean()); // Japanese dates need ICU
    }

    [Fact]
    public async Task The_database_logs_and_media_live_in_the_configured_data_folder()
    {
        using var factory = new SiteFactory();
        var client = factory.CreatePlainClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode); // from the output cache
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/no-such-page/")).StatusCode);

        Assert.True(File.Exists(Path.Combine(factory.DataFolder, "zaitaku.db")));
        Assert.Contains(Directory.GetFiles(Path.Combine(factory.DataFolder, "media", "items"), "*.pdf", SearchOption.AllDirectories),
            f => new FileInfo(f).Length > 0); // the seeded わたしノート files, stored by key
        // The file sink is buffered and flushes every second.
        var logs = Path.Combine(factory.DataFolder, "logs");
        var text = "";
        for (var i = 0; i < 50 && !text.Contains("HTTP GET /no-such-page/"); i++)
        {
            await Task.Delay(100);
            if (!Directory.Exists(logs)) continue;
            foreach (var log in Directory.EnumerateFiles(logs, "zaitaku-*.log"))
            {
                using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                text = await new StreamReader(stream).ReadToEndAsync();
            }
        }
        Assert.Contains("content-seed: 65 nodes imported, 0 problems", text);
        // The rendered page is logged; the same page answered from the output cache is Debug, below the file's level.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(text, "\\[INF\\].*HTTP GET / responded 200"));
        Assert.Contains("[WRN] Serilog.AspNetCore.RequestLoggingMiddleware", text);
        Assert.Contains("HTTP GET /no-such-page/ responded 404", text);
    }

    [Fact]
    public async Task The_seed_is_imported_once_and_a_restart_keeps_the_content()
    {
        using var first = new SiteFactory();
        await first.CreatePlainClient().GetStringAsync("/");
        var folder = first.DataFolder;

        using var second = SiteFactory.OnDataFolder(folder);
        var html = await second.CreatePlainClient().GetStringAsync("/columns/");
        Assert.Contains("全9件", Html.Text(html));
    }

    [Fact]
    public async Task An_invalid_usync_file_stops_start_up_with_a_message_naming_the_file()
    {
        var uSync = CopyFolder(RepositoryFolder("uSync/v17"));
        var column = Path.Combine(uSync, "ContentTypes", "column.config");
        File.WriteAllText(column, File.ReadAllText(column).Replace("<Type>Umbraco.DateTime</Type>", "<Type>Umbraco.NoSuchEditor</Type>"));
        var dataFolder = Path.Combine(Path.GetTempPath(), "zaitaku-tests", Guid.NewGuid().ToString("N"));

        // Start the site as IT staff would, as its own process, and read what it says.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Zaitaku.Web.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            Environment = { ["Zaitaku__USyncFolder"] = uSync, ["Zaitaku__DataFolder"] = dataFolder, ["ASPNETCORE_ENVIRONMENT"] = "Production", ["Zaitaku__Site__PublicUrl"] = "https://zaitaku.example.jp" },
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var said = await output + await errors;
        Assert.Equal(1, process.ExitCode);
        Assert.Contains("uSync の定義に誤りがあるため起動できません", said);
        Assert.Contains("column.config", said);
        Assert.Contains("Umbraco.NoSuchEditor", said);
    }

    [Fact]
    public async Task A_seed_file_with_bad_front_matter_is_left_out_and_the_rest_is_imported()
    {
        var seed = CopyFolder(RepositoryFolder("content-seed"));
        File.WriteAllText(Path.Combine(seed, "home", "columns", "2025-02-01.md"), "---\ntype: column\nname: [unclosed\n---\n本文");

        using var factory = new SiteFactory().WithSetting("Zaitaku:ContentSeedFolder", seed);
        var client = factory.CreatePlainClient();

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/columns/2025-02-01/")).StatusCode);
        Assert.Contains("全8件", Html.Text(await client.GetStringAsync("/columns/")));
        Assert.Contains("口の健康と認知症", await client.GetStringAsync("/columns/2025-03-15/"));
    }
}
