using Microsoft.Extensions.Logging.Abstractions;
using UglyToad.PdfPig;
using Zaitaku.Core.Publishing;
using Zaitaku.Core.Tests.TestSupport;
using Zaitaku.Infrastructure.Seed;

namespace Zaitaku.Core.Tests.Seed;

/// <summary>The repository's content-seed/ folder, imported once into a fresh database.</summary>
public sealed class RealContentSeedFixture : IAsyncLifetime
{
    private TestDatabase? _site;

    public SeedReport Report { get; private set; } = null!;
    public PublishedSnapshot Snapshot => _site!.Cache.Current;
    public string MediaFolder => _site!.Folder.Combine("media");

    public async Task InitializeAsync()
    {
        _site = await TestDatabase.CreateAsync();
        var importer = new ContentSeedImporter(_site.Db, _site.Content, _site.Schema, NullLogger<ContentSeedImporter>.Instance);
        Report = await importer.ImportAsync(Repository.ContentSeedFolder, MediaFolder);
    }

    public async Task DisposeAsync()
    {
        if (_site is not null) await _site.DisposeAsync();
    }
}

public class RealContentSeedTests(RealContentSeedFixture seed) : IClassFixture<RealContentSeedFixture>
{
    [Fact]
    public void The_whole_seed_imports_without_problems()
    {
        Assert.Empty(seed.Report.Problems.Select(p => p.ToString()));
        Assert.True(seed.Report.Imported >= 40, $"{seed.Report.Imported} nodes imported");
    }

    [Fact]
    public void Nine_columns_are_published_with_their_issue_dates()
    {
        var issueDates = seed.Snapshot.OfType("column")
            .Select(c => c.ValueAsDate("issueDate"))
            .Order()
            .Select(d => d?.ToString("yyyy-MM-dd"));

        Assert.Equal(
            ["2024-12-15", "2025-01-10", "2025-02-01", "2025-02-15", "2025-03-01", "2025-03-15", "2025-04-01", "2025-05-01", "2025-06-01"],
            issueDates);
        Assert.All(seed.Snapshot.OfType("column"), c => Assert.NotNull(c.Url));
    }

    [Fact]
    public void The_first_column_is_served_and_credits_its_association()
    {
        var column = seed.Snapshot.GetByRoute("/columns/2024-12-15/");

        Assert.NotNull(column);
        Assert.Equal("大和郡山市医師会", seed.Snapshot.Picked(column, "association")?.Name);
    }

    [Fact]
    public void The_default_contact_points_into_the_settings_tree()
    {
        var settings = Assert.Single(seed.Snapshot.OfType("siteSettings"));

        Assert.Equal("事務局（地域包括ケア推進課 地域ケア係）", seed.Snapshot.Picked(settings, "defaultContact")?.Name);
    }

    [Theory]
    [InlineData("watashi-note-sample.pdf", 8)]
    [InlineData("watashi-note-summary-sample.pdf", 2)]
    public void The_sample_pdfs_are_copied_from_content_seed_media(string fileName, int pages)
    {
        var path = Path.Combine(seed.MediaFolder, "seed", fileName);

        Assert.True(File.Exists(path), $"{path} がありません");
        Assert.Equal(File.ReadAllBytes(Path.Combine(Repository.ContentSeedFolder, "media", fileName)), File.ReadAllBytes(path));
        using var pdf = PdfDocument.Open(path);
        Assert.Equal(pages, pdf.NumberOfPages);
        Assert.All(pdf.GetPages(), page => Assert.Contains("サンプル", page.Text));
    }

    [Fact]
    public void Downloads_link_to_their_media_files()
    {
        var files = seed.Snapshot.OfType("download").Select(d => d.Value("file")).Order();

        Assert.Equal(["/media/seed/watashi-note-sample.pdf", "/media/seed/watashi-note-summary-sample.pdf"], files);
    }
}
