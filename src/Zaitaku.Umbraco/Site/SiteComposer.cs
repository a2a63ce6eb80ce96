using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Web.Website.Caching;
using Umbraco.Cms.Web.Website.Controllers;
using Zaitaku.Web.Site.Caching;

namespace Zaitaku.Web.Site;

/// <summary>The residents' site: every page through <see cref="SiteController"/>, cached by Umbraco's output cache.</summary>
public sealed class SiteComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.ContentFinders().InsertAfter<Umbraco.Cms.Core.Routing.ContentFinderByUrl, Routing.ContentFinderByAnyCase>();
        // Umbraco's own page for an address with no content is English; ours is the site's (Views/Errors/NotFound).
        builder.Services.PostConfigure<Umbraco.Cms.Core.Configuration.Models.GlobalSettings>(o => o.NotFoundViewPath = "~/Views/Errors/UmbracoNotFound.cshtml");
        builder.Services.Configure<UmbracoRenderingDefaultsOptions>(o => o.DefaultControllerType = typeof(SiteController));
        builder.Services.AddSingleton<SitePages>();
        // Japanese text goes out as characters, not &#x...; escapes: a third of the bytes, and readable source.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.AddSingleton<IWebsiteOutputCacheVaryByProvider, PageVariants>();
        // /ABOUT is not /about/: it must reach SiteController for its 301, not the cached page of another address.
        builder.Services.Configure<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>(o => o.UseCaseSensitivePaths = true);
        builder.Services.AddSingleton<IWebsiteOutputCacheEvictionProvider, EvictOnAnyChange>();
        builder.Services.Configure<Umbraco.Cms.Web.Common.ApplicationBuilder.UmbracoPipelineOptions>(o => o.AddFilter(Hosting.RequestPipeline.Filter()));
    }
}
