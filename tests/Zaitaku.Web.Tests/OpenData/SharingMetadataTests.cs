using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>
/// What LINE, social sites and search engines read: OGP and Twitter card tags, the canonical
/// address (from PublicUrl, not the request), and JSON-LD checked against schema.org's vocabulary.
/// </summary>
public sealed class SharingMetadataTests(SharingMetadataTests.PublicAddressSite site) : IClassFixture<SharingMetadataTests.PublicAddressSite>
{
    private const string PublicAddress = "https://zaitaku.example.jp";

    /// <summary>One seeded site for the class, configured with a public address the requests do not name.</summary>
    public sealed class PublicAddressSite : IDisposable
    {
        public SiteFactory Factory { get; } = new SiteFactory().WithSetting("Zaitaku:Site:PublicUrl", PublicAddress)
            // The test client speaks plain HTTP; with HTTPS required the site would redirect it to PublicAddress.
            .WithSetting("Zaitaku:Backoffice:RequireHttps", "false");
        public HttpClient Client { get; }
        public PublicAddressSite() => Client = Factory.CreatePlainClient();
        public void Dispose() => Factory.Dispose();
    }

    private readonly HttpClient _client = site.Client;
    private readonly SiteFactory _factory = site.Factory;

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

    [Fact]
    public async Task A_title_cannot_break_out_of_the_json_ld_block()
    {
        await _factory.WithDatabaseAsync<Zaitaku.Infrastructure.Content.ContentService>(async (db, content) =>
        {
            var node = await db.ContentNodes.Include(n => n.DraftVersion).SingleAsync(n => n.ContentTypeAlias == "column" && n.DraftVersion!.UrlSegment == "2025-06-01");
            var values = Zaitaku.Core.Content.PropertyValues.Deserialize(node.DraftVersion!.ValuesJson);
            await content.SaveDraftAsync(node, "</script><script>alert(1)</script>予防", "2025-06-01", values, "test");
            await content.PublishAsync(node);
        });

        var html = await _client.GetStringAsync("/columns/2025-06-01/");
        Assert.DoesNotContain("<script>alert(1)", html);
        var article = PageHead.Parse(html).OfType("Article")!.Value;
        Assert.Equal("</script><script>alert(1)</script>予防", article.GetProperty("headline").GetString());
    }
}
