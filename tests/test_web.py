"""summarizer.inputs.web against a real HTTP server on 127.0.0.1 (stdlib, random port, offline).

Every page, feed and path below is written for these tests."""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from summarizer.inputs.web import fetch, is_url, url_id

# Two news pages written for these tests: <title>, article:published_time, 4 paragraphs.
FIRE_PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Wildfire forces evacuation of three villages near Larissa</title>
<meta property="og:title" content="Wildfire forces evacuation of three villages">
<meta property="article:published_time" content="2025-08-21T07:40:00+03:00">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Wildfire forces evacuation of three villages</h1>
<p>A wildfire fanned by strong northerly winds forced the evacuation of three villages
south of Larissa on Thursday, the fire service said, as more than 120 firefighters and
nine water-dropping aircraft battled the flames through the morning.</p>
<p>"The front is more than four kilometres long and the wind keeps changing direction,"
fire service spokeswoman Ioanna Lagou told reporters at a briefing in the town hall.</p>
<p>Residents of Nikaia, Dendra and Kypseli were told by text message to leave for the
coastal town of Agia, where the municipality opened two schools as shelters. No injuries
had been reported by midday, officials said.</p>
<p>The civil protection ministry raised the fire risk to its highest level for central
Greece until Sunday, citing temperatures near 40 degrees Celsius and dry ground.</p>
</article>
<footer>Copyright 2025 Example News</footer>
</body></html>
"""

BRIDGE_PAGE = """<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Council approves new river bridge after five-year dispute</title>
<meta property="article:published_time" content="2025-08-20T18:05:00Z">
</head><body>
<header><a href="/">City Desk</a></header>
<article>
<h1>Council approves new river bridge after five-year dispute</h1>
<p>The city council voted 31 to 12 on Wednesday evening to build a pedestrian and cycle
bridge across the river, ending a five-year dispute over its cost and location.</p>
<p>The bridge, estimated at 48 million euros, will link the old harbour with the new
university campus. Construction is expected to start next spring and take two years.</p>
<p>Opposition councillor Mark Berg said the project had been rushed through before the
budget review. "We are signing a cheque nobody has read," he said during the debate.</p>
</article>
</body></html>
"""

# A wire story written for these tests, served as text/plain.
FERRY_TEXT = """Ferry crews begin 48-hour strike

Ferry crews at the country's main port walked out at dawn on Friday for 48 hours,
leaving thousands of travellers stranded at the start of the holiday weekend.

The seamen's union said the strike was over a collective agreement that expired in
March. The shipping ministry called the walkout "irresponsible" and urged talks.
"""

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Example News</title><link>http://example.invalid/</link>
<description>Written for the tests</description>
<item><title>Wildfire</title><link>/news/fire-one.html</link>
<pubDate>Wed, 01 Jan 2025 09:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>/news/missing.html</link></item>
<item><title>Bridge</title><link>{base}/news/bridge-vote.html</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<!-- written for the tests -->
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Wire</title><id>urn:test:wire</id><updated>2025-08-22T06:00:00Z</updated>
<entry><title>Ferry strike</title><id>urn:test:ferry</id>
<link href="{base}/wire/ferry-strike.txt"/>
<updated>2025-08-22T05:30:00Z</updated></entry>
<entry><title>Wildfire</title><id>urn:test:fire</id>
<link href="{base}/news/fire-one.html"/>
<updated>2025-08-22T05:00:00Z</updated></entry>
</feed>
"""

# Entries a careless or hostile feed could carry, written for the tests.
ODD_FEED = """<rss version="2.0"><channel><title>Odd</title>
<item><title>Script</title><link>javascript:alert(1)</link></item>
<item><title>Broken</title><link>http://[::1/x</link></item>
<item><title>Feed</title><link>/feeds/rss.xml</link></item>
<item><title>Bridge</title><link>/news/bridge-vote.html</link></item>
</channel></rss>
"""

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
SLOW_SECONDS = 1.0
SHORT_TIMEOUT = 0.2
BIG = b"The council met again. " * 1000  # 23,000 bytes


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        base = f"http://{self.headers['Host']}"
        path = self.path.split("?")[0]
        routes = {
            "/news/fire-one.html": ("text/html; charset=utf-8", FIRE_PAGE),
            "/news/bridge-vote.html": ("text/html", BRIDGE_PAGE),
            "/wire/ferry-strike.txt": ("text/plain; charset=utf-8", FERRY_TEXT),
            "/feeds/rss.xml": ("application/rss+xml", RSS.format(base=base)),
            # a server that labels its feed text/plain: known by how the body opens
            "/feeds/atom": ("text/plain", ATOM.format(base=base)),
            "/feeds/odd": ("application/octet-stream", ODD_FEED),
            "/image.png": ("image/png", PNG),
            "/big": ("text/plain", BIG),
        }
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
        if path in ("/old/fire-one", "/loop"):
            self.send_response(301)
            self.send_header(
                "Location", "/news/fire-one.html" if path[1] == "o" else path
            )
            self.end_headers()
            return
        if (
            path == "/big-unannounced"
        ):  # no Content-Length: the body ends when it closes
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(BIG)
            return
        if path not in routes:
            self.send_error(404)
            return
        ctype, body = routes[path]
        data = body if isinstance(body, bytes) else body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the slow path writes after the client gave up


