namespace Zaitaku.Infrastructure.Search;

/// <summary>Field names of the index. Title and text are analysed; the rest are kept as they are.</summary>
public static class SearchFields
{
    public const string Id = "id";
    /// <summary>The node and each ancestor's id, so a branch can be removed with one term.</summary>
    public const string Path = "path";
    public const string Url = "url";
    public const string Title = "title";
    public const string Text = "text";
    public const string Section = "section";
    public const string Association = "association";
    public const string Date = "date";
    public const string File = "file";
    /// <summary>The title and text in hiragana as MeCab reads them, for a query typed by reading (みとり → 看取り).</summary>
    public const string Reading = "reading";
}

/// <summary>One search result's worth of published content: a page, or a download with its file's text.</summary>
/// <param name="Path">The node's id and its ancestors' ids.</param>
/// <param name="FileLabel">For a download: 「PDF：1.2MB」.</param>
public sealed record SearchDocument(
    int NodeId, IReadOnlyList<int> Path, string Url, string Title, string Text,
    string Section, string? Association, DateOnly? Date, string? FileLabel = null)
{
    /// <summary>Title and text as read (hiragana for kanji words); null without MeCab.</summary>
    public string? Reading { get; init; }
}
