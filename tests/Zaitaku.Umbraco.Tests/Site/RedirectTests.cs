using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Services;
using Zaitaku.Web.Tests.Infrastructure;

namespace Zaitaku.Web.Tests.Site;

/// <summary>A page that gets a new address keeps its old one working: links in print and bookmarks still lead to it.</summary>
public sealed class RedirectTests(SharedSite site) : IClassFixture<SharedSite>
{
    private IContentService Content => site.Factory.Services.GetRequiredService<IContentService>();

    private IContent PublishedPage(string parentPath, string segment)
    {
        var parent = Content.GetRootContent().First().Key;
        var parentNode = parentPath == "/" ? Content.GetById(parent)! : FindByPath(parentPath);
        var page = Content.Create("転送の確かめ", parentNode.Id, "contentPage");
        page.SetValue("umbracoUrlName", segment);
        page.SetValue("body", "転送されたあとも同じ本文です。");
        SaveAndPublish(page);
        return page;
    }

    /// <summary>
    /// As the backoffice's 保存して公開 does: Umbraco 18 publishes only what has been saved, and within a request (an
    /// Umbraco context), which the redirect tracker needs to read the page's address.
    /// </summary>
    private void SaveAndPublish(IContent page)
    {
        using var context = site.Factory.Services.GetRequiredService<Umbraco.Cms.Core.Web.IUmbracoContextFactory>().EnsureUmbracoContext();
        Assert.True(Content.Save(page).Success);
        var result = Content.Publish(page, ["*"]);
        Assert.True(result.Success, result.Result.ToString());
    }

    private IContent FindByPath(string path)
    {
        var node = Content.GetRootContent().First();
        foreach (var segment in path.Trim('/').Split('/'))
            node = Content.GetPagedChildren(node.Id, 0, 100, out _).First(c => c.GetValue<string>("umbracoUrlName") == segment);
        return node;
    }

    private async Task WaitForAsync(string url, HttpStatusCode status)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await site.Client.GetAsync(url)).StatusCode != status && DateTime.UtcNow < deadline) await Task.Delay(200);
    }

    [Fact]
    public async Task A_page_whose_address_is_changed_is_found_at_its_old_address_with_a_permanent_redirect()
    {
        var segment = "redirect-" + Guid.NewGuid().ToString("N")[..8];
        var page = PublishedPage("/about", segment);
        await WaitForAsync($"/about/{segment}/", HttpStatusCode.OK);

        page.SetValue("umbracoUrlName", segment + "-new");
        SaveAndPublish(page);
        await WaitForAsync($"/about/{segment}-new/", HttpStatusCode.OK);

        var old = await site.Client.GetAsync($"/about/{segment}/");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/about/{segment}-new/", old.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_page_moved_to_another_section_is_found_at_its_old_address_with_a_permanent_redirect()
    {
        var segment = "moved-" + Guid.NewGuid().ToString("N")[..8];
        var page = PublishedPage("/about", segment);
        await WaitForAsync($"/about/{segment}/", HttpStatusCode.OK);

        using (site.Factory.Services.GetRequiredService<Umbraco.Cms.Core.Web.IUmbracoContextFactory>().EnsureUmbracoContext())
            Assert.True(Content.Move(page, FindByPath("/acp").Id).Success);
        await WaitForAsync($"/acp/{segment}/", HttpStatusCode.OK);

        var old = await site.Client.GetAsync($"/about/{segment}/");
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal($"/acp/{segment}/", old.Headers.Location?.OriginalString);
    }
}
