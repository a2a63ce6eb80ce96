using System.Text.Json;
using Umbraco.Cms.Core;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>
/// What LINE, social sites and search engines read: OGP and Twitter card tags, the canonical address (from PublicUrl,
/// not the request), and JSON-LD checked against schema.org's vocabulary. The Umbraco site's version of the old site's
/// SharingMetadataTests: the same assertions on the shared site, whose configured address (http://localhost) is not
/// the one the requests name (127.0.0.1 and its port); the hostile title is a column of the test's own.
/// </summary>
public sealed class SharingMetadataTests(SharedSite site) : IClassFixture<SharedSite>
{
    private const string PublicAddress = SiteFactory.TestPublicUrl;

    private readonly HttpClient _client = new() { BaseAddress = new Uri(site.Factory.BaseUrl) };

    public static TheoryData<string> Pages => new()
    {
        "/", "/columns/", "/columns/2024-12-15/", "/soudan/", "/soudan/chiiki-houkatsu/", "/soudan/zaitaku-shien-center/",
        "/associations/ishikai/", "/about/participation/", "/about/indicators/", "/watashi-note/", "/opendata/", "/sitemap/",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_has_sharing_tags_a_canonical_address_and_valid_schema_org_breadcrumbs(string url)
    {
        var head = PageHead.Parse(await _client.GetStringAsync(url));

        // The request named localhost; every address is the configured public one.
        Assert.Equal(PublicAddress + url, head.Canonical);
        Assert.Equal(PublicAddress + url, head.Meta["og:url"]);
        Assert.False(string.IsNullOrWhiteSpace(head.Meta["og:title"]));
        Assert.False(string.IsNullOrWhiteSpace(head.Meta["og:description"]));
        Assert.Equal("ja_JP", head.Meta["og:locale"]);
        Assert.StartsWith(PublicAddress + "/", head.Meta["og:image"]);
        Assert.Equal("summary_large_image", head.Meta["twitter:card"]);
        Assert.Equal(head.Meta["og:image"], head.Meta["twitter:image"]);

        var schemaOrg = head.JsonLd.Where(j => j.GetProperty("@context").ValueKind == JsonValueKind.String).ToList();
        Assert.NotEmpty(schemaOrg);
        foreach (var json in schemaOrg)
            Assert.True(SchemaOrgVocabulary.Instance.Check(json) is var problems && problems.Count == 0, $"{url}: {string.Join("; ", problems)}");

        var crumbs = head.OfType("BreadcrumbList")!.Value.GetProperty("itemListElement").EnumerateArray().ToList();
        Assert.Equal(PublicAddress + url, crumbs[^1].GetProperty("item").GetString());
        Assert.Equal(Enumerable.Range(1, crumbs.Count), crumbs.Select(c => c.GetProperty("position").GetInt32()));
    }

    [Fact]
    public async Task A_column_is_an_article_by_its_association()
    {
        var head = PageHead.Parse(await _client.GetStringAsync("/columns/2024-12-15/"));

        Assert.Equal("article", head.Meta["og:type"]);
        Assert.Equal("認知症は早期発見・早期対応が大切です", head.Meta["og:title"]);
        var article = head.OfType("Article")!.Value;
        Assert.Equal("認知症は早期発見・早期対応が大切です", article.GetProperty("headline").GetString());
        Assert.Equal("2024-12-15", article.GetProperty("datePublished").GetString());
        Assert.Equal("大和郡山市医師会", article.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(PublicAddress + "/associations/ishikai/", article.GetProperty("author").GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_consultation_window_is_a_government_organization_without_its_sample_phone_number()
    {
        var html = await _client.GetStringAsync("/soudan/chiiki-houkatsu/");
        var head = PageHead.Parse(html);

        var organization = head.OfType("GovernmentOrganization")!.Value;
        Assert.Equal("地域包括支援センター", organization.GetProperty("name").GetString());
        var point = organization.GetProperty("contactPoint");
        Assert.Equal("ContactPoint", point.GetProperty("@type").GetString());
        Assert.Equal("地域包括支援センター", point.GetProperty("contactType").GetString());
        // The page shows 「（サンプル）000-000-0000」 marked as a sample; a search engine must not offer it as a number to call.
        Assert.False(point.TryGetProperty("telephone", out _));
        Assert.DoesNotContain("000-000-0000", string.Join("", head.JsonLd.Select(j => j.GetRawText())));
    }

    [Fact]
    public async Task The_default_share_image_is_a_1200_by_630_png()
    {
        var head = PageHead.Parse(await _client.GetStringAsync("/acp/"));
        Assert.Equal(PublicAddress + "/images/og-default.png", head.Meta["og:image"]);
        Assert.Equal("1200", head.Meta["og:image:width"]);
        Assert.Equal("630", head.Meta["og:image:height"]);
        Assert.False(string.IsNullOrWhiteSpace(head.Meta["og:image:alt"]));

        var png = await _client.GetByteArrayAsync("/images/og-default.png");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal(1200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(630, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

}

/// <summary>A hostile title in a column of the test's own (alone on the shared site: other tests count the columns).</summary>
[Collection(AloneOnTheSite.Name)]
public sealed class SharingMetadataOwnContentTests(SharedSite site)
{
    private readonly HttpClient _client = new() { BaseAddress = new Uri(site.Factory.BaseUrl) };

    [Fact]
    public async Task A_title_cannot_break_out_of_the_json_ld_block()
    {
        var content = new SiteContent(site.Factory);
        var column = content.Create("/columns/", "column", "</script><script>alert(1)</script>予防", new Dictionary<string, object?>
        {
            ["issueDate"] = new DateTime(2031, 1, 1), ["theme"] = "テスト", ["body"] = "本文です。",
            ["association"] = Udi.Create(Constants.UdiEntityType.Document, SiteContent.SeedKey("/associations/ishikai/")).ToString(),
            ["umbracoUrlName"] = "2031-01-01-script",
        }, publish: true);
        try
        {
            var html = await _client.GetStringAsync("/columns/2031-01-01-script/");
            Assert.DoesNotContain("<script>alert(1)", html);
            var article = PageHead.Parse(html).OfType("Article")!.Value;
            Assert.Equal("</script><script>alert(1)</script>予防", article.GetProperty("headline").GetString());
        }
        finally
        {
            content.Delete(column.Key);
        }
    }
}
