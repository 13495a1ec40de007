#!/usr/bin/env python3
"""links: every internal href/src/srcset in every HTML page, and every link in the feeds and the sitemap, resolves
to a file in the output folder (a folder to its index.html); every #fragment resolves to an id on the target page.
Links to other hosts are ignored. Links inside feed item content are checked too (relative to the item's link).

usage: check_links.py SITE_DIR            (base URL: $E2E_BASE_URL, else read off index.html's canonical link)
"""
import os
import re
import sys
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sitepaths import PageScan, Resolver, base_url, record_stats, site_files  # noqa: E402

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print(__doc__.strip())
        return 2
    root = os.path.abspath(sys.argv[1])
    base = base_url(root)
    res = Resolver(root, base)
    print(f"links: site {root}, base URL {base or '(none: only relative and root-relative links are internal)'}")

    ids, links = {}, []  # links: (source file, line, what, url, context file for relative urls)
    pages = site_files(root, (".html",))
    for rel in pages:
        scan = PageScan()
        scan.feed(open(os.path.join(root, rel), encoding="utf-8", errors="replace").read())
        ids[rel] = scan.ids
        links += [(rel, line, attr, url, rel) for line, attr, url in scan.links]

    feeds = site_files(root, (".xml",))
    for rel in feeds:
        raw = open(os.path.join(root, rel), "rb").read()
        text = raw.decode("utf-8", "replace")
        line_of = lambda s: text.count("\n", 0, max(text.find(s), 0)) + 1  # noqa: E731
        try:
            doc = ET.fromstring(raw)
        except ET.ParseError as e:
            print(f"FAIL {rel}: not well-formed XML ({e}); its links were not checked")
            links.append((rel, 0, "xml", None, rel))
            continue
        for el in doc.iter():
            tag = el.tag
            if tag in ("link", f"{ATOM}link", "loc", "{http://www.sitemaps.org/schemas/sitemap/0.9}loc",
                       f"{XHTML}link", "url", "comments", "docs") or tag.endswith("}loc"):
                url = el.get("href") if el.get("href") is not None else (el.text or "")
                if tag in ("docs",) or not url.strip():
                    continue
                links.append((rel, line_of(url.strip()), tag.split("}")[-1], url.strip(), ""))
            elif tag in ("enclosure",) and el.get("url"):
                links.append((rel, line_of(el.get("url")), "enclosure", el.get("url"), ""))
        # links inside each item's HTML content, relative to the item's own link
        for item in list(doc.iter("item")) + list(doc.iter(f"{ATOM}entry")):
            item_link = (item.findtext("link") or "").strip()
            if not item_link:
                al = item.find(f"{ATOM}link")
                item_link = al.get("href", "") if al is not None else ""
            target = res.resolve("", item_link) if item_link else None
            ctx = target[0] if target and target[0] else ""
            for body in [item.findtext(CONTENT), item.findtext("description"), item.findtext(f"{ATOM}content")]:
                if not body:
                    continue
                scan = PageScan()
                scan.feed(body)
                for _, attr, url in scan.links:
                    links.append((rel, line_of(url), f"item content {attr}", url, ctx))

    bad = checked = external = 0
    grouped = {}  # problem -> [where], so that a broken link in a shared template reads as one line
    for src, line, what, url, ctx in links:
        if url is None:
            bad += 1
            continue
        t = res.resolve(ctx, url)
        if t is None:
            if re.match(r"(?i)https?://|//", url):
                external += 1
            continue
        checked += 1
        target, frag, path = t
        if target is None:
            bad += 1
            grouped.setdefault(f"broken {what} {url!r} (no file for path {path})", []).append(f"{src}:{line}")
            continue
        if frag and target.endswith(".html"):
            # as browsers do: the fragment as written, else percent-decoded
            known = ids.get(target, set())
            if frag not in known and urllib.parse.unquote(frag) not in known and frag.lower() != "top":
                bad += 1
                grouped.setdefault(f"{what} {url!r}: no id {urllib.parse.unquote(frag)!r} on {target}", []).append(f"{src}:{line}")
    for problem, where in grouped.items():
        more = f" and {len(where) - 3} more" if len(where) > 3 else ""
        print(f"FAIL {problem}: in {', '.join(where[:3])}{more}")

    print(f"links: {len(pages)} pages, {len(feeds)} xml files, {checked} internal links checked, "
          f"{external} external ignored, {bad} broken")
    record_stats(links_checked=checked)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
