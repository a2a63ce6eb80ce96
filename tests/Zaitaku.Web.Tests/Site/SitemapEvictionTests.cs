using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Zaitaku.Infrastructure.Content;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>
/// /sitemap.xml is output-cached, and a page published or unpublished deep in the tree (where only its
/// branch and the lists across the site are evicted) shows in it or leaves it at once.
/// </summary>
public sealed class SitemapEvictionTests(SharedSite site) : IClassFixture<SharedSite>
{
    private const string NewPage = "http://localhost/about/council/sitemap-test/";

    private async Task<string> SitemapAsync()
    {
        var response = await site.Client.GetAsync("/sitemap.xml");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task A_page_published_deep_in_the_tree_enters_the_sitemap_at_once_and_leaves_it_when_unpublished()
    {
        Assert.DoesNotContain(NewPage, await SitemapAsync());
        // The second read comes from the output cache: that is the copy that must be evicted.
        var cached = await site.Client.GetAsync("/sitemap.xml");
        Assert.NotNull(cached.Headers.Age);

        await using var scope = site.Factory.Services.CreateAsyncScope();
        var content = scope.ServiceProvider.GetRequiredService<ContentService>();
        var db = scope.ServiceProvider.GetRequiredService<ZaitakuDbContext>();
        var council = await db.ContentNodes.SingleAsync(n => n.PublishedVersion!.UrlSegment == "council" && n.ContentTypeAlias == "contentPage");
        var node = await content.CreateAsync(council.Id, "contentPage", "サイトマップの確認用ページ", "sitemap-test",
            new Dictionary<string, string> { ["body"] = "確認用の本文です。" }, sortOrder: 99, createdBy: "test");
        Assert.DoesNotContain(NewPage, await SitemapAsync());

        await content.PublishAsync(node);
        Assert.Contains($"<loc>{NewPage}</loc>", await SitemapAsync());

        await content.UnpublishAsync(node);
        Assert.DoesNotContain(NewPage, await SitemapAsync());
    }
}
