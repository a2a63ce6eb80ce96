using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Zaitaku.Core.Reading;
using Zaitaku.Infrastructure.Reading;

namespace Zaitaku.Web.Search;

/// <summary>
/// The reading field: each document's title and text as MeCab reads them (in hiragana), so that a query typed in
/// kana finds the kanji (みとり → 看取り). MeCab is Debian's libmecab2 with mecab-ipadic-utf8; without it the site
/// searches as before, without readings, and says why in the log once.
/// </summary>
/// <remarks>
/// The site's own reading dictionary (読みの辞書, which the secretariat edits) is not on Umbraco yet; until it is,
/// its default entries are used. When it moves, this class takes the dictionary from it.
/// </remarks>
public sealed class SearchReadings : IDisposable
{
    private readonly MecabTagger? _tagger;
    private readonly ReadingDictionary _dictionary = ReadingDictionary.Parse(ReadingDictionary.Default);

    public SearchReadings(IConfiguration configuration, ILogger<SearchReadings> logger)
    {
        _tagger = MecabTagger.TryOpen(configuration["Zaitaku:Reading:MecabDictionary"], out var problem);
        if (_tagger is null) logger.LogWarning("読みによる検索は使えません：{Problem}", problem);
    }

    public bool IsAvailable => _tagger is not null;

    /// <summary>The text with kanji words replaced by their readings in hiragana; null without MeCab.</summary>
    public string? ReadingOf(string text) =>
        _tagger is { } tagger ? Furigana.Reading(text, _dictionary, tagger.Analyze) : null;

    public void Dispose() => _tagger?.Dispose();
}
