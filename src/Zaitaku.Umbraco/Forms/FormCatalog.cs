using Microsoft.EntityFrameworkCore;
using Umbraco.Cms.Core.Cache;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Notifications;
using Umbraco.Cms.Core.Sync;
using Umbraco.Cms.Persistence.EFCore.Scoping;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Web.Forms.Data;

namespace Zaitaku.Web.Forms;

/// <summary>
/// The forms' designs as public pages show them, held in memory so that a page renders its feedback form without
/// asking the database. A change of design reaches every server through <see cref="FormCacheRefresher"/> (Umbraco's
/// distributed cache instructions); places taken change with each sign-up, so a form with places reads its row again
/// (<see cref="FindAsync"/>), and such pages are never output-cached (they carry an antiforgery token).
/// </summary>
public sealed class FormCatalog(IEFCoreScopeProvider<FormsDbContext> scopes)
{
    private volatile IReadOnlyList<FormDefinition>? _forms;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public async Task<IReadOnlyList<FormDefinition>> AllAsync()
    {
        if (_forms is { } loaded) return loaded;
        await _loading.WaitAsync();
        try
        {
            if (_forms is { } again) return again;
            using var scope = scopes.CreateScope();
            var forms = await scope.ExecuteWithContextAsync(db => db.Forms.AsNoTracking().OrderBy(f => f.Name).ToListAsync());
            scope.Complete();
            return _forms = forms;
        }
        finally { _loading.Release(); }
    }

    /// <summary>A form by its key, with the places taken as they are now.</summary>
    public async Task<FormDefinition?> FindAsync(Guid key)
    {
        var form = (await AllAsync()).FirstOrDefault(f => f.Key == key);
        if (form?.Capacity is null) return form;
        using var scope = scopes.CreateScope();
        var current = await scope.ExecuteWithContextAsync(db => db.Forms.AsNoTracking().FirstOrDefaultAsync(f => f.Key == key));
        scope.Complete();
        return current;
    }

    /// <summary>The form shown at the foot of every public page (the page feedback form), if one is set.</summary>
    public async Task<FormDefinition?> OnEveryPageAsync() => (await AllAsync()).FirstOrDefault(f => f.OnEveryPage);

    /// <summary>Forgets the designs; the next page reads them again. Called on every server by the cache refresher.</summary>
    internal void Clear() => _forms = null;
}

/// <summary>Raised on every server after a form's design changed (<see cref="FormCacheRefresher"/>).</summary>
public sealed class FormCacheRefresherNotification(object messageObject, MessageType messageType)
    : CacheRefresherNotification(messageObject, messageType);

/// <summary>
/// Umbraco's way to tell every server that something cached changed: <c>DistributedCache.RefreshAll(UniqueId)</c>
/// writes a cache instruction, each server runs this refresher (this one at once), which forgets the forms in memory
/// and publishes <see cref="FormCacheRefresherNotification"/> for whatever else keeps them (the output cache).
/// </summary>
public sealed class FormCacheRefresher(AppCaches appCaches, IEventAggregator eventAggregator, ICacheRefresherNotificationFactory factory, FormCatalog catalog)
    : CacheRefresherBase<FormCacheRefresherNotification>(appCaches, eventAggregator, factory)
{
    public static readonly Guid UniqueId = new("5f0c3a52-8d0e-4f0e-9b8e-2a7d3c1b6e41");

    public override Guid RefresherUniqueId => UniqueId;
    public override string Name => "Zaitaku forms";

    public override void RefreshAll()
    {
        catalog.Clear();
        base.RefreshAll();
    }

    public override void Refresh(int id) => RefreshAll();
    public override void Refresh(Guid id) => RefreshAll();
    public override void Remove(int id) => RefreshAll();
}

/// <summary>
/// Pages show the page feedback form and the forms placed on them: when a design changes, cached pages are dropped
/// (only when Umbraco's website output cache is switched on, Umbraco:CMS:Website:OutputCache:Enabled).
/// </summary>
public sealed class FormOutputCacheEviction(IServiceProvider services) : INotificationAsyncHandler<FormCacheRefresherNotification>
{
    public Task HandleAsync(FormCacheRefresherNotification notification, CancellationToken cancellationToken) =>
        services.GetService(typeof(IWebsiteOutputCacheManager)) is IWebsiteOutputCacheManager cache
            ? cache.EvictAllAsync(cancellationToken)
            : Task.CompletedTask;
}
