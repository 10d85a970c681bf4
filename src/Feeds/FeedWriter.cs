using System.Globalization;
using System.Text;
using System.Xml;
using Blog.Data;

namespace Blog.Feeds;

/// <summary>Writes RSS 2.0 and Atom 1.0 with XmlWriter (System.ServiceModel.Syndication is not available here).</summary>
internal static class FeedWriter
{
    private const string AtomNs = "http://www.w3.org/2005/Atom";
    private const string ContentNs = "http://purl.org/rss/1.0/modules/content/";
    private const string DcNs = "http://purl.org/dc/elements/1.1/";

    private static readonly XmlWriterSettings Settings = new() { Encoding = new UTF8Encoding(false), Indent = false, Async = false };

    public static byte[] Rss(FeedChannel channel, IReadOnlyList<FeedEntry> entries, Func<FeedEntry, string> link, Func<FeedEntry, string> id)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "atom", null, AtomNs);
            xml.WriteAttributeString("xmlns", "content", null, ContentNs);
            xml.WriteAttributeString("xmlns", "dc", null, DcNs);
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", Text(channel.Title));
            xml.WriteElementString("link", channel.SiteUrl);
            xml.WriteElementString("description", Text(channel.Description));
            xml.WriteElementString("language", Text(channel.Language));
            xml.WriteElementString("generator", "Blog");
            if (entries.Count > 0)
                xml.WriteElementString("lastBuildDate", Rfc822(entries.Max(e => e.UpdatedAt)));
            xml.WriteStartElement("atom", "link", AtomNs);
            xml.WriteAttributeString("href", channel.SelfUrl);
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", "application/rss+xml");
            xml.WriteEndElement();

            foreach (var entry in entries)
            {
                var url = link(entry);
                xml.WriteStartElement("item");
                xml.WriteElementString("title", Text(entry.Title));
                xml.WriteElementString("link", url);
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "false");
                xml.WriteString(id(entry));
                xml.WriteEndElement();
                xml.WriteElementString("pubDate", Rfc822(entry.PublishedAt));
                xml.WriteElementString("dc", "creator", DcNs, Text(channel.Author));
                if (entry.Category is not null)
                    xml.WriteElementString("category", Text(entry.Category));
                foreach (var tag in entry.Tags)
                    xml.WriteElementString("category", Text(tag));
                xml.WriteElementString("description", Text(entry.Summary));
                xml.WriteStartElement("content", "encoded", ContentNs);
                xml.WriteString(Text(AbsoluteLinks.Resolve(entry.Html, new Uri(url))));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }

    public static byte[] Atom(FeedChannel channel, IReadOnlyList<FeedEntry> entries, Func<FeedEntry, string> link, Func<FeedEntry, string> id, string feedId)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", AtomNs);
            xml.WriteAttributeString("xml", "lang", null, Text(channel.Language));
            xml.WriteElementString("title", AtomNs, Text(channel.Title));
            xml.WriteElementString("subtitle", AtomNs, Text(channel.Description));
            xml.WriteElementString("id", AtomNs, feedId);
            xml.WriteElementString("updated", AtomNs, Rfc3339(entries.Count > 0 ? entries.Max(e => e.UpdatedAt) : DateTime.UnixEpoch));
            WriteLink(xml, channel.SiteUrl, "alternate", "text/html");
            WriteLink(xml, channel.SelfUrl, "self", "application/atom+xml");
            xml.WriteStartElement("author", AtomNs);
            xml.WriteElementString("name", AtomNs, Text(channel.Author));
            xml.WriteEndElement();
            xml.WriteElementString("generator", AtomNs, "Blog");

            foreach (var entry in entries)
            {
                var url = link(entry);
                xml.WriteStartElement("entry", AtomNs);
                xml.WriteElementString("title", AtomNs, Text(entry.Title));
                WriteLink(xml, url, "alternate", "text/html");
                xml.WriteElementString("id", AtomNs, id(entry));
                xml.WriteElementString("published", AtomNs, Rfc3339(entry.PublishedAt));
                xml.WriteElementString("updated", AtomNs, Rfc3339(entry.UpdatedAt));
                if (entry.Category is not null)
                    WriteCategory(xml, entry.Category);
                foreach (var tag in entry.Tags)
                    WriteCategory(xml, tag);
                xml.WriteStartElement("summary", AtomNs);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(Text(entry.Summary));
                xml.WriteEndElement();
                xml.WriteStartElement("content", AtomNs);
                xml.WriteAttributeString("type", "html");
                xml.WriteString(Text(AbsoluteLinks.Resolve(entry.Html, new Uri(url))));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return stream.ToArray();
    }

    /// <summary>What the site stores may hold characters XML forbids (settings, names, older rows): see StoredText.</summary>
    private static string Text(string? text) => StoredText.Clean(text ?? "");

    private static void WriteLink(XmlWriter xml, string href, string rel, string type)
    {
        xml.WriteStartElement("link", AtomNs);
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteEndElement();
    }

    private static void WriteCategory(XmlWriter xml, string term)
    {
        xml.WriteStartElement("category", AtomNs);
        xml.WriteAttributeString("term", Text(term));
        xml.WriteEndElement();
    }

    public static string Rfc822(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture);

    public static string Rfc3339(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
