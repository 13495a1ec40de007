"""Helpers shared by the Python checks: where the site lives and how a URL maps to a file in the output folder.

A URL is internal when it is relative, root-relative, or absolute on the site's own host (the host of the base URL,
or a loopback host such as 127.0.0.1 / localhost). Internal URLs are checked by path, never fetched: the path (less the
base URL's path prefix, for sites served under a sub-folder) is looked up in the output folder, and a folder maps to
its index.html.
"""
import os
import re
import urllib.parse
from html.parser import HTMLParser

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
SKIP_SCHEMES = {"mailto", "tel", "javascript", "data", "blob", "about"}


def site_files(root, suffixes):
    """Every file under root whose name ends with one of suffixes, as paths relative to root, sorted."""
    found = []
    for dirpath, dirnames, files in os.walk(root):
        dirnames.sort()
        for name in files:
            if name.endswith(suffixes):
                found.append(os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/"))
    return sorted(found)


class _Canonical(HTMLParser):
    def __init__(self):
        super().__init__()
        self.href = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "canonical" in (a.get("rel") or "").split() and a.get("href") and self.href is None:
            self.href = a["href"]


def base_url(root):
    """The site's base URL: $E2E_BASE_URL, else read off the home page's canonical link, else None."""
    env = os.environ.get("E2E_BASE_URL", "").strip()
    if env:
        return env
    home = os.path.join(root, "index.html")
    if os.path.isfile(home):
        p = _Canonical()
        p.feed(open(home, encoding="utf-8", errors="replace").read())
        if p.href and re.match(r"https?://", p.href):
            u = urllib.parse.urlsplit(p.href)
            return f"{u.scheme}://{u.netloc}{u.path if u.path.endswith('/') else u.path.rsplit('/', 1)[0] + '/'}"
    return None


class Resolver:
    """Maps URLs found in the output folder to files in it."""

    def __init__(self, root, base=None):
        self.root = os.path.abspath(root)
        self.base = base
        b = urllib.parse.urlsplit(base) if base else None
        self.host = b.netloc.lower() if b else None
        self.prefix = (b.path if b and b.path else "/") if b else "/"
        if not self.prefix.endswith("/"):
            self.prefix += "/"
        # more hosts that are this site's own (E2E_SITE_HOSTS, comma-separated; `run` sets it to site.toml's
        # base_url host when it builds for loopback): links to them must exist in the output too
        self.extra = {h.strip().lower() for h in os.environ.get("E2E_SITE_HOSTS", "").split(",") if h.strip()}

    def is_internal_host(self, netloc):
        netloc = netloc.lower()
        host = netloc.rsplit("@", 1)[-1]
        hostname = host.rsplit(":", 1)[0] if not host.startswith("[") else host.split("]")[0] + "]"
        return (netloc == self.host or host == self.host or hostname in LOOPBACK
                or host in self.extra or hostname in self.extra)

    def resolve(self, src_rel, url):
        """Returns None for external/non-navigable URLs, else (file path relative to root or None if missing,
        fragment, path looked up). src_rel is the referring file, relative to root ('' for absolute-only contexts)."""
        url = (url or "").strip()
        if not url:
            return None
        u = urllib.parse.urlsplit(url)
        if u.scheme and u.scheme.lower() in SKIP_SCHEMES:
            return None
        if u.scheme and u.scheme.lower() not in ("http", "https"):
            return None
        if u.netloc:
            if not self.is_internal_host(u.netloc):
                return None
            path = u.path or "/"
        elif u.path.startswith("/"):
            path = u.path
        elif u.path == "":
            path = "/" + src_rel if src_rel else "/"
        else:
            here = "/" + os.path.dirname(src_rel) if src_rel else "/"
            path = urllib.parse.urljoin(here.rstrip("/") + "/", u.path)
        path = urllib.parse.unquote(path)
        # a site served under a sub-folder (base URL https://host/repo/) has every absolute path start with it
        if self.prefix != "/" and (u.netloc or u.path.startswith("/")):
            if path.startswith(self.prefix):
                path = "/" + path[len(self.prefix):]
            elif path + "/" == self.prefix:
                path = "/"
        fs = os.path.normpath(os.path.join(self.root, path.lstrip("/")))
        if not (fs == self.root or fs.startswith(self.root + os.sep)):
            return (None, u.fragment, path)
        if os.path.isdir(fs):
            fs = os.path.join(fs, "index.html")
        if not os.path.isfile(fs):
            return (None, u.fragment, path)
        return (os.path.relpath(fs, self.root).replace(os.sep, "/"), u.fragment, path)


class PageScan(HTMLParser):
    """Collects ids (and <a name>) and every href/src/srcset of one HTML page, with line numbers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()
        self.links = []  # (line, attribute, url)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        line = self.getpos()[0]
        rel = (a.get("rel") or "").split()
        for key in ("href", "src", "poster", "data"):
            if a.get(key) is None:
                continue
            if tag == "link" and set(rel) & {"preconnect", "dns-prefetch"}:
                continue
            if key == "data" and tag != "object":
                continue
            self.links.append((line, key, a[key]))
        for key in ("srcset", "imagesrcset"):
            if a.get(key):
                for part in a[key].split(","):
                    if part.strip():
                        self.links.append((line, key, part.split()[0]))

    handle_startendtag = handle_starttag


def record_stats(**counts):
    """Appends counts for the run's summary to $E2E_STATS, when the runner sets it."""
    stats = os.environ.get("E2E_STATS")
    if stats:
        with open(stats, "a") as f:
            f.writelines(f"{name}={value}\n" for name, value in counts.items())
