using Zaitaku.Infrastructure.Seed;

namespace Zaitaku.Infrastructure.Tests.Seed;

public class SeedFileTests
{
    private const string Path = "content-seed/home/about.md";

    [Fact]
    public void Front_matter_and_body_are_read_with_their_lines()
    {
        var file = SeedFile.Parse(Path, "---\ntype: column\nname: 食事と栄養\nissueDate: 2025-02-15\nsortOrder: 3\nupdated: 2025-02-15\n---\n## 本文\n");

        Assert.Equal("column", file.Type);
        Assert.Equal("食事と栄養", file.Name);
        Assert.Equal(3, file.SortOrder);
        Assert.Equal(new DateOnly(2025, 2, 15), file.Updated);
        Assert.Equal([("issueDate", "2025-02-15", 4)], file.Properties);
        Assert.Equal("## 本文", file.Body);
        Assert.Equal(8, file.BodyLine);
    }

    [Fact]
    public void Windows_line_endings_read_the_same()
    {
        var file = SeedFile.Parse(Path, "---\r\ntype: contentPage\r\nname: 事業について\r\n---\r\n本文\r\n");

        Assert.Equal("事業について", file.Name);
        Assert.Equal("本文", file.Body);
    }

    [Fact]
    public void A_file_without_front_matter_is_reported_at_line_1()
    {
        var e = Assert.Throws<SeedFormatException>(() => SeedFile.Parse(Path, "# 事業について\n\n本文\n"));

        Assert.Equal(1, e.Line);
        Assert.Contains("フロントマター", e.Message);
    }

    [Fact]
    public void Unclosed_front_matter_is_reported_at_line_1()
    {
        var e = Assert.Throws<SeedFormatException>(() => SeedFile.Parse(Path, "---\ntype: contentPage\nname: 事業について\n\n本文\n"));

        Assert.Equal(1, e.Line);
        Assert.Contains("---", e.Message);
    }

    [Fact]
    public void Invalid_yaml_is_reported_at_its_line_in_the_file()
    {
        var e = Assert.Throws<SeedFormatException>(() =>
            SeedFile.Parse(Path, "---\ntype: contentPage\nname: 事業について\nlead: 目的: 説明\n---\n本文\n"));

        Assert.Equal(4, e.Line);
        Assert.Contains("YAML", e.Message);
    }

    [Fact]
    public void A_non_date_in_updated_is_reported_at_its_line()
    {
        var e = Assert.Throws<SeedFormatException>(() =>
            SeedFile.Parse(Path, "---\ntype: contentPage\nname: 事業について\nupdated: 令和6年12月15日\n---\n本文\n"));

        Assert.Equal(4, e.Line);
        Assert.Contains("YYYY-MM-DD", e.Message);
    }

    [Fact]
    public void A_file_without_a_type_is_refused()
    {
        var e = Assert.Throws<SeedFormatException>(() => SeedFile.Parse(Path, "---\nname: 事業について\n---\n本文\n"));

        Assert.Contains("type", e.Message);
    }
}
