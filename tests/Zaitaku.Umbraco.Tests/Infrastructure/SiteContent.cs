using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PublishedCache;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Web;
using Zaitaku.Web.Seed;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// Content changes through Umbraco's own content service, as the backoffice makes them: create, edit, publish,
/// unpublish and delete. Seeded pages are found by their place in content-seed (their keys are made from it).
/// </summary>
public sealed class SiteContent(SiteFactory site)
{
    private IContentService Content => site.Services.GetRequiredService<IContentService>();

    /// <summary>The key of a seeded page under the home page: "/about/participation/".</summary>
    public static Guid SeedKey(string path) => ContentSeed.KeyFor("home:" + (path.Trim('/') is { Length: > 0 } p ? "/" + p : "/"));

    /// <summary>
    /// The published site as a page request sees it, outside one: an Umbraco context, and the site's default language
    /// as the variation context (without it no page counts as published in that language).
    /// </summary>
    public IDisposable AsAPageRequest()
    {
        var reference = site.Services.GetRequiredService<IUmbracoContextFactory>().EnsureUmbracoContext();
        site.Services.GetRequiredService<IVariationContextAccessor>().VariationContext =
            new VariationContext(site.Services.GetRequiredService<IDefaultCultureAccessor>().DefaultCulture);
        return reference;
    }

    public IContent Get(Guid key) => Content.GetById(key) ?? throw new InvalidOperationException($"no content {key}");

    /// <summary>A new page of the given type under a seeded page, saved (and published if asked).</summary>
    public IContent Create(string parentPath, string type, string name, IDictionary<string, object?> values, bool publish)
    {
        var content = Content.Create(name, SeedKey(parentPath), type);
        foreach (var (alias, value) in values) content.SetValue(alias, value);
        Save(content, publish);
        return content;
    }

    /// <summary>Changes a page's draft (and publishes it if asked).</summary>
    public IContent Edit(Guid key, Action<IContent> change, bool publish)
    {
        var content = Get(key);
        change(content);
        Save(content, publish);
        return content;
    }

    public void Unpublish(Guid key)
    {
        var result = Content.Unpublish(Get(key));
        Assert.True(result.Success, $"unpublish: {result.Result}");
    }

    public void Delete(Guid key)
    {
        if (Content.GetById(key) is { } content) Content.Delete(content);
    }

    private void Save(IContent content, bool publish)
    {
        var saved = Content.Save(content);
        Assert.True(saved.Success, $"save: {saved.Result}");
        if (!publish) return;
        var published = Content.Publish(content, ["*"]);
        Assert.True(published.Success, $"publish: {published.Result}");
    }
}
