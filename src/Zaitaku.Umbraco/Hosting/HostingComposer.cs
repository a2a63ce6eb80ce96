using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Umbraco.Cms.Core.Composing;

namespace Zaitaku.Web.Hosting;

/// <summary>What the host needs before anything of ours: the clock, and the data folder Umbraco expects.</summary>
public sealed class HostingComposer : IComposer
{
    public void Compose(IUmbracoBuilder builder)
    {
        // Our code reads time from TimeProvider, so tests can say what "today" is.
        builder.Services.TryAddSingleton(TimeProvider.System);
        // SQLite's |DataDirectory| (umbraco/Data) must exist before the first connection, or Umbraco retries it
        // five times a second apart on a fresh install ("unable to open database file").
        if (AppDomain.CurrentDomain.GetData("DataDirectory") is string dataDirectory) Directory.CreateDirectory(dataDirectory);
    }
}
