using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;

namespace Zaitaku.Web.OpenData;

/// <summary>
/// Open data: the catalogue (オープンデータ page, its DCAT JSON-LD and the CSV/JSON files) made from the statistics
/// pages and the consultation windows, and the CSV table property editor the statistics are kept in.
/// </summary>
public sealed class OpenDataComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.Configure<OpenDataOptions>(builder.Config.GetSection("Zaitaku:OpenData"));
        builder.Services.AddSingleton<OpenDataCatalog>();
    }
}
