using System.Globalization;
using System.Text;
using System.Xml;
using Zaitaku.Core.Dates;
using Zaitaku.Core.Publishing;

namespace Zaitaku.Web.Site.Feeds;

/// <summary>One entry of a feed: a published page.</summary>
public sealed record FeedEntry(PublishedContent Page, string Summary, DateTime PublishedUtc, string? Author, string? AuthorUrl);

/// <summary>
/// The site's Atom feeds (RFC 4287): the 広報つながり columns, and the other pages as they are
/// added or updated. Every address in them is absolute and made from PublicUrl; entry ids are the
/// nodes' keys, so a renamed or moved page is still the same entry to a feed reader.
/// </summary>
public sealed class AtomFeeds(Hosting.PublicUrl site)
{
    public const string ColumnsPath = "/feeds/columns.atom";
    public const string PagesPath = "/feeds/pages.atom";
    public const string ColumnsTitle = "広報つながり 認知症予防コラム";
    public const string PagesTitle = "新着・更新情報";
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const int PagesShown = 30;

    public string Columns(PublishedSnapshot snapshot)
    {
        var list = snapshot.OfType("columnList").FirstOrDefault(p => p.Url is not null);
        var entries = Site.Columns.All(snapshot).Select(c =>
        {
            var association = Site.Columns.Association(snapshot, c);
            var date = Site.Columns.IssueDate(c);
            return new FeedEntry(c, $"{Site.Columns.IssueLabel(c)}。{c.Value("theme") ?? c.Name}",
                date == DateOnly.MinValue ? c.UpdatedUtc : JapaneseDates.JapanMidnightToUtc(date), association?.Name, association?.Url);
        }).ToList();
        return Write(snapshot, ColumnsTitle, ColumnsPath, list?.Url ?? "/", "feed:columns", entries);
    }

    public string Pages(PublishedSnapshot snapshot)
    {
        var entries = snapshot.All
            .Where(p => p.Url is not null && !p.Is("column") && !p.Is("sitemapPage") && p != snapshot.Site)
            .OrderByDescending(p => p.UpdatedUtc).ThenBy(p => p.Url, StringComparer.Ordinal).Take(PagesShown)
            .Select(p => new FeedEntry(p, p.Value("lead") ?? p.Value("summary") ?? p.Name, p.UpdatedUtc, null, null))
            .ToList();
        return Write(snapshot, PagesTitle, PagesPath, "/", "feed:pages", entries);
    }

    private string Write(PublishedSnapshot snapshot, string title, string selfPath, string alternatePath, string idSuffix, IReadOnlyList<FeedEntry> entries)
    {
        var siteName = snapshot.Roots.FirstOrDefault(r => r.Is("siteSettings"))?.Value("siteName") ?? "大和郡山市 在宅医療・介護連携";
        var text = new StringBuilder();
        using (var w = XmlWriter.Create(new StringWriterUtf8(text), new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            w.WriteStartDocument();
            w.WriteStartElement("feed", AtomNs);
            w.WriteAttributeString("xml", "lang", null, "ja");
            Element(w, "id", site.Absolute(selfPath));
            Element(w, "title", $"{title}｜{siteName}");
            Element(w, "updated", Rfc3339(entries.Count > 0 ? entries.Max(e => e.Page.UpdatedUtc) : snapshot.Site?.UpdatedUtc ?? DateTime.UnixEpoch));
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
                Link(w, "alternate", site.Absolute(e.Page.Url!), "text/html");
                Element(w, "published", Rfc3339(e.PublishedUtc));
                Element(w, "updated", Rfc3339(e.Page.UpdatedUtc));
                if (e.Author is not null)
                {
                    w.WriteStartElement("author", AtomNs);
                    Element(w, "name", e.Author);
                    if (e.AuthorUrl is not null) Element(w, "uri", site.Absolute(e.AuthorUrl));
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
