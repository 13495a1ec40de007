#!/usr/bin/env python3
"""feeds: every *.xml feed in the output (except sitemaps) parses in the feed client `feedparser` with bozo == 0;
every item has a title, a link, a guid/id, a parseable published date and its full content (content:encoded); every
item link maps to a built page. Read from the raw XML (feedparser would resolve them itself, as not every reader or
RSS-to-email service does), every href, src and srcset URL in an item is absolute, with no heading self-links left
in; a feed holds at most $E2E_FEED_LIMIT items (default 20, site.toml's default feed_limit; 0 = no limit). The sitemap parses as XML and every <loc> maps to a file.

usage: check_feeds.py SITE_DIR            (base URL: $E2E_BASE_URL, else read off index.html's canonical link)
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitepaths import Resolver, base_url, record_stats, site_files  # noqa: E402

try:
    import feedparser
except ImportError:
    print("feeds: the Python package feedparser is missing (pip install --user feedparser)")
    sys.exit(2)

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
URL_ATTR = re.compile(r"""\s(href|src|srcset)\s*=\s*["']([^"']*)["']""")
ABSOLUTE = re.compile(r"(?i)(https?:|mailto:|tel:|data:)")


def relative_urls(html):
    """The URLs of an HTML fragment that a reader without the page could not resolve."""
    found = []
    for m in URL_ATTR.finditer(html):
        values = [c.strip().split()[0] for c in m.group(2).split(",") if c.strip()] if m.group(1) == "srcset" else [m.group(2).strip()]
        found += [u for u in values if not ABSOLUTE.match(u.replace("&amp;", "&"))]
    return found
TAGS = re.compile(r"<[^>]+>")


def plain(html):
    return re.sub(r"\s+", " ", TAGS.sub(" ", html or "")).strip()


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print(__doc__.strip())
        return 2
    root = os.path.abspath(sys.argv[1])
    base = base_url(root)
    res = Resolver(root, base)
    problems = []

    def fail(where, msg):
        problems.append(f"{where}: {msg}")
        print(f"FAIL {where}: {msg}")

    nfeeds = nitems = nsitemaps = nlocs = 0
    for rel in site_files(root, (".xml",)):
        raw = open(os.path.join(root, rel), "rb").read()
        name = os.path.basename(rel)
        if name.startswith("sitemap") or b"<urlset" in raw[:600] or b"<sitemapindex" in raw[:600]:
            nsitemaps += 1
            try:
                doc = ET.fromstring(raw)
            except ET.ParseError as e:
                fail(rel, f"sitemap is not well-formed XML: {e}")
                continue
            if doc.tag not in (f"{SITEMAP_NS}urlset", f"{SITEMAP_NS}sitemapindex"):
                fail(rel, f"root element is {doc.tag}, expected the sitemaps.org urlset")
            locs = [(el.text or "").strip() for el in doc.iter(f"{SITEMAP_NS}loc")]
            if not locs:
                fail(rel, "sitemap lists no <loc>")
            for loc in locs:
                nlocs += 1
                if not re.match(r"https?://", loc):
                    fail(rel, f"<loc> is not an absolute URL: {loc!r}")
                t = res.resolve("", loc)
                if t is None:
                    fail(rel, f"<loc> {loc!r} is on another host than the base URL {base!r}")
                elif t[0] is None:
                    fail(rel, f"<loc> {loc!r} maps to {t[2]}, which is not in the output")
            print(f"ok   {rel}: sitemap, {len(locs)} <loc>")
            continue

        nfeeds += 1
        limit = int(os.environ.get("E2E_FEED_LIMIT", "20"))
        raw_items = ET.fromstring(raw).iter("item")
        for i, item in enumerate(raw_items, 1):
            if limit and i > limit:
                fail(rel, f"more than {limit} items (feed_limit)")
                break
            for field in ("description", CONTENT):
                html = item.findtext(field) or ""
                for u in relative_urls(html):
                    fail(f"{rel} item {i}", f"{field.split('}')[-1]} has a relative URL {u!r}; feed readers and RSS-to-email need absolute URLs")
                if 'class="heading-link"' in html:
                    fail(f"{rel} item {i}", "a heading self-link (page chrome) is left in the content")
        d = feedparser.parse(raw)
        if d.bozo:
            fail(rel, f"feedparser bozo=1: {d.get('bozo_exception')!r}")
        if not d.version:
            fail(rel, "feedparser does not recognise this as RSS or Atom")
        ch = d.feed
        for key in ("title", "link"):
            if not ch.get(key):
                fail(rel, f"channel has no {key}")
        if not d.entries:
            fail(rel, "feed has no items")
        seen = set()
        for i, e in enumerate(d.entries, 1):
            nitems += 1
            tag = f"{rel} item {i} ({(e.get('title') or '?')[:50]!r})"
            for key, label in (("title", "title"), ("link", "link"), ("id", "guid/id")):
                if not (e.get(key) or "").strip():
                    fail(tag, f"no {label}")
            if e.get("id"):
                if e["id"] in seen:
                    fail(tag, f"guid {e['id']!r} repeats an earlier item's")
                seen.add(e["id"])
            if not e.get("published_parsed"):
                fail(tag, f"no parseable published date (pubDate {e.get('published')!r})")
            content = [c.get("value", "") for c in e.get("content", []) if c.get("value", "").strip()]
            if not content:
                fail(tag, "no full content (content:encoded is missing or empty)")
            else:
                body = plain(content[0])
                if body and body == plain(e.get("summary", "")) and len(body) < 400:
                    fail(tag, "content:encoded only repeats the summary; expected the full text")
            link = (e.get("link") or "").strip()
            if link:
                if not re.match(r"https?://", link):
                    fail(tag, f"link is not absolute: {link!r}")
                t = res.resolve("", link)
                if t is None:
                    fail(tag, f"link {link!r} is on another host than the base URL {base!r}")
                elif t[0] is None:
                    fail(tag, f"link {link!r} maps to {t[2]}, which is not a built page")
                elif not t[0].endswith(".html"):
                    fail(tag, f"link {link!r} maps to {t[0]}, not an HTML page")
        print(f"ok   {rel}: {d.version or '?'} feed, {len(d.entries)} items" if not any(
            p.startswith(rel) for p in problems) else f"...  {rel}: {len(d.entries)} items, see above")

    if nfeeds == 0:
        fail("(site)", "no feed found (*.xml other than the sitemap)")
    if nsitemaps == 0:
        fail("(site)", "no sitemap.xml")
    print(f"feeds: {nfeeds} feeds, {nitems} items, {nsitemaps} sitemap(s) with {nlocs} <loc>, {len(problems)} problems")
    record_stats(feeds_checked=nfeeds, feed_items_checked=nitems)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
