using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.PublishedCache;
using Umbraco.Cms.Core.Web;

namespace Zaitaku.Web.Site;

/// <summary>
/// For our files made from published content (/calendar/*.ics, /feeds/*.atom, /opendata/*.csv): Umbraco takes an
/// address with a file extension for a static file and makes neither an Umbraco context (without it a page's URL
/// cannot be asked for) nor a variation context (without it no page counts as published in the site's language, and
/// lists of descendants come back empty). This makes both for the action and its result, in the site's default
/// language, as Umbraco's router does for a page.
/// </summary>
public sealed class WithUmbracoContextAttribute() : TypeFilterAttribute(typeof(Filter))
{
    private sealed class Filter(IUmbracoContextFactory contexts, IVariationContextAccessor variation, IDefaultCultureAccessor defaultCulture)
        : IAsyncResourceFilter
    {
        public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
        {
            using var _ = contexts.EnsureUmbracoContext();
            if (string.IsNullOrEmpty(variation.VariationContext?.Culture))
                variation.VariationContext = new VariationContext(defaultCulture.DefaultCulture);
            await next();
        }
    }
}
