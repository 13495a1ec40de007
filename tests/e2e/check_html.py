#!/usr/bin/env python3
"""html: the Nu Html Checker (vnu.jar from the npm package vnu-jar, run with java) over every .html file of the
output: zero errors (warnings are printed, not fatal). Then each page must have <html lang>, a <title>, a meta
description and a canonical link (404.html is exempt from the canonical link: a not-found page has no canonical URL).

usage: check_html.py SITE_DIR        (vnu.jar: $VNU_JAR, else tests/e2e/node_modules/vnu-jar/build/dist/vnu.jar)
"""
import json
import os
import shutil
import subprocess
import sys
import urllib.parse
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from sitepaths import record_stats, site_files  # noqa: E402


class Head(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = self.desc = self.canon = None
        self.title = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html" and self.lang is None:
            self.lang = (a.get("lang") or "").strip()
        elif tag == "title":
            self._in_title = True
            self.title = self.title or ""
        elif tag == "meta" and (a.get("name") or "").lower() == "description":
            self.desc = (a.get("content") or "").strip()
        elif tag == "link" and "canonical" in (a.get("rel") or "").lower().split():
            self.canon = (a.get("href") or "").strip()

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def run_vnu(root, pages):
    jar = os.environ.get("VNU_JAR") or os.path.join(HERE, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
    if not os.path.isfile(jar):
        print(f"FAIL vnu.jar not found at {jar} (run npm ci in tests/e2e)")
        return 1, 0
    if not shutil.which("java"):
        print("FAIL java not found (apt-get install -y default-jre-headless)")
        return 1, 0
    files = [os.path.join(root, p) for p in pages]
    proc = subprocess.run(["java", "-Xss4m", "-jar", jar, "--format", "json", "--skip-non-html", *files],
                          capture_output=True, text=True)
    out = proc.stderr.strip() or proc.stdout.strip()
    try:
        messages = json.loads(out).get("messages", []) if out else []
    except json.JSONDecodeError:
        print("FAIL the Nu Html Checker did not answer in JSON:\n" + out[-3000:])
        return 1, 0
    errors = warnings = 0
    grouped = {}
    for m in messages:
        url = m.get("url", "")
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path) if url.startswith("file:") else url
        where = os.path.relpath(path, root) if path.startswith(root) else (path or "(checker)")
        line = m.get("lastLine") or m.get("firstLine") or ""
        col = m.get("firstColumn") or m.get("lastColumn") or ""
        pos = f"{where}:{line}:{col}" if line else where
        extract = (m.get("extract") or "").replace("\n", " ").strip()
        extract = f"  [{extract[:160]}]" if extract else ""
        kind, sub = m.get("type"), m.get("subType")
        if kind == "error" or kind == "non-document-error":
            errors += 1
            print(f"FAIL {pos}: vnu error: {m.get('message')}{extract}")
        elif kind == "info" and sub == "warning":
            warnings += 1
            grouped.setdefault((m.get("message"), extract), []).append(pos)
    for (message, extract), where in grouped.items():  # the same warning from a shared template reads as one line
        more = f" and {len(where) - 3} more" if len(where) > 3 else ""
        print(f"warn vnu warning: {message}{extract}: in {', '.join(where[:3])}{more}")
    if proc.returncode != 0 and errors == 0:
        print(f"FAIL the Nu Html Checker exited {proc.returncode} without reporting an error:\n{out[-2000:]}")
        errors += 1
    print(f"html: Nu Html Checker: {len(pages)} pages, {errors} errors, {warnings} warnings")
    return errors, warnings


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        print(__doc__.strip())
        return 2
    root = os.path.abspath(sys.argv[1])
    pages = site_files(root, (".html",))
    if not pages:
        print(f"FAIL no .html file under {root}")
        return 1
    errors, _ = run_vnu(root, pages)

    lacking = 0
    for rel in pages:
        h = Head()
        h.feed(open(os.path.join(root, rel), encoding="utf-8", errors="replace").read())
        missing = []
        if not h.lang:
            missing.append("<html lang>")
        if not (h.title or "").strip():
            missing.append("<title>")
        if not h.desc:
            missing.append('<meta name="description">')
        if not h.canon and os.path.basename(rel) != "404.html":
            missing.append('<link rel="canonical">')
        if missing:
            lacking += 1
            print(f"FAIL {rel}: missing or empty {', '.join(missing)}")
    print(f"html: head check: {len(pages)} pages, {lacking} lack lang/title/description/canonical")
    record_stats(pages_checked=len(pages))
    return 1 if errors or lacking else 0


if __name__ == "__main__":
    sys.exit(main())
