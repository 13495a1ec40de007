#!/usr/bin/env python3
"""Edit-to-reload latency of `site serve`: the time from a saved body edit to the reload event on the
live-reload stream, and to the new page being served.

usage: bench/serve_latency.py [--site DIR] [--edits 30] [--binary target/release/site]

The site folder (default: the repository's own site) is copied to a temporary folder first; the copy is
what gets edited. Each edit changes one word in the body of one text and is written the way editors save
(write a temporary file, rename it over the original). Prints the median, 90th percentile and maximum.
"""
import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import queue
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def events(address, out):
    """Reads Server-Sent Events into `out` as (time, event, data)."""
    host, port = address.split(":")
    sock = socket.create_connection((host, int(port)))
    sock.sendall(f"GET /__site/events HTTP/1.1\r\nHost: {address}\r\n\r\n".encode())
    buf = b""
    event, data = None, []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return
        buf += chunk
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            line = line.decode("utf-8", "replace").rstrip("\r")
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
            elif line == "" and event:
                out.put((time.perf_counter(), event, "\n".join(data)))
                event, data = None, []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", default=str(REPO))
    ap.add_argument("--edits", type=int, default=30)
    ap.add_argument("--binary", default=str(REPO / "target/release/site"))
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="serve-latency."))
    site = work / "site"
    site.mkdir()
    for part in ["site.toml", "content", "templates", "static", "i18n"]:
        src = Path(args.site) / part
        if src.is_dir():
            shutil.copytree(src, site / part)
        elif src.exists():
            shutil.copy(src, site / part)
    essays = sorted((site / "content/essays").glob("*.pt-BR.md"))
    target = essays[len(essays) // 2]
    pages = sum(1 for _ in (site / "content").rglob("*.md"))

    started = time.perf_counter()
    # --now after every generated date: the whole corpus is live, as in bench/run.
    server = subprocess.Popen([args.binary, "--root", str(site), "serve", "--port", "0", "--now", "2200-01-01T00:00"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        first = server.stdout.readline()
        threading.Thread(target=lambda: [None for _ in server.stdout], daemon=True).start()
        address = first.split("http://")[1].split("/")[0]
        ready = time.perf_counter() - started
        q = queue.Queue()
        threading.Thread(target=events, args=(address, q), daemon=True).start()
        assert q.get(timeout=30)[1] == "hello"

        slug = target.name.split(".")[0]
        text = target.read_text(encoding="utf-8")
        # Edits go into the body: after the closing `+++` of the front matter.
        body_at = text.index("+++\n", 4) + 4
        to_reload, to_served = [], []
        for i in range(args.edits):
            marker = f"medida{i}x"
            body = text[body_at:]
            new = text[:body_at] + body.replace("\n\n", f"\n\n{marker} ", 1)
            tmp = target.with_name("." + target.name + ".swp")
            tmp.write_text(new, encoding="utf-8")
            # Drain stale events, then save the way editors do.
            while not q.empty():
                q.get_nowait()
            os.replace(tmp, target)
            saved = time.perf_counter()
            while True:
                at, event, data = q.get(timeout=30)
                if event == "reload" and any(l.endswith(f"/{slug}/") for l in data.split("\n")):
                    break
                if event == "problem":
                    sys.exit(f"the edit produced an error:\n{data}")
            to_reload.append((at - saved) * 1000)
            path = next(l for l in data.split("\n") if l.endswith(f"/{slug}/") and not l.startswith("/en/"))
            html = urllib.request.urlopen(f"http://{address}{path}").read().decode()
            served = time.perf_counter()
            if marker not in html:
                sys.exit(f"edit {i}: the page does not show the edit")
            to_served.append((served - saved) * 1000)
            time.sleep(0.05)

        def row(name, xs):
            xs = sorted(xs)
            p90 = xs[int(len(xs) * 0.9) - 1] if len(xs) >= 10 else xs[-1]
            return f"{name:<28} median {statistics.median(xs):6.1f} ms   p90 {p90:6.1f} ms   max {xs[-1]:6.1f} ms"

        print(f"site: {args.site} ({pages} text files), edited {target.relative_to(site)}; "
              f"server ready in {ready:.2f} s; {args.edits} edits")
        print(row("saved -> reload event", to_reload))
        print(row("saved -> new page served", to_served))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
