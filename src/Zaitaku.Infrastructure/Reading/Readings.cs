using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Zaitaku.Core.Reading;
using Zaitaku.Infrastructure.Accounts;
using Zaitaku.Infrastructure.Data;

namespace Zaitaku.Infrastructure.Reading;

/// <summary>
/// The site's readings of Japanese text: MeCab's, corrected by the site's reading dictionary.
/// Ruby for a text is computed once and kept (published text is the same on every request until
/// the next publish; a changed dictionary empties the cache). Without MeCab the site works as
/// before: <see cref="IsAvailable"/> is false, and the log says why, once.
/// </summary>
public sealed class Readings : IDisposable
{
    /// <summary>Text kept with its ruby; past this the cache starts again (a site of 100 pages uses a few percent of it).</summary>
    private const long MaxCachedChars = 4_000_000;

    // The old engine keeps the dictionary as a setting in its own database; the Umbraco site keeps it as content
    // and hands it over with Use. (The database part goes with the old engine.)
    private readonly IDbContextFactory<ZaitakuDbContext>? _dbFactory;
    private readonly MecabTagger? _tagger;
    private readonly ConcurrentDictionary<string, IReadOnlyList<RubyPart>> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _cachedChars;
    private volatile ReadingDictionary _dictionary = ReadingDictionary.Parse(ReadingDictionary.Default);

    public Readings(IDbContextFactory<ZaitakuDbContext> dbFactory, ILogger<Readings> logger, string? mecabDictionary = null)
        : this(logger, mecabDictionary) => _dbFactory = dbFactory;

    public Readings(ILogger<Readings> logger, string? mecabDictionary = null)
    {
        _tagger = MecabTagger.TryOpen(mecabDictionary, out var problem);
        if (_tagger is null)
            logger.LogWarning("ふりがなと読みによる検索は使えません：{Problem}。ページはふりがななしで表示します", problem);
    }

    public bool IsAvailable => _tagger is not null;
    public ReadingDictionary Dictionary => _dictionary;

    /// <summary>The text with ruby over each word with kanji; the text as it is without MeCab.</summary>
    public IReadOnlyList<RubyPart> Annotate(string text)
    {
        if (_tagger is not { } tagger) return [new RubyPart(text, null)];
        if (_cache.TryGetValue(text, out var cached)) return cached;
        var parts = Furigana.Annotate(text, _dictionary, tagger.Analyze);
        if (Interlocked.Add(ref _cachedChars, text.Length) > MaxCachedChars)
        {
            _cache.Clear();
            Interlocked.Exchange(ref _cachedChars, text.Length);
        }
        _cache[text] = parts;
        return parts;
    }

    /// <summary>The text with kanji words replaced by their readings in hiragana; null without MeCab.</summary>
    public string? ReadingOf(string text) =>
        _tagger is { } tagger ? Furigana.Reading(text, _dictionary, tagger.Analyze) : null;

    /// <summary>
    /// Reads the saved dictionary. Whoever calls it raises the change (a SettingChangedNotification),
    /// so pages and the search index take the new readings through the one notification path.
    /// </summary>
    /// <returns>Whether the dictionary differed from the one in use.</returns>
    public async Task<bool> LoadAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        bool changed;
        try
        {
            await using var db = await DbFactory.CreateDbContextAsync(ct);
            var setting = await db.BackofficeSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == ReadingDictionary.SettingKey, ct);
            changed = setting is not null && setting.Value != _dictionary.Format();
            if (changed) Use(ReadingDictionary.Parse(setting!.Value));
        }
        finally { _gate.Release(); }
        return changed;
    }

    public async Task SaveAsync(ReadingDictionary dictionary, CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await using var db = await DbFactory.CreateDbContextAsync(ct);
            var setting = await db.BackofficeSettings.FindAsync([ReadingDictionary.SettingKey], ct);
            if (setting is null) db.BackofficeSettings.Add(setting = new BackofficeSetting { Key = ReadingDictionary.SettingKey });
            setting.Value = dictionary.Format();
            await db.SaveChangesAsync(ct);
            Use(dictionary);
        }
        finally { _gate.Release(); }
    }

    private IDbContextFactory<ZaitakuDbContext> DbFactory =>
        _dbFactory ?? throw new InvalidOperationException("This Readings keeps no dictionary of its own: hand it over with Use.");

    /// <summary>Reads with this dictionary from now on (the readings made with the previous one are forgotten).</summary>
    public void Use(ReadingDictionary dictionary)
    {
        _dictionary = dictionary;
        _cache.Clear();
        Interlocked.Exchange(ref _cachedChars, 0);
    }

    public void Dispose() => _tagger?.Dispose();
}
