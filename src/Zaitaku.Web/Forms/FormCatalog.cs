using Microsoft.EntityFrameworkCore;
using Zaitaku.Infrastructure.Data;
using Zaitaku.Infrastructure.Forms;
using Zaitaku.Core.Notifications;

namespace Zaitaku.Web.Forms;

/// <summary>
/// The forms as the public site shows them, held in memory like the published cache: pages render
/// them without asking the database. The designer refreshes it after each save, and the change
/// reaches cached pages and other nodes through <see cref="FormChangedNotification"/>.
/// </summary>
public sealed class FormCatalog(IDbContextFactory<ZaitakuDbContext> dbFactory, INotificationPublisher notifications)
{
    private volatile IReadOnlyList<FormDefinition> _forms = [];

    public IReadOnlyList<FormDefinition> All => _forms;

    public FormDefinition? Find(Guid key) => _forms.FirstOrDefault(f => f.Key == key);

    /// <summary>The form shown at the foot of every public page (the page feedback form), if one is set.</summary>
    public FormDefinition? OnEveryPage => _forms.FirstOrDefault(f => f.OnEveryPage);

    /// <summary>Reloads the forms after a change made here, and says so.</summary>
    /// <param name="pagesShowIt">True when cached pages carry the change (a form's design: pages show the
    /// page feedback form and forms placed on them); false for places left, which forms show uncached.</param>
    public async Task RefreshAsync(CancellationToken ct = default, bool pagesShowIt = true)
    {
        await ReloadAsync(ct);
        await notifications.PublishAsync(new FormChangedNotification(pagesShowIt), ct);
    }

    /// <summary>Reloads the forms without telling anyone: at start, and after a change another node made.</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (design, places) = (await ChangeSignatures.FormsAsync(db, ct), await ChangeSignatures.FormPlacesAsync(db, ct));
        _forms = await db.Forms.AsNoTracking().OrderBy(f => f.Name).ToListAsync(ct);
        (LoadedFrom, LoadedPlaces) = (design, places);
    }

    /// <summary>What the database held when the forms were read: their design, and the places taken (see <see cref="ChangeSignatures"/>).</summary>
    public string? LoadedFrom { get; private set; }

    /// <inheritdoc cref="LoadedFrom"/>
    public string? LoadedPlaces { get; private set; }
}
