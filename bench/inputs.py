"""``python -m bench --inputs``: inputs that used to stall the tool before any model call,
timed to the first model request (each run replays from an empty recording, so it stops
there with a replay miss: no model is needed, and what is timed is loading, cleaning,
sentence splitting, quote finding, the passages addressed to software and the plan).

* a 189-byte ``text/html`` page of ``<?a?>`` repeated 30 times, served on 127.0.0.1 (the
  feed sniffing regex backtracked exponentially on it: 262 s before);
* one 400 KB paragraph (sentence splitting grew with the square of a paragraph: 341 s);
* 2 MB of 4,302 different paragraphs.

The texts are generated here with a fixed seed (written for the bench, invented names). Each
input runs in its own ``summarizer extract`` process; wall seconds and peak RSS."""

from __future__ import annotations

import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PAGE = (b"<?a?>" * 30 + b"<html><body><p>x</p></body></html>").ljust(189)  # 150 bytes of processing instructions


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


class _Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args: object) -> None:
        pass


def _run(arg: str, empty: Path) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "summarizer", "extract", arg, "--replay", str(empty), "-q"],
        capture_output=True, text=True, timeout=1800,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    last = (done.stderr.strip().splitlines() or [""])[-1]
    return {"seconds": round(seconds, 1), "peak_rss_mb": round(max(peak, before) / 1024), "ended with": last[:70]}


def bench_inputs() -> list[dict]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            empty = root / "empty-recording"
            empty.mkdir()
            (root / "paragraph-400k.txt").write_text(_paragraph_text(400_000), encoding="utf-8")
            (root / "paragraphs-2m.txt").write_text(_many_paragraphs(2_000_000), encoding="utf-8")
            inputs = [
                ("a 189-byte page of <?a?>", f"http://127.0.0.1:{server.server_address[1]}/page.html", len(PAGE)),
                ("one 400 KB paragraph", str(root / "paragraph-400k.txt"), 400_000),
                ("2 MB, 4,302 paragraphs", str(root / "paragraphs-2m.txt"), 2_000_000),
            ]
            for name, arg, size in inputs:
                rows.append({"input": name, "bytes": f"{size:,}", **_run(arg, empty)})
    finally:
        server.shutdown()
    return rows
