#!/usr/bin/python3
"""External validators for the open-data tests (Debian's python3-feedparser, python3-lxml, python3-rdflib).

Reads a document on stdin and prints one JSON object of findings on stdout:
  atom  -- feedparser's reading (bozo, version, entries) plus RFC 4287's required elements, checked with lxml
  csv   -- BOM, UTF-8, RFC 4180 rows of equal length (Python's csv module)
  dcat  -- the JSON-LD parsed into RDF by rdflib; datasets, distributions, licences, sizes
"""
import csv, io, json, sys

def atom(data):
    import feedparser
    from lxml import etree
    parsed = feedparser.parse(data)
    problems = []
    ns = {"a": "http://www.w3.org/2005/Atom"}
    root = etree.fromstring(data)
    if root.tag != "{http://www.w3.org/2005/Atom}feed":
        problems.append("root is not atom:feed")
    def once(el, name, where):
        n = len(el.findall("a:" + name, ns))
        if n != 1:
            problems.append(f"{where} has {n} atom:{name} (RFC 4287 wants exactly one)")
    for name in ("id", "title", "updated"):
        once(root, name, "feed")
    feed_author = root.find("a:author", ns) is not None
    for i, e in enumerate(root.findall("a:entry", ns)):
        for name in ("id", "title", "updated"):
            once(e, name, f"entry {i}")
        if not feed_author and e.find("a:author", ns) is None:
            problems.append(f"entry {i} has no author and the feed has none")
        if e.find("a:content", ns) is None and not e.findall("a:link[@rel='alternate']", ns):
            problems.append(f"entry {i} has neither content nor an alternate link")
    ids = [e.findtext("a:id", namespaces=ns) for e in root.findall("a:entry", ns)]
    if len(ids) != len(set(ids)):
        problems.append("entry ids repeat")
    return {
        "bozo": int(parsed.bozo),
        "bozo_exception": str(parsed.get("bozo_exception", "")),
        "version": parsed.version,
        "title": parsed.feed.get("title", ""),
        "self": next((l["href"] for l in parsed.feed.get("links", []) if l.get("rel") == "self"), None),
        "entries": [{"id": e.get("id"), "title": e.get("title"), "link": e.get("link"),
                     "author": e.get("author"), "updated": e.get("updated")} for e in parsed.entries],
        "problems": problems,
    }

def csv_check(data):
    bom = data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    widths = sorted({len(r) for r in rows})
    return {"bom": bom, "crlf": "\r\n" in text, "header": rows[0] if rows else [], "rows": rows[1:], "widths": widths}

def dcat(data):
    import rdflib
    from rdflib.namespace import DCAT, DCTERMS, RDF
    g = rdflib.Graph()
    g.parse(data=data.decode("utf-8"), format="json-ld")
    catalogs = list(g.subjects(RDF.type, DCAT.Catalog))
    datasets = []
    for d in g.subjects(RDF.type, DCAT.Dataset):
        dists = []
        for dist in g.objects(d, DCAT.distribution):
            size = g.value(dist, DCAT.byteSize)
            dists.append({
                "downloadURL": str(g.value(dist, DCAT.downloadURL)),
                "mediaType": str(g.value(dist, DCAT.mediaType)),
                "byteSize": int(size.toPython()) if size is not None else None,
                "license": str(g.value(dist, DCTERMS.license)),
            })
        datasets.append({"id": str(d), "title": str(g.value(d, DCTERMS.title)),
                         "license": str(g.value(d, DCTERMS.license)), "distributions": dists,
                         "inCatalog": any((c, DCAT.dataset, d) in g for c in catalogs)})
    return {"catalogs": len(catalogs), "triples": len(g), "datasets": datasets}

if __name__ == "__main__":
    kind = sys.argv[1]
    data = sys.stdin.buffer.read()
    result = {"atom": atom, "csv": csv_check, "dcat": dcat}[kind](data)
    json.dump(result, sys.stdout, ensure_ascii=False)
