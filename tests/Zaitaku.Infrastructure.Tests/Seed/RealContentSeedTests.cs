using Microsoft.Extensions.Logging.Abstractions;
using UglyToad.PdfPig;
using Zaitaku.Core.Publishing;
using Zaitaku.Infrastructure.Tests.TestSupport;
using Zaitaku.Infrastructure.Seed;

namespace Zaitaku.Infrastructure.Tests.Seed;

/// <summary>The repository's content-seed/ folder, imported once into a fresh database.</summary>
public sealed class RealContentSeedFixture : IAsyncLifetime
{
    private TestDatabase? _site;

    public SeedReport Report { get; private set; } = null!;
    public PublishedSnapshot Snapshot => _site!.Cache.Current;
    public Zaitaku.Infrastructure.Media.MediaLibrary Media => _site!.Media;

    public async Task InitializeAsync()
    {
        _site = await TestDatabase.CreateAsync();
        Report = await _site.SeedImporter().ImportAsync(Repository.ContentSeedFolder);
        await _site.Media.RefreshAsync();
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
    [InlineData("わたしノート（サンプル）", "watashi-note-sample.pdf", 8)]
    [InlineData("わたしノート 概要版（サンプル）", "watashi-note-summary-sample.pdf", 2)]
    public void Each_download_picks_its_sample_pdf_from_the_media_library(string name, string fileName, int pages)
    {
        var download = seed.Snapshot.OfType("download").Single(d => d.Name == name);
        var item = seed.Media.Find(Zaitaku.Core.Media.MediaUdi.Parse(download.Value("file"))!.Value)!;

        Assert.Equal(File.ReadAllBytes(Path.Combine(Repository.ContentSeedFolder, "media", fileName)), File.ReadAllBytes(seed.Media.FilePath(item)));
        Assert.Equal(pages, item.PageCount);
        Assert.Equal(name + ".pdf", item.FileName);
        using var pdf = PdfDocument.Open(seed.Media.FilePath(item));
        Assert.All(pdf.GetPages(), page => Assert.Contains("サンプル", page.Text));
    }
}
