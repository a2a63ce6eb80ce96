using System.Text.Json;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.OpenData;

/// <summary>The Atom feeds: valid to feedparser, to RFC 4287's required elements and to its RELAX NG schema (jing), absolute addresses from PublicUrl, found from every page.</summary>
public sealed class FeedTests(SharedSite site) : IClassFixture<SharedSite>
{
    private async Task<(JsonElement Result, HttpResponseMessage Response)> FeedAsync(string path)
    {
        var response = await site.Client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var result = await ExternalValidator.RunAsync("atom", await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(0, result.GetProperty("bozo").GetInt32());
        Assert.Equal("atom10", result.GetProperty("version").GetString());
        Assert.Empty(result.GetProperty("problems").EnumerateArray());
        // RFC 4287's own RELAX NG schema, checked by jing: every element where the format allows it.
        var (exit, errors) = await RelaxNgValidator.ValidateAsync("atom.rnc", await response.Content.ReadAsByteArrayAsync());
        Assert.True(exit == 0, $"{path} is not valid against RFC 4287's schema:\n{errors}");
        return (result, response);
    }

    [Fact]
    public async Task The_schema_check_refuses_a_feed_that_breaks_rfc_4287()
    {
        var feed = await site.Client.GetStringAsync("/feeds/columns.atom");
        // Entries without their required atom:updated, and links without their required href.
        var withoutUpdated = System.Text.RegularExpressions.Regex.Replace(feed, "(<entry>.*?)<updated>[^<]*</updated>", "$1",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.NotEqual(feed, withoutUpdated);
        var (exit, errors) = await RelaxNgValidator.ValidateAsync("atom.rnc", System.Text.Encoding.UTF8.GetBytes(withoutUpdated));
        Assert.Equal(1, exit);
        Assert.Contains("updated", errors);

        var linkWithoutHref = feed.Replace(" href=\"", " hreff=\"", StringComparison.Ordinal);
        Assert.NotEqual(feed, linkWithoutHref);
        (exit, errors) = await RelaxNgValidator.ValidateAsync("atom.rnc", System.Text.Encoding.UTF8.GetBytes(linkWithoutHref));
        Assert.Equal(1, exit);
        Assert.Contains("href", errors);
    }

    [Fact]
    public async Task The_column_feed_is_valid_atom_with_every_published_column_and_its_association()
    {
        var (feed, response) = await FeedAsync("/feeds/columns.atom");

        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal(SiteFactory.TestPublicUrl + "/feeds/columns.atom", feed.GetProperty("self").GetString());
        var entries = feed.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(9, entries.Count);
        // Newest issue first, with the association that wrote it.
        Assert.Equal("生活習慣病の予防や治療", entries[0].GetProperty("title").GetString());
        Assert.Equal(SiteFactory.TestPublicUrl + "/columns/2025-06-01/", entries[0].GetProperty("link").GetString());
        Assert.Equal("大和郡山市訪問看護事業者連絡会", entries[0].GetProperty("author").GetString());
        Assert.All(entries, e => Assert.StartsWith("urn:uuid:", e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_page_feed_lists_other_pages_but_no_column()
    {
        var (feed, _) = await FeedAsync("/feeds/pages.atom");

        var links = feed.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("link").GetString()!).ToList();
        Assert.InRange(links.Count, 10, 30);
        Assert.Contains(SiteFactory.TestPublicUrl + "/about/participation/", links);
        Assert.DoesNotContain(links, l => l.Contains("/columns/20", StringComparison.Ordinal));
        Assert.All(links, l => Assert.StartsWith(SiteFactory.TestPublicUrl + "/", l));
    }

    [Fact]
    public async Task Every_page_points_feed_readers_to_both_feeds()
    {
        foreach (var url in new[] { "/", "/columns/", "/soudan/" })
        {
            var head = PageHead.Parse(await site.Client.GetStringAsync(url));
            Assert.Equal(
                [SiteFactory.TestPublicUrl + "/feeds/columns.atom", SiteFactory.TestPublicUrl + "/feeds/pages.atom"],
                head.Feeds.Select(f => f.Href).ToArray());
            Assert.Contains("広報つながり", head.Feeds[0].Title);
        }
    }

    [Fact]
    public async Task A_forged_host_does_not_reach_the_feed()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/feeds/columns.atom");
        request.Headers.Host = "evil.example";
        var response = await site.Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }
}
