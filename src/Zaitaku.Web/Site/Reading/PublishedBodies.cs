using Zaitaku.Core.Notifications;
using System.Runtime.CompilerServices;
using Zaitaku.Core.Publishing;
using Zaitaku.Core.Readability;
using Zaitaku.Core.Rendering;
using Zaitaku.Infrastructure.Media;

namespace Zaitaku.Web.Site.Reading;

/// <summary>
/// The bodies of the published pages as HTML, with the 用語集 links, made once per published snapshot
/// (when it is built, by <see cref="PublishedBodiesWarmer"/>) and kept beside it: a request only looks
/// the HTML up. A node that is not in the current snapshot (a preview of a draft) is rendered on the spot
/// the same way, so a preview shows the page as it will be.
/// </summary>
public sealed class PublishedBodies(MarkdownRenderer markdown, MediaLibrary media, IPublishedCache cache)
{
    private sealed record Rendered(object MediaState, IReadOnlyDictionary<int, string> Html);

    // Keyed by the snapshot object: a new publish makes a new snapshot, and the old bodies go with the old one.
    private readonly ConditionalWeakTable<PublishedSnapshot, Rendered> _bySnapshot = new();

    /// <summary>The body HTML of a published node (or a preview of one).</summary>
    public string Html(PublishedContent node, string alias = "body")
    {
        var snapshot = cache.Current;
        if (alias == "body" && snapshot.GetById(node.Id) == node && For(snapshot).Html.TryGetValue(node.Id, out var html)) return html;
        return Render(node, snapshot, Glossary.Linker(snapshot), alias);
    }

    /// <summary>Renders every body of the snapshot now (publish time), unless that was done already.</summary>
    public void Warm(PublishedSnapshot snapshot) => For(snapshot);

    private Rendered For(PublishedSnapshot snapshot)
    {
        // The media library's item list is replaced on each change: images in bodies take their srcset
        // and alt text from it, so a replaced file renders the bodies anew.
        var mediaState = media.All;
        if (_bySnapshot.TryGetValue(snapshot, out var rendered) && ReferenceEquals(rendered.MediaState, mediaState)) return rendered;
        var linker = Glossary.Linker(snapshot);
        var html = snapshot.All.Where(n => n.HasValue("body")).ToDictionary(n => n.Id, n => Render(n, snapshot, linker, "body"));
        rendered = new Rendered(mediaState, html);
        _bySnapshot.AddOrUpdate(snapshot, rendered);
        return rendered;
    }

    private string Render(PublishedContent node, PublishedSnapshot snapshot, GlossaryLinker linker, string alias)
    {
        var html = markdown.ToHtml(node.Value(alias));
        // The glossary's own page, its terms and pages whose editor switched it off get no links.
        if (node.ValueAsBool(Glossary.NoLinksProperty) || node.Is(Glossary.PageType) || node.Is(Glossary.TermType)) return html;
        return linker.Link(html);
    }
}

/// <summary>
/// Renders the bodies when a publish (or unpublish, move, delete) has rebuilt the published cache. A
/// change in the 用語集 changes the links in any page's body, so it empties the whole output cache.
/// </summary>
public sealed class PublishedBodiesWarmer(PublishedBodies bodies, IPublishedCache cache,
    Microsoft.AspNetCore.OutputCaching.IOutputCacheStore outputCache)
    : INotificationHandler<ContentNotification>, INotificationHandler<ContentDeletedNotification>,
      INotificationHandler<ContentTreeChangedNotification>, INotificationHandler<ChangesFoundElsewhereNotification>
{
    public async Task HandleAsync(ContentNotification change, CancellationToken cancellationToken)
    {
        var snapshot = cache.Current;
        bodies.Warm(snapshot);
        var glossary = Glossary.Page(snapshot);
        if (glossary is not null && (change.NodeId == glossary.Id || change.AncestorIds.Contains(glossary.Id)))
            await outputCache.EvictByTagAsync(OutputCacheTags.AllContent, cancellationToken);
    }

    // A deleted node may have been a term; which one is no longer known, and deletions are rare.
    public async Task HandleAsync(ContentDeletedNotification change, CancellationToken cancellationToken)
    {
        bodies.Warm(cache.Current);
        await outputCache.EvictByTagAsync(OutputCacheTags.AllContent, cancellationToken);
    }

    public Task HandleAsync(ContentTreeChangedNotification change, CancellationToken cancellationToken) => WarmAsync();

    public Task HandleAsync(ChangesFoundElsewhereNotification change, CancellationToken cancellationToken) => WarmAsync();

    private Task WarmAsync()
    {
        bodies.Warm(cache.Current);
        return Task.CompletedTask;
    }
}
