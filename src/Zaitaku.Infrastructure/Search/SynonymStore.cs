using Microsoft.EntityFrameworkCore;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Infrastructure.Search;

/// <summary>The synonym list in force, kept in memory; saved in the BackofficeSetting table.</summary>
public sealed class SynonymStore(IDbContextFactory<ZaitakuDbContext> dbFactory)
{
    private volatile SearchSynonyms _current = SearchSynonyms.Parse(SearchSynonyms.Default);
    /// <summary>A reload that read the old list must not land after a save of the new one.</summary>
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SearchSynonyms Current => _current;

    /// <summary>Reads the saved list; whoever calls it raises the change, as for the reading dictionary.</summary>
    /// <returns>Whether the list differed from the one in use.</returns>
    public async Task<bool> LoadAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var setting = await db.BackofficeSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == SearchSynonyms.SettingKey, ct);
            if (setting is null || setting.Value == _current.Format()) return false;
            _current = SearchSynonyms.Parse(setting.Value);
            return true;
        }
        finally { _gate.Release(); }
    }

    public async Task SaveAsync(SearchSynonyms synonyms, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var setting = await db.BackofficeSettings.FindAsync([SearchSynonyms.SettingKey], ct);
            if (setting is null) db.BackofficeSettings.Add(setting = new BackofficeSetting { Key = SearchSynonyms.SettingKey });
            setting.Value = synonyms.Format();
            await db.SaveChangesAsync(ct);
            _current = synonyms;
        }
        finally { _gate.Release(); }
    }
}
