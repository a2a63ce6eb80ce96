using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models;
using Umbraco.Cms.Core.Notifications;
using Zaitaku.Infrastructure.Search;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Search;

/// <summary>
/// The synonym list the secretariat edits: the 検索の言いかえ field of サイト設定 (the siteSettings node), as published;
/// while it is empty, the groups the site started with (<see cref="SearchSynonyms.Default"/>).
/// Applied at query time only, so a published change takes effect at the next search, without a rebuild. The
/// parsed list is kept until a content cache refresher notification (on every server) says content changed.
/// </summary>
public sealed class SearchSynonymSource(SitePages pages)
{
    public const string SettingsAlias = SitePages.SettingsType;
    public const string PropertyAlias = "searchSynonyms";

    private volatile SearchSynonyms? _current;
    /// <summary>The last text read and its parse, so that an unrelated publish does not parse the list again.</summary>
    private volatile Tuple<string, SearchSynonyms>? _last;

    public SearchSynonyms Current => _current ?? Load();

    /// <summary>Counts notifications, so that a list read before one arrived is not kept after it.</summary>
    private int _version;

    /// <summary>Content changed: read the list again at the next search.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        _current = null;
    }

    private SearchSynonyms Load()
    {
        var version = Volatile.Read(ref _version);
        var text = pages.Settings()?.Text(PropertyAlias) is { } written && !string.IsNullOrWhiteSpace(written) ? written : SearchSynonyms.Default;
        var last = _last is { } l && l.Item1 == text ? l : Tuple.Create(text, SearchSynonyms.Parse(text));
        _last = last;
        if (Volatile.Read(ref _version) == version) _current = last.Item2;
        return last.Item2;
    }
}

/// <summary>
/// Tells the synonym source that published content changed (Umbraco makes a handler per notification, so the
/// source itself, a singleton, is not the handler).
/// </summary>
public sealed class SearchSynonymsChangedHandler(SearchSynonymSource source) : INotificationHandler<ContentCacheRefresherNotification>
{
    public void Handle(ContentCacheRefresherNotification notification) => source.Invalidate();
}

/// <summary>
/// A synonym list with a line the search could not use is not saved: the secretariat is told which line, in the
/// words of the previous site's search settings page.
/// </summary>
public sealed class SearchSynonymsSavingHandler : INotificationHandler<ContentSavingNotification>
{
    public void Handle(ContentSavingNotification notification)
    {
        foreach (var content in notification.SavedEntities)
        {
            if (content.ContentType.Alias != SearchSynonymSource.SettingsAlias || !content.HasProperty(SearchSynonymSource.PropertyAlias)) continue;
            SearchSynonyms.Parse(content.GetValue<string>(SearchSynonymSource.PropertyAlias), out var problems);
            if (problems.Count == 0) continue;
            notification.CancelOperation(new EventMessage("検索の言いかえ", string.Join(" ", problems), EventMessageType.Error));
            return;
        }
    }
}
