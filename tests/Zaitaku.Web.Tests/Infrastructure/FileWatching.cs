using System.Runtime.CompilerServices;

namespace Zaitaku.Web.Tests.Infrastructure;

internal static class FileWatching
{
    /// <summary>
    /// The test run keeps dozens of sites alive at once, and every site watches its wwwroot and settings
    /// files; with inotify each watcher takes one of the user's 128 instances, and the run hits the limit.
    /// Polling watchers take none (a real server runs one site, so this is only for the tests).
    /// </summary>
    [ModuleInitializer]
    internal static void UsePolling() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
