using System.Collections.Concurrent;
using Umbraco.Cms.Core.Events;
using Umbraco.Cms.Core.Models.PublishedContent;
using Umbraco.Cms.Core.Notifications;
using Zaitaku.Core.Readability;
using Zaitaku.Core.Rendering;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Reading;

/// <summary>
/// The bodies of published pages as HTML, with their 用語集 links and numbers kept whole: rendered once per
/// published version and kept until the next change anywhere in the content (a new term links words in every
/// page). Umbraco raises the content cache refresher notification on every server, so each server forgets its
/// copies at the same moment it learns of the change.
/// </summary>
public sealed class PublishedBodies(MarkdownRenderer markdown)
{
    private sealed record Key(Guid Content, DateTime Updated, string Alias);

    private readonly ConcurrentDictionary<Key, string> _html = new();
    private volatile GlossaryLinker? _linker;

    /// <summary>The body HTML of a published page (or of a draft shown in preview, rendered the same way).</summary>
    public string Html(IPublishedContent page, string alias = "body") =>
        _html.GetOrAdd(new Key(page.Key, page.UpdateDate, alias), _ => Render(page, alias));

    private string Render(IPublishedContent page, string alias)
    {
        var html = markdown.ToHtml(page.Markdown(alias));
        // The glossary's own page, its terms and pages whose editor switched it off get no links.
        if (page.Flag(Glossary.NoLinksProperty) || page.Is(Glossary.PageType) || page.Is(Glossary.TermType)) return html;
        var linker = _linker ??= GlossaryTerms.Linker(GlossaryTerms.Page(page.Root()));
        return linker.Link(html);
    }

    /// <summary>Forgets every rendered body: content changed somewhere.</summary>
    public void Forget()
    {
        _linker = null;
        _html.Clear();
    }
}

/// <summary>Umbraco makes a notification handler anew for each notification; the bodies live in the singleton.</summary>
public sealed class ForgetBodiesOnChange(PublishedBodies bodies) : INotificationHandler<ContentCacheRefresherNotification>
{
    public void Handle(ContentCacheRefresherNotification notification) => bodies.Forget();
}
