using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Umbraco.Cms.Core.Composing;
using Umbraco.Cms.Core.Notifications;

namespace Zaitaku.Web.Schema;

/// <summary>Document types, data types, media types and templates from uSync/, applied at start.</summary>
public sealed class SchemaComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        // Read at start: a broken file stops the site before it serves anything, naming the file and the line.
        var folder = builder.Config["Zaitaku:USyncFolder"] ?? "uSync/v17";
        builder.Services.AddSingleton(_ => USyncFiles.Load(ResolveBesideApp(folder)));
        builder.Services.AddTransient<SchemaImport>();
        builder.AddNotificationAsyncHandler<UmbracoApplicationStartingNotification, SchemaOnStart>();
    }

    /// <summary>A relative folder is beside the app: the build copies uSync/ and content-seed/ there.</summary>
    internal static string ResolveBesideApp(string folder) =>
        Path.IsPathRooted(folder) ? folder : Path.Combine(AppContext.BaseDirectory, folder);
}