@pytest.fixture(scope="module")
def base():
    server = _Server(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_url_ids_depend_on_the_path_only():
    assert url_id("http://127.0.0.1:8123/news/fire-one.html") == "fire-one"
    assert url_id("http://127.0.0.1:40999/news/fire-one.html?utm=x#top") == "fire-one"
    assert url_id("https://example.com/2025/08/bridge-vote/") == "bridge-vote"
    assert url_id("https://example.com/a/my%20story.htm") == "my_story"
    assert url_id("https://user:pw@Example.com:8443/") == "example.com"
    assert url_id("https://example.com") == "example.com"
    assert (
        url_id("https://example.com/..%2F..%2Fetc") == "___.._etc"
    )  # no "/", no leading dot


def test_only_http_and_https_are_urls():
    assert is_url("http://example.com/a") and is_url("HTTPS://example.com")
    for arg in (
        "file:///etc/passwd",
        "ftp://example.com/a.txt",
        "javascript:alert(1)",
        "mailto:x@example.com",
        "http://",
        "example.com/a.html",
        "story.txt",
        "-",
    ):
        assert not is_url(arg), arg
    articles, failed = fetch(["file:///etc/passwd"])
    assert articles == []
    assert failed == {"file:///etc/passwd": "file:///etc/passwd: not an http(s) URL"}


def test_html_page_becomes_an_article_like_an_html_file(base):
    [a], failed = fetch([f"{base}/news/fire-one.html"])
    assert failed == {}
    assert a.id == "fire-one" and a.path == f"{base}/news/fire-one.html"
    assert a.title_hint.startswith("Wildfire forces evacuation of three villages")
    assert a.published.iso == "2025-08-21"
    assert "more than 120 firefighters" in a.text and "Ioanna Lagou" in a.text
    assert "<p>" not in a.text and "Copyright" not in a.text and "Sport" not in a.text
    assert a.encoding == "utf-8" and len(a.sha256) == 64


def test_plain_text_article_and_credentials_left_out_of_path(base):
    url = base.replace("http://", "http://reader:s3cret@") + "/wire/ferry-strike.txt"
    [a], failed = fetch([url])
    assert failed == {}
    assert a.id == "ferry-strike" and a.path == f"{base}/wire/ferry-strike.txt"
    assert a.raw == FERRY_TEXT and a.title_hint == "Ferry crews begin 48-hour strike"
    assert "s3cret" not in a.source().model_dump_json()


def test_rss_feed_entries_in_order_and_the_missing_one_in_failed(base):
    feed = f"{base}/feeds/rss.xml"
    articles, failed = fetch([feed])
    assert [a.id for a in articles] == ["fire-one", "bridge-vote"]
    assert articles[0].path == f"{base}/news/fire-one.html"  # relative link resolved
    assert articles[0].published.iso == "2025-08-21"  # the page's own date wins
    assert "48 million euros" in articles[1].text
    assert failed == {
        f"{base}/news/missing.html": (
            f"{base}/news/missing.html: HTTP 404 Not Found (entry of feed {feed})"
        )
    }


def test_atom_feed_known_by_its_body_and_its_dates_fill_in(base):
    articles, failed = fetch([f"{base}/feeds/atom"])
    assert failed == {}
    assert [a.id for a in articles] == ["ferry-strike", "fire-one"]
    ferry, fire = articles
    assert ferry.published.iso == "2025-08-22"  # the text has no date: the entry's
    assert ferry.published.as_written == "2025-08-22T05:30:00Z"
    assert fire.published.iso == "2025-08-21"


def test_refused_connection_is_one_line_and_the_rest_go_on(base):
    bad = f"http://127.0.0.1:{_closed_port()}/x"
    articles, failed = fetch([bad, f"{base}/news/bridge-vote.html"])
    assert [a.id for a in articles] == ["bridge-vote"]
    assert failed == {bad: f"{bad}: cannot connect (connection refused)"}


def test_timeout_is_one_line(base):
    started = time.monotonic()
    articles, failed = fetch([f"{base}/slow"], timeout=SHORT_TIMEOUT)
    assert time.monotonic() - started < SLOW_SECONDS
    assert articles == []
    assert failed == {f"{base}/slow": f"{base}/slow: timed out after 0.2s"}


def test_content_that_is_not_an_article_is_one_line(base):
    articles, failed = fetch([f"{base}/image.png", f"{base}/nowhere"])
    assert articles == []
    assert failed == {
        f"{base}/image.png": f"{base}/image.png: not an article (content type image/png)",
        f"{base}/nowhere": f"{base}/nowhere: HTTP 404 Not Found",
    }


def test_oversize_bodies_are_refused_announced_or_not(base):
    urls = [f"{base}/big", f"{base}/big-unannounced"]
    articles, failed = fetch(urls, max_bytes=10_000)
    assert articles == []
    assert failed == {u: f"{u}: too large (over 10,000 bytes)" for u in urls}
    [a], failed = fetch([f"{base}/big"], max_bytes=len(BIG))
    assert failed == {} and a.raw == BIG.decode()


def test_redirects_followed_and_loops_stopped(base):
    articles, failed = fetch([f"{base}/old/fire-one", f"{base}/loop"])
    assert [(a.id, a.path) for a in articles] == [("fire-one", f"{base}/old/fire-one")]
    assert failed == {f"{base}/loop": f"{base}/loop: too many redirects (over 5)"}


def test_duplicate_ids_get_suffixes_in_input_order(base):
    urls = [
        f"{base}/news/fire-one.html",
        f"{base}/wire/ferry-strike.txt",
        f"{base}/news/fire-one.html?page=2",
        f"{base}/feeds/atom",  # ferry-strike, fire-one again
    ]
    articles, failed = fetch(urls)
    assert failed == {}
    ids = ["fire-one", "ferry-strike", "fire-one-2", "ferry-strike-2", "fire-one-3"]
    assert [a.id for a in articles] == ids
    assert articles[2].path == f"{base}/news/fire-one.html?page=2"
    assert articles[0].text == articles[2].text == articles[4].text


def test_odd_feed_entries_are_failed_lines_and_the_rest_go_on(base):
    feed = f"{base}/feeds/odd"
    articles, failed = fetch([feed])
    assert [a.id for a in articles] == ["bridge-vote"]
    assert all(
        "\n" not in line and line.endswith(f"(entry of feed {feed})")
        for line in failed.values()
    )
    assert sorted(failed) == sorted(
        [f"{base}/feeds/rss.xml", "http://[::1/x", "javascript:alert(1)"]
    )
    assert "a feed inside a feed" in failed[f"{base}/feeds/rss.xml"]
    assert failed["http://[::1/x"].startswith("http://[::1/x: not an http(s) URL")


def test_a_failed_url_with_credentials_shows_none_of_them(base):
    port = _closed_port()
    articles, failed = fetch([f"http://user:s3cret@127.0.0.1:{port}/x", f"{base.replace('http://', 'http://me:pw2@')}/missing"])
    assert articles == []
    assert len(failed) == 2
    assert not any("s3cret" in k + v or "pw2" in k + v for k, v in failed.items()), failed
    assert f"http://127.0.0.1:{port}/x" in failed


# ----------------------------------------------------------------------------- hostile pages


def test_a_page_of_processing_instructions_is_read_in_linear_time():
    """A 189-byte page of ``<?a?>`` cost minutes of CPU in the old feed-sniffing regex (time
    doubled with every two more); the scan reads a bounded prefix once. Each body below
    would take far longer than the bound on the old regex."""
    from summarizer.inputs.web import _is_feed

    started = time.perf_counter()
    for body in (b"<?a?>" * 30, b"<?a?>" * 5000, b"<!--" + b"<?" * 100_000, b"<?" * 1_000_000):
        assert _is_feed("text/html", body) is False
    assert _is_feed("text/plain", b"<?xml version='1.0'?>\n<!-- c -->\n<rss version='2.0'>") is True
    assert _is_feed("text/plain", b"\xef\xbb\xbf  <feed xmlns='x'>") is True
    assert _is_feed("text/html", b"<html><rss>") is False
    assert time.perf_counter() - started < 5  # before: over 4 minutes for the first body alone
