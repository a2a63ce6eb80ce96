using Microsoft.Extensions.Logging.Abstractions;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Tests.TestSupport;
using Zaitaku.Infrastructure.Seed;

namespace Zaitaku.Infrastructure.Tests.Seed;

/// <summary>A small seed folder with one bad file added per test: the bad file is reported, the rest is published.</summary>
public class ContentSeedImporterTests
{
    private static readonly Dictionary<string, string> GoodSeed = new()
    {
        ["home/_index.md"] = "---\ntype: home\nname: 大和郡山市 在宅医療・介護連携\n---\nようこそ\n",
        ["home/about.md"] = "---\ntype: contentPage\nname: 事業について\nsortOrder: 3\n---\n事業の目的\n",
        ["home/associations/_index.md"] = "---\ntype: associationList\nname: 関係団体\nsortOrder: 2\n---\n",
        ["home/associations/ishikai.md"] = "---\ntype: association\nname: 大和郡山市医師会\nshortName: 医師会\ncategory: 医療\n---\n",
        ["home/columns/_index.md"] = "---\ntype: columnList\nname: 広報つながり 認知症予防コラム\nsortOrder: 1\n---\n",
        ["home/columns/2024-12-15.md"] = Column("2024-12-15", "/associations/ishikai"),
    };

    private static string Column(string issueDate, string association) =>
        $"---\ntype: column\nname: コラム\nissueDate: {issueDate}\ntheme: 認知症は早期発見・早期対応が大切です\nassociation: {association}\n---\n本文\n";

    private static readonly string[] GoodUrls = ["/", "/about/", "/columns/", "/columns/2024-12-15/", "/associations/ishikai/"];

    [Fact]
    public async Task A_good_seed_is_imported_and_published_without_problems()
    {
        var (report, snapshot) = await ImportWithAsync(null, null);

        Assert.Empty(report.Problems);
        Assert.Equal(GoodSeed.Count, report.Imported);
        Assert.All(GoodUrls, url => Assert.NotNull(snapshot.GetByRoute(url)));
        var column = snapshot.GetByRoute("/columns/2024-12-15/")!;
        Assert.Equal("大和郡山市医師会", snapshot.Picked(column, "association")?.Name);
        Assert.Equal(["columns", "associations", "about"], snapshot.Site!.Children.Select(c => c.UrlSegment));
    }

    [Fact]
    public async Task A_file_without_front_matter_is_reported_and_left_out()
    {
        var (report, snapshot) = await ImportWithAsync("home/no-front-matter.md", "# 見出し\n\n本文\n");

        AssertOneProblem(report, "content-seed/home/no-front-matter.md", 1);
        AssertRestPublished(snapshot);
        Assert.Null(snapshot.GetByRoute("/no-front-matter/"));
    }

    [Fact]
    public async Task Unclosed_front_matter_is_reported_and_left_out()
    {
        var (report, snapshot) = await ImportWithAsync("home/unclosed.md", "---\ntype: contentPage\nname: 閉じていない\n\n本文\n");

        AssertOneProblem(report, "content-seed/home/unclosed.md", 1);
        AssertRestPublished(snapshot);
        Assert.Null(snapshot.GetByRoute("/unclosed/"));
    }

    [Fact]
    public async Task Invalid_yaml_is_reported_at_its_line()
    {
        var (report, snapshot) = await ImportWithAsync("home/bad-yaml.md",
            "---\ntype: contentPage\nname: 壊れた YAML\nlead: 目的: 説明\n---\n本文\n");

        AssertOneProblem(report, "content-seed/home/bad-yaml.md", 4);
        AssertRestPublished(snapshot);
        Assert.Null(snapshot.GetByRoute("/bad-yaml/"));
    }

