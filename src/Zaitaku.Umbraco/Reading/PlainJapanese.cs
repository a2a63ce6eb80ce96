using Umbraco.Cms.Core.Models.PublishedContent;
using Zaitaku.Web.Site;

namespace Zaitaku.Web.Reading;

/// <summary>
/// やさしい日本語 versions of pages. Decision: a version is a <b>child node</b> of the page, of document type
/// <c>plainJapanese</c>, not a property of the page and not an Umbraco culture variant. Umbraco's culture variants
/// are languages with their own domain or prefix and one shared publish of all cultures' structure; やさしい日本語 is
/// the same language written for other readers, with its own wording, its own review (the secretariat checks it
/// before publishing) and its own last-updated date. As a child it gets all of that from the content tree as it is:
/// its own address (…/yasashii/), versions, review, schedule, search entry and sitemap line, and a page without one
/// simply has no such child.
/// </summary>
public static class PlainJapanese
{
    public const string TypeAlias = "plainJapanese";

    /// <summary>The published やさしい日本語 version of a page, if it has one.</summary>
    public static IPublishedContent? VersionOf(IPublishedContent page) =>
        page.Children().FirstOrDefault(c => c.Is(TypeAlias));
}
