using Microsoft.Extensions.DependencyInjection;
using Umbraco.Cms.Core;
using Umbraco.Cms.Core.Scoping;

namespace Zaitaku.Web.Tests.Infrastructure;

/// <summary>
/// Runs an Umbraco write from a test as the database's writer from its first statement. Umbraco's user creation reads
/// before it writes and takes no write lock first; on SQLite (WAL), a write committed meanwhile by anything else — the
/// distributed job service takes its write lock every few seconds — leaves that transaction on a stale snapshot that can
/// never write, retried by Umbraco for about ten minutes ("database is locked"). Taking a write lock first makes the
/// transaction a writer before it reads; the others wait their turn.
/// </summary>
public static class UmbracoWrites
{
    public static Task<T> AsWriterAsync<T>(Func<Task<T>> work) => AsWriterAsync(SiteFactory.Shared.Services, work);

    /// <param name="services">The site's services (while it is starting, before <see cref="SiteFactory.Shared"/> exists).</param>
    public static async Task<T> AsWriterAsync<T>(IServiceProvider services, Func<Task<T>> work)
    {
        using var scope = services.GetRequiredService<ICoreScopeProvider>().CreateCoreScope();
        scope.EagerWriteLock(Constants.Locks.KeyValues);
        var result = await work();
        scope.Complete();
        return result;
    }
}
