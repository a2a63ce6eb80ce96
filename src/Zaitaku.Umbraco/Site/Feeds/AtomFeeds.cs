using System.Globalization;
using System.Text;
using System.Xml;
using Umbraco.Cms.Core.Models.PublishedContent;
using Zaitaku.Core.Dates;
using Zaitaku.Web.Hosting;
using ColumnSeries = Zaitaku.Web.Site.Columns.Columns;

namespace Zaitaku.Web.Site.Feeds;

/// <summary>One entry of a feed: a published page.</summary>
public sealed record FeedEntry(IPublishedContent Page, string Summary, DateTime PublishedUtc, IPublishedContent? Author);

/// <summary>
/// The site's Atom feeds (RFC 4287): the 広報つながり columns, and the other pages as they are added or updated. Every
/// address in them is absolute and made from PublicUrl; entry ids are the pages' content keys (fixed by the seed and
/// never changed by Umbraco), so a renamed or moved page is still the same entry to a feed reader.
/// </summary>
public sealed class AtomFeeds(PublicUrl site, SitePages pages)
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const int PagesShown = 30;

    public string Columns(IPublishedContent home)
    {
        var list = home.DescendantsOfType(ColumnSeries.ListType).FirstOrDefault();
        var entries = ColumnSeries.All(home).Select(c =>
        {
            var date = ColumnSeries.IssueDate(c);
            return new FeedEntry(c, $"{ColumnSeries.IssueLabel(c)}。{c.Text("theme") ?? c.Name}",
                date == DateOnly.MinValue ? Updated(c) : JapaneseDates.JapanMidnightToUtc(date), ColumnSeries.Association(c));
        }).ToList();
        return Write(home, FeedLinks.ColumnsTitle, FeedLinks.ColumnsPath, list?.Url() ?? "/", entries);
    }

    public string Pages(IPublishedContent home)
    {
        var entries = home.Descendants()
            .Where(p => p.TemplateId is > 0 && !p.Is(ColumnSeries.ColumnType) && !p.Is("sitemapPage"))
            .OrderByDescending(Updated).ThenBy(p => p.Url(), StringComparer.Ordinal).Take(PagesShown)
            .Select(p => new FeedEntry(p, p.Text("lead") ?? p.Text("summary") ?? p.Name, Updated(p), null))
            .ToList();
        return Write(home, FeedLinks.PagesTitle, FeedLinks.PagesPath, "/", entries);
    }

    private static DateTime Updated(IPublishedContent page) => page.UpdateDate.ToUniversalTime();

    private string Write(IPublishedContent home, string title, string selfPath, string alternatePath, IReadOnlyList<FeedEntry> entries)
    {
        var siteName = pages.Settings()?.Text("siteName") ?? SitePages.FallbackSiteName;
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriterUtf8(text), new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", AtomNs);
            w.WriteAttributeString("xml", "lang", null, "ja");
            Element(w, "id", site.Absolute(selfPath));
            Element(w, "title", $"{title}｜{siteName}");
            Element(w, "updated", Rfc3339(entries.Count > 0 ? entries.Max(e => Updated(e.Page)) : Updated(home)));
            Link(w, "self", site.Absolute(selfPath), "application/atom+xml");
            Link(w, "alternate", site.Absolute(alternatePath), "text/html");
            w.WriteStartElement("author", AtomNs);
            Element(w, "name", siteName);
            Element(w, "uri", site.Absolute("/"));
            w.WriteEndElement();
            w.WriteStartElement("generator", AtomNs);
            w.WriteString("Zaitaku.Web");
            w.WriteEndElement();
            foreach (var e in entries)
            {
                w.WriteStartElement("entry", AtomNs);
                Element(w, "id", "urn:uuid:" + e.Page.Key.ToString("D"));
                Element(w, "title", e.Page.Name);
                Link(w, "alternate", site.Absolute(e.Page.Url()), "text/html");
                Element(w, "published", Rfc3339(e.PublishedUtc));
                Element(w, "updated", Rfc3339(Updated(e.Page)));
                if (e.Author is not null)
                {
                    w.WriteStartElement("author", AtomNs);
                    Element(w, "name", e.Author.Name);
                    Element(w, "uri", site.Absolute(e.Author.Url()));
                    w.WriteEndElement();
                }
                Element(w, "summary", e.Summary);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        return text.ToString();
    }

    private static void Element(XmlWriter w, string name, string value) => w.WriteElementString(name, AtomNs, value);

    private static void Link(XmlWriter w, string rel, string href, string type)
    {
        w.WriteStartElement("link", AtomNs);
        w.WriteAttributeString("rel", rel);
        w.WriteAttributeString("type", type);
        w.WriteAttributeString("href", href);
        w.WriteEndElement();
    }

    private static string Rfc3339(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A StringWriter that declares UTF-8, which is what the response is sent in.</summary>
    private sealed class StringWriterUtf8(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
