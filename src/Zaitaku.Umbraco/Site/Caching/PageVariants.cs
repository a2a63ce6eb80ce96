using Microsoft.AspNetCore.OutputCaching;
using Umbraco.Cms.Web.Website.Caching;
using Zaitaku.Web.Reading;
using Zaitaku.Web.Site.Display;

namespace Zaitaku.Web.Site.Caching;

/// <summary>
/// What makes two requests for a page different pages in Umbraco's output cache: the reader's text size and
/// colours, and ふりがな on or off. Nothing else: not the Host header (pages write absolute URLs from PublicUrl,
/// so a thousand forged hosts share one entry), and no query string except where a page reads it.
/// </summary>
public sealed class PageVariants : IWebsiteOutputCacheVaryByProvider
{
    public void ConfigureVaryBy(HttpContext context, CacheVaryByRules rules)
    {
        rules.VaryByHost = false;
        // Every visitor without the cookie shares the one default entry; a forged value reads as the default.
        rules.VaryByValues[DisplayPreferences.CookieName] = DisplayPreferences.From(context.Request).CookieValue;
        rules.VaryByValues[FuriganaPreference.CookieName] = FuriganaPreference.CacheValue(context.Request);
        if (context.Features.Get<PageQueryKeys>() is { } keys) rules.QueryKeys = keys.Keys;
    }
}

/// <summary>Set by a page's controller when the page reads these query keys (the column list's filters).</summary>
public sealed record PageQueryKeys(string[] Keys);
