using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Notifications;
using Zaitaku.Web.Schema;

namespace Zaitaku.Web.Seed;

/// <summary>The first content, imported into an empty site once the schema is in place.</summary>
[ComposeAfter(typeof(SchemaComposer))]
public sealed class SeedComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        builder.Services.AddTransient<ContentSeed>();
        builder.AddNotificationAsyncHandler<UmbracoApplicationStartingNotification, SeedOnStart>();
    }
}