    [Fact]
    public async Task A_non_date_in_a_date_property_is_reported_at_its_line_and_not_published()
    {
        var (report, snapshot) = await ImportWithAsync("home/columns/2025-01-10.md", Column("1月10日", "/associations/ishikai"));

        var problem = AssertOneProblem(report, "content-seed/home/columns/2025-01-10.md", 4);
        Assert.Contains("issueDate", problem.Message);
        AssertRestPublished(snapshot);
        Assert.Null(snapshot.GetByRoute("/columns/2025-01-10/"));
        Assert.Equal(GoodSeed.Count + 1, report.Imported); // kept as a draft for an editor to correct
    }

    [Fact]
    public async Task An_unknown_property_is_reported_at_its_line_and_not_published()
    {
        var (report, snapshot) = await ImportWithAsync("home/unknown-property.md",
            "---\ntype: contentPage\nname: 色\ncolour: red\n---\n本文\n");

        var problem = AssertOneProblem(report, "content-seed/home/unknown-property.md", 4);
        Assert.Contains("colour", problem.Message);
        AssertRestPublished(snapshot);
        Assert.Null(snapshot.GetByRoute("/unknown-property/"));
    }

    [Fact]
    public async Task A_content_picker_pointing_nowhere_is_reported_at_its_line_and_not_published()
    {
        var (report, snapshot) = await ImportWithAsync("home/columns/2025-01-10.md", Column("2025-01-10", "/associations/nowhere"));

        var problem = AssertOneProblem(report, "content-seed/home/columns/2025-01-10.md", 6);
        Assert.Contains("/associations/nowhere", problem.Message);
        AssertRestPublished(snapshot);
        Assert.Null(snapshot.GetByRoute("/columns/2025-01-10/"));
    }

    [Fact]
    public async Task A_missing_mandatory_property_is_reported_and_not_published()
    {
        var (report, snapshot) = await ImportWithAsync("home/columns/2025-01-10.md",
            "---\ntype: column\nname: コラム\nissueDate: 2025-01-10\nassociation: /associations/ishikai\n---\n本文\n");

        var problem = AssertOneProblem(report, "content-seed/home/columns/2025-01-10.md", 2);
        Assert.Contains("theme", problem.Message);
        AssertRestPublished(snapshot);
        Assert.Null(snapshot.GetByRoute("/columns/2025-01-10/"));
    }

    [Fact]
    public async Task An_empty_mandatory_property_is_reported_at_its_line_and_not_published()
    {
        var (report, snapshot) = await ImportWithAsync("home/columns/2025-01-10.md",
            "---\ntype: column\nname: コラム\nissueDate: 2025-01-10\ntheme:\nassociation: /associations/ishikai\n---\n本文\n");

        var problem = AssertOneProblem(report, "content-seed/home/columns/2025-01-10.md", 5);
        Assert.Contains("テーマ", problem.Message);
        Assert.Contains("空です", problem.Message);
        AssertRestPublished(snapshot);
        Assert.Null(snapshot.GetByRoute("/columns/2025-01-10/"));
    }

    private static readonly Dictionary<string, string> WatashiNoteWithSampleDownload = new()
    {
        ["home/watashi-note/_index.md"] = "---\ntype: watashiNotePage\nname: わたしノート\n---\n本文\n",
        ["home/watashi-note/full.md"] =
            "---\ntype: download\nname: わたしノート（サンプル）\nedition: 本編\nfile: watashi-note-sample.pdf\nrevisionDate: 2024-03-31\nisSample: true\n---\n",
    };

    [Fact]
    public async Task A_download_file_goes_into_the_media_library_under_the_pages_japanese_name()
    {
        var sample = File.ReadAllBytes(Path.Combine(Repository.ContentSeedFolder, "media", "watashi-note-sample.pdf"));
        await using var site = await TestDatabase.CreateAsync();
        var (report, snapshot) = await ImportWithFilesAsync(site, WatashiNoteWithSampleDownload, ("watashi-note-sample.pdf", sample));

        Assert.Empty(report.Problems);
        var download = Assert.Single(snapshot.OfType("download"));
        var key = Zaitaku.Core.Media.MediaUdi.Parse(download.Value("file"));
        Assert.NotNull(key);
        var item = site.Media.Find(key.Value)!;
        Assert.Equal("わたしノート（サンプル）.pdf", item.FileName);
        Assert.Equal(8, item.PageCount);
        Assert.Equal(sample, File.ReadAllBytes(site.Media.FilePath(item)));
        Assert.True(site.Media.TopFolder(item)!.Shared);
    }

