using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Services;
using Zaitaku.Web.Seed;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>
/// /sitemap.xml is output-cached, and a page published or unpublished deep in the tree shows in it or leaves it at
/// once. The old site's test of the same name, with the page made through Umbraco's content service instead of the
/// old engine's (its assertions unchanged).
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

        var content = site.Factory.Services.GetRequiredService<IContentService>();
        var council = content.GetById(ContentSeed.KeyFor("home:/about/council"))!;
        var node = content.Create("サイトマップの確認用ページ", council.Id, "contentPage");
        node.SetValue("body", "確認用の本文です。");
        node.SetValue(ContentSeed.UrlNameAlias, "sitemap-test");
        node.SortOrder = 99;
        Assert.True(content.Save(node).Success);
        Assert.DoesNotContain(NewPage, await SitemapAsync());

        Assert.True(content.Publish(node, ["*"]).Success);
        Assert.Contains($"<loc>{NewPage}</loc>", await SitemapAsync());

        Assert.True(content.Unpublish(node).Success);
        Assert.DoesNotContain(NewPage, await SitemapAsync());
    }
}
