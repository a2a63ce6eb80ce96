using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Web.Website.Caching;

namespace Zaitaku.Web.Site.Columns;

/// <summary>The 広報つながり column pages: the list's filters in Umbraco's output cache.</summary>
public sealed class ColumnsComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder) =>
        builder.Services.AddSingleton<IWebsiteOutputCacheVaryByProvider, ColumnFilterVaryBy>();
}