    [Fact]
    public async Task A_broken_download_file_is_refused_by_the_upload_checks_and_reported_at_its_line()
    {
        await using var site = await TestDatabase.CreateAsync();
        var (report, snapshot) = await ImportWithFilesAsync(site, WatashiNoteWithSampleDownload, ("watashi-note-sample.pdf", "%PDF-1.4 sample"u8.ToArray()));

        var problem = AssertOneProblem(report, "content-seed/home/watashi-note/full.md", 5);
        Assert.Contains("PDF ファイルが壊れている", problem.Message);
        Assert.Empty(snapshot.OfType("download"));
        Assert.DoesNotContain(site.Media.All, m => m.Kind != Zaitaku.Core.Media.MediaKind.Folder);
    }

    [Fact]
    public async Task A_missing_download_file_is_reported_at_its_line_even_for_a_sample()
    {
        await using var site = await TestDatabase.CreateAsync();
        var (report, snapshot) = await ImportWithFilesAsync(site, WatashiNoteWithSampleDownload);

        var problem = AssertOneProblem(report, "content-seed/home/watashi-note/full.md", 5);
        Assert.Contains("content-seed/media", problem.Message);
        Assert.Empty(snapshot.OfType("download"));
        Assert.DoesNotContain(site.Media.All, m => m.Kind != Zaitaku.Core.Media.MediaKind.Folder); // no stand-in file is made
    }

    [Fact]
    public async Task The_tools_folder_holds_sources_and_is_not_a_root()
    {
        var (report, snapshot) = await ImportWithAsync("tools/watashi-note-sample/full.html", "<!DOCTYPE html><title>サンプル</title>");

        Assert.Empty(report.Problems);
        Assert.Equal(GoodSeed.Count, report.Imported);
        AssertRestPublished(snapshot);
    }

    private static SeedProblem AssertOneProblem(SeedReport report, string file, int line)
    {
        var problem = Assert.Single(report.Problems);
        Assert.Equal(file, problem.File);
        Assert.Equal(line, problem.Line);
        return problem;
    }

    private static void AssertRestPublished(PublishedSnapshot snapshot) =>
        Assert.All(GoodUrls, url => Assert.NotNull(snapshot.GetByRoute(url)));

    /// <summary>Writes the good seed plus the given files and content-seed/media files, and imports it into the given database.</summary>
    private static async Task<(SeedReport Report, PublishedSnapshot Snapshot)> ImportWithFilesAsync(TestDatabase site,
        Dictionary<string, string> files, params (string Name, byte[] Bytes)[] media)
    {
        foreach (var (path, text) in GoodSeed.Concat(files)) site.Folder.Write("content-seed/" + path, text);
        foreach (var (name, bytes) in media)
        {
            Directory.CreateDirectory(site.Folder.Combine("content-seed", "media"));
            File.WriteAllBytes(site.Folder.Combine("content-seed", "media", name), bytes);
        }
        var report = await site.SeedImporter().ImportAsync(site.Folder.Combine("content-seed"));
        await site.Media.RefreshAsync();
        return (report, site.Cache.Current);
    }

    /// <summary>Writes the good seed plus one extra file (if any), imports it into a fresh database, and returns the report and the published snapshot.</summary>
    private static async Task<(SeedReport Report, PublishedSnapshot Snapshot)> ImportWithAsync(string? extraFile, string? extraText)
    {
        await using var site = await TestDatabase.CreateAsync();
        foreach (var (path, text) in GoodSeed) site.Folder.Write("content-seed/" + path, text);
        if (extraFile is not null) site.Folder.Write("content-seed/" + extraFile, extraText!);

        var report = await site.SeedImporter().ImportAsync(site.Folder.Combine("content-seed"));
        return (report, site.Cache.Current);
    }
}
