using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Umbraco.Cms.Core.Configuration.Models;
using Umbraco.Cms.Core.PublishedCache;
using Umbraco.Cms.Core.Routing;
using Umbraco.Cms.Core.Services;
using Umbraco.Cms.Core.Web;

namespace Zaitaku.Web.Site.Routing;

/// <summary>
/// An address typed in capitals (/ABOUT, read out from print) finds its page: every segment of the site is lowercase
/// ASCII, so the lowercase address is the page's own, and <see cref="SiteController"/> then answers with a 301 to it.
/// </summary>
public sealed class ContentFinderByAnyCase(
    ILogger<ContentFinderByUrl> logger,
    IUmbracoContextAccessor umbracoContextAccessor,
    IDocumentUrlService documentUrlService,
    IPublishedContentCache publishedContentCache,
    IOptionsMonitor<WebRoutingSettings> webRoutingSettings)
    : ContentFinderByUrl(logger, umbracoContextAccessor, documentUrlService, publishedContentCache, webRoutingSettings)
{
    public override Task<bool> TryFindContent(IPublishedRequestBuilder frequest)
    {
        var path = frequest.AbsolutePathDecoded;
        if (!path.Any(char.IsAsciiLetterUpper)) return Task.FromResult(false);
        var route = frequest.Domain is { } domain
            ? domain.ContentId + DomainUtilities.PathRelativeToDomain(domain.Uri, path).ToLowerInvariant()
            : path.ToLowerInvariant();
        return Task.FromResult(FindContent(frequest, route) is not null);
    }
}
