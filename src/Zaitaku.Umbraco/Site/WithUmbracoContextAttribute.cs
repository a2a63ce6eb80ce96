using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Umbraco.Cms.Core.Web;

namespace Zaitaku.Web.Site;

/// <summary>
/// For our files made from published content (/calendar/*.ics, /feeds/*.atom, /opendata/*.csv): Umbraco takes an
/// address with a file extension for a static file and makes no Umbraco context for it, and without one a page's URL
/// cannot be asked for. This makes one for the action and its result, as Umbraco's own background work does.
/// </summary>
public sealed class WithUmbracoContextAttribute() : TypeFilterAttribute(typeof(Filter))
{
    private sealed class Filter(IUmbracoContextFactory contexts) : IAsyncResourceFilter
    {
        public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
        {
            using var _ = contexts.EnsureUmbracoContext();
            await next();
        }
    }
}
