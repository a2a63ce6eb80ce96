using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;

namespace Zaitaku.Web.Site.Feeds;

/// <summary>The two Atom feeds every page links to (<see cref="FeedLinks"/>).</summary>
public sealed class FeedsComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder) => builder.Services.AddSingleton<AtomFeeds>();
}
