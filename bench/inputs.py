"""``python -m bench --inputs``: inputs that used to stall the tool before any model call,
timed to the first model request (each run replays from an empty recording, so it stops
there with a replay miss: no model is needed, and what is timed is loading, cleaning,
sentence splitting, quote finding, claims, the passages addressed to software and the plan).

* a 189-byte ``text/html`` page of ``<?a?>`` repeated 30 times, served on 127.0.0.1 (the
  feed sniffing regex backtracked exponentially on it: 262 s before);
* one 400 KB paragraph (sentence splitting grew with the square of a paragraph: 341 s);
* 2 MB of 4,302 different paragraphs;
* a 30 KB ``.html`` page of nested, unclosed markup (``<div><p><b><i><span><a>`` opened and
  never closed, a line of text in each, a ``<table>`` left open every tenth);
* a 5,000-entry RSS feed served on 127.0.0.1, each entry linking to a short article page on
  the same server (the first 50 are read: ``--max-entries``).

Each input is run at its size (2n) and at half of it (n) and the growth column is
time(2n)/time(n): 2 is linear, and a start-up that does not grow pulls it toward 1. The texts
are generated here with a fixed seed (written for the bench, invented names). Each input runs
in its own ``summarizer extract`` process; wall seconds and peak RSS."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGE = (b"<?a?>" * 30 + b"<html><body><p>x</p></body></html>").ljust(189)  # 150 bytes of processing instructions


def _pi_page(size: int) -> bytes:
    """The hostile page at ``size`` bytes: processing instructions, then a one-line body."""
    tail = b"<html><body><p>x</p></body></html>"
    return (b"<?a?>" * max(1, (size - len(tail) - 5) // 5) + tail).ljust(size)


def _paragraph_text(chars: int) -> str:
    parts, i = [], 0
    while sum(map(len, parts)) < chars:
        parts.append(f"The council of Tamsby voted on day {i} to build {i % 7 + 2} new bridges, Mr. Berg said.")
        i += 1
    return "Council votes on bridges\n\n" + " ".join(parts)[:chars] + "\n"


def _many_paragraphs(chars: int) -> str:
    rnd = random.Random(7)
    words = "council bridge river mayor budget vote road school harbour station winter police court market ferry".split()
    names = "Tamsby Ardena Marlow Kessvik Lorvania Osk Brenn Holm Berg Vale Dunmoor Castrel".split()
    paras, size, i = [], 0, 0
    while size < chars:
        sents = [
            f"The {rnd.choice(words)} of {rnd.choice(names)} {rnd.choice(['voted', 'agreed', 'said', 'warned'])} on day {i}-{k} "
            f"that {rnd.randint(2, 900)} {rnd.choice(words)}s would {rnd.choice(['close', 'open', 'cost more', 'move'])}, "
            f"Mr. {rnd.choice(names)} said."
            for k in range(rnd.randint(3, 6))
        ]
        sents.append(f'"We will fix the {rnd.choice(words)} by {rnd.randint(1, 28)} May," said {rnd.choice(names)} {rnd.choice(names)}.')
        para = " ".join(sents)
        paras.append(para)
        size += len(para) + 2
        i += 1
    return ("Council votes on bridges\n\n" + "\n\n".join(paras))[:chars]


def _nested_markup(size: int) -> str:
    """A page of ``size`` characters whose tags are opened and never closed: every line goes
    one level deeper (the parser's tree is as deep as the page is long)."""
    rnd = random.Random(11)
    names = "Tamsby Ardena Marlow Kessvik Osk Brenn Holm Vale".split()
    out = ["<html><head><title>Council votes on bridges</title></head><body>"]
    size_now, i = len(out[0]), 0
    while size_now < size:
        line = (f"<div class='c{i}'><p><b><i><span><a href='#{i}'>The council of {rnd.choice(names)} voted on day {i} "
                f"to build {rnd.randint(2, 90)} bridges, Mr. {rnd.choice(names)} said.")  # fmt: skip
        if i % 10 == 0:
            line += "<table><tr><td>"
        out.append(line)
        size_now += len(line) + 1
        i += 1
    return "\n".join(out)[:size]


def _feed(entries: int, base: str) -> bytes:
    items = "".join(
        f"<item><title>Council vote {k}</title><link>{base}/a/story-{k}.html</link>"
        f"<pubDate>Mon, 0{1 + k % 9} Dec 2025 10:00:00 GMT</pubDate></item>"
        for k in range(entries)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Tamsby news</title>{items}</channel></rss>'.encode()


def _article_page(k: int) -> bytes:
    body = " ".join(
        f"<p>The council of Tamsby voted on day {k} to build {k % 7 + 2} new bridges over the river, Mr. Berg said. "
        f"The works will start in spring and cost {k % 40 + 3} million crowns, the mayor told reporters.</p>"
        for _ in range(3)
    )
    return f"<html><head><title>Council vote {k}</title></head><body><article><h1>Council vote {k}</h1>{body}</article></body></html>".encode()


class _Site(BaseHTTPRequestHandler):
    """The pages and feeds of one run: ``pages`` path -> (content type, body); an article page
    ``/a/story-<k>.html`` is made on request."""

    pages: dict[str, tuple[str, bytes]] = {}

    def do_GET(self) -> None:  # noqa: N802
        if self.path in self.pages:
            ctype, body = self.pages[self.path]
        elif self.path.startswith("/a/story-"):
            ctype, body = "text/html", _article_page(int(self.path.rsplit("-", 1)[1].split(".")[0]))
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def _run(arg: str, empty: Path) -> dict:
    """One ``summarizer extract`` of ``arg`` to its first model request: wall seconds, this
    process's own peak RSS (``wait4``), the last line it wrote."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "summarizer", "extract", arg, "--replay", str(empty), "-q"],
                                 stdout=subprocess.DEVNULL, stderr=err)  # fmt: skip
        _, _, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        child.returncode = 0  # reaped above
        err.seek(0)
        last = (err.read().decode(errors="replace").strip().splitlines() or [""])[-1]
    return {"seconds": seconds, "peak_rss_mb": round(usage.ru_maxrss / 1024), "ended with": last[:70]}


def _cases(root: Path, base: str) -> list[tuple[str, int, Callable[[int], str]]]:
    """(name, size 2n, input at a size -> the argument to ``extract``)."""

    def served(path: str, ctype: str, body: bytes) -> str:
        _Site.pages[path] = (ctype, body)
        return f"{base}{path}"

    def written(name: str, text: str) -> str:
        (root / name).write_text(text, encoding="utf-8")
        return str(root / name)

    return [
        ("a 189-byte page of <?a?>", len(PAGE), lambda n: served(f"/page-{n}.html", "text/html", _pi_page(n))),
        ("one 400 KB paragraph", 400_000, lambda n: written(f"paragraph-{n}.txt", _paragraph_text(n))),
        ("2 MB, 4,302 paragraphs", 2_000_000, lambda n: written(f"paragraphs-{n}.txt", _many_paragraphs(n))),
        ("30 KB of nested, unclosed markup", 30_000, lambda n: written(f"nested-{n}.html", _nested_markup(n))),
        ("a 5,000-entry feed", 5_000, lambda n: served(f"/feed-{n}.xml", "application/rss+xml", _feed(n, base))),
    ]


def bench_inputs() -> list[dict]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            empty = root / "empty-recording"
            empty.mkdir()
            for name, size, make in _cases(root, f"http://127.0.0.1:{server.server_address[1]}"):
                half = _run(make(size // 2), empty)
                full = _run(make(size), empty)
                unit = "entries" if "feed" in name else "bytes"
                rows.append({
                    "input": name, "size": f"{size:,} {unit}", "seconds": round(full["seconds"], 1),
                    "seconds_at_half": round(half["seconds"], 1), "growth": round(full["seconds"] / half["seconds"], 2),
                    "peak_rss_mb": full["peak_rss_mb"], "ended with": full["ended with"],
                })  # fmt: skip
                print(rows[-1], file=sys.stderr, flush=True)
    finally:
        server.shutdown()
    return rows
