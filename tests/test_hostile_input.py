"""Hostile pages and careless input (a real HTTP server on 127.0.0.1 where the web is involved;
every page, URL and file here is written for these tests)."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.terminal import line, plain


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ----------------------------------------------------------------------------- terminal markup


def test_untrusted_text_in_a_message_is_neither_markup_nor_terminal_codes():
    """A URL (or a feed link, an endpoint's error, a model's headline) holding rich markup or
    escape sequences: before, "[/red]" crashed the run with a MarkupError and "[link=...]"
    printed a disguised hyperlink; now the message shows the text as written, without its
    control characters."""
    url = f"http://127.0.0.1:{_closed_port()}/news/[/red][link=http://evil.example]bank[/link]\x1b]8;;x\x07"
    r = CliRunner().invoke(app, ["extract", url])
    assert r.exit_code == 1, r.output  # no input could be read: one line per fault, no traceback
    assert "Traceback" not in r.output and "MarkupError" not in r.output
    assert "[/red][link=http://evil.example]bank[/link]" in r.stderr
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr


def test_a_line_keeps_tab_and_newline_and_drops_every_other_control():
    assert plain("a\tb\nc\x1b[31md\x9be\x00f\x7f") == "a\tb\nc[31mdef"
    text = line("[bold]x[/bold]", "error:", "red")
    assert text.plain == "error: [bold]x[/bold]" and text.spans[0].style == "red"


# ----------------------------------------------------------------------------- a base URL with a query


def test_a_base_url_query_is_sent_as_a_query_and_the_call_is_recorded(tmp_path):
    """Azure-style endpoints take ``/v1?api-version=...``: before, requests went to
    ``/v1?api-version=1/chat/completions``, --record wrote nothing and usage said 0 calls."""
    import asyncio

    from summarizer.inputs.articles import article_from_text
    from summarizer.llm.client import LLM
    from summarizer.llm.settings import Settings, resolve
    from summarizer.pipeline import extract_all

    from .conftest import recorded_content
    from .stub_server import StubServer

    answer = recorded_content("000_0b1d0a40d16639fb")
    art = article_from_text("The council of Tamsby voted on Tuesday to build two new bridges.", "a1")
    with StubServer(lambda body: answer) as stub:
        s = resolve(Settings(base_url=stub.base_url + "?api-version=2024-06-01", model="stub", reasks=0, no_cache=True), config={})

        async def go():
            async with LLM(s, record=tmp_path / "rec") as llm:
                return await extract_all(llm, [art])

        report = asyncio.run(go())
    assert stub.paths == ["/v1/chat/completions?api-version=2024-06-01"]
    assert report.usage.requests == 1 and list(report.results) == ["a1"]
    assert len(list((tmp_path / "rec").glob("*/*.json"))) == 1


# ----------------------------------------------------------------------------- bounded local reads


def test_a_device_a_fifo_and_an_endless_stdin_are_one_line_each(tmp_path, monkeypatch):
    """``extract /dev/zero`` read until MemoryError; a FIFO argument hung; ``- </dev/zero``
    too. Now: regular files only, and at most the input cap from stdin."""
    import os

    runner = CliRunner()
    r = runner.invoke(app, ["extract", "/dev/zero"])
    assert r.exit_code == 2 and "not a regular file" in r.stderr, r.output
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    r = runner.invoke(app, ["extract", str(fifo)])
    assert r.exit_code == 2 and "not a regular file" in r.stderr, r.output
    monkeypatch.setenv("SUMMARIZER_MAX_INPUT_BYTES", "1000")
    with open("/dev/zero", "rb") as zero:
        r = runner.invoke(app, ["extract", "-"], input=zero.read(5000))
    assert r.exit_code == 2 and "over 1,000 bytes" in r.stderr and "SUMMARIZER_MAX_INPUT_BYTES" in r.stderr, r.output
    big = tmp_path / "big.txt"
    big.write_text("The council met. " * 100)
    r = runner.invoke(app, ["extract", str(big)])
    assert r.exit_code == 2 and "over 1,000 bytes" in r.stderr, r.output


def test_a_link_out_of_an_input_folder_is_not_followed(tmp_path):
    from summarizer.inputs.articles import expand

    outside = tmp_path / "secret.txt"
    outside.write_text("Not for the model.")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text("The council of Tamsby voted on Tuesday to build two bridges.")
    (folder / "link.txt").symlink_to(outside)
    (folder / "inner.txt").symlink_to(folder / "story.txt")
    assert [p.name for p in expand([str(folder)])] == ["inner.txt", "story.txt"]
    assert expand([str(folder / "link.txt")]) == [folder / "link.txt"]  # named directly: followed


# ----------------------------------------------------------------------------- ids in bytes


def test_ids_are_capped_in_bytes_so_every_file_name_fits():
    """A URL segment of 120 CJK characters made an id of 360 bytes: -d and --record failed
    with ENAMETOOLONG (and --split-dir after every model call)."""
    from summarizer.inputs.articles import MAX_ID_BYTES, safe_id
    from summarizer.inputs.web import url_id

    got = url_id("http://news.example/" + "\u65b0\u805e" * 60 + ".html")
    assert len(got.encode("utf-8")) <= MAX_ID_BYTES and got == "\u65b0\u805e" * 20
    assert len(("story-" + safe_id("\u00e9" * 300) + ".html").encode("utf-8")) < 255


# ----------------------------------------------------------------------------- the library's arguments


def test_the_library_checks_its_arguments_and_raises_its_own_errors(tmp_path):
    """Before: a replay folder that does not exist gave [] with no exception, ``extract("seeds")``
    read the letters s, e, e, d, s as paths, and wrong types failed deep inside."""
    import pytest

    import summarizer
    from summarizer.errors import ConfigError, InputError, OptionError, SummarizerError

    from .conftest import ROOT

    seeds, fixtures = ROOT / "seeds", ROOT / "fixtures" / "seeds"
    with pytest.raises(ConfigError, match="no recording folder"):
        summarizer.extract([str(seeds)], replay=str(tmp_path / "nonexistent"))
    assert len(summarizer.extract(str(seeds), replay=str(fixtures))) == 5  # one path: one input
    for bad in (None, 3, [None], [3.5]):
        with pytest.raises(InputError, match="inputs"):
            summarizer.extract(bad, replay=str(fixtures))
    for option in ({"timeout": "abc"}, {"concurrency": [2]}, {"no_cache": "maybe"}):
        with pytest.raises(OptionError, match="bad option"):
            summarizer.extract([str(seeds)], replay=str(fixtures), **option)
    with pytest.raises(TypeError, match="unknown option"):  # an OptionError is a TypeError too
        summarizer.extract([str(seeds)], replay=str(fixtures), modle="x")
    story = tmp_path / "story.txt"
    story.write_text("The council of Tamsby voted on Tuesday to build two new bridges over the Osk.")
    with pytest.raises(SummarizerError, match="story"):  # a replay miss is an error, not an empty list
        summarizer.extract([story], replay=str(fixtures))
    with pytest.raises(SummarizerError, match="story"):
        summarizer.brief([story], replay=str(fixtures))


# ----------------------------------------------------------------------------- one line, never a traceback


def test_careless_input_is_one_line_and_exit_2(tmp_path):
    """Each of these printed a traceback before."""
    runner = CliRunner()
    story = tmp_path / "story.txt"
    story.write_text("The council of Tamsby voted on Tuesday to build two new bridges over the Osk.")
    for url, why in (("http://[::1/v1", "Invalid IPv6 URL"), ("http://u:pw@127.0.0.1:99999/v1?key=s3cret", "Port out of range")):
        r = runner.invoke(app, ["extract", str(story), "--base-url", url, "-m", "x", "--no-cache"])
        assert r.exit_code == 2 and why in r.stderr and "Traceback" not in r.output, r.output
        assert "pw" not in r.stderr and "s3cret" not in r.stderr
    latin = tmp_path / "old.json"
    latin.write_bytes(b'{"title": "caf\xe9"}')
    r = runner.invoke(app, ["merge", str(latin)])
    assert r.exit_code == 2 and "not UTF-8" in r.stderr, r.output
    folder = tmp_path / "results"
    (folder / "x.json").mkdir(parents=True)
    r = runner.invoke(app, ["merge", str(folder)])
    assert r.exit_code == 2 and "no .json files here" in r.stderr, r.output


# ----------------------------------------------------------------------------- SSRF


def _serve(routes):
    """A server on 127.0.0.1 answering ``routes``: path -> (status, headers, body)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            status, headers, body = routes(self.path)
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


INTERNAL = b"<html><body><article><p>Internal admin page: the deploy token is kept here for the build robots.</p></article></body></html>"
PAGE = b"<html><body><article><p>The council of Tamsby voted on Tuesday to build two new bridges over the river Osk.</p></article></body></html>"


def test_redirects_and_feed_links_to_another_local_address_are_refused(monkeypatch):
    """A page that redirected to another loopback port, or a feed entry that linked there, was
    fetched and the internal page became the headline. The origin the user named may be
    local; other private and local addresses are refused unless allowed."""
    from summarizer.inputs.web import fetch

    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)
    internal = _serve(lambda path: (200, {"Content-Type": "text/html"}, INTERNAL))
    inside = f"http://127.0.0.1:{internal.server_address[1]}/admin"

    def routes(path):
        if path == "/go":
            return 302, {"Location": inside}, b""
        if path == "/feed":
            items = f"<item><title>a</title><link>{inside}</link></item><item><title>b</title><link>/news/bridges</link></item>"
            return 200, {"Content-Type": "application/rss+xml"}, f"<rss version='2.0'><channel><title>t</title>{items}</channel></rss>".encode()
        return 200, {"Content-Type": "text/html"}, PAGE

    public = _serve(routes)
    base = f"http://127.0.0.1:{public.server_address[1]}"
    try:
        got, failed = fetch([f"{base}/go", f"{base}/feed"])
        assert [a.id for a in got] == ["bridges"]  # the feed's own-origin entry is read
        assert len(failed) == 2 and all("private or local address" in why for why in failed.values()), failed
        got, failed = fetch([f"{base}/go", inside])  # an origin the user named: read, also by the redirect
        assert [a.id for a in got] == ["go", "admin"] and not failed
        got, failed = fetch([f"{base}/go", f"{base}/feed"], allow_private=True)
        assert sorted(a.id for a in got) == ["admin", "bridges", "go"] and not failed
        got, failed = fetch([f"{base}/feed"], max_entries=1, allow_private=True)
        assert [a.id for a in got] == ["admin"]
    finally:
        internal.shutdown()
        public.shutdown()


# ----------------------------------------------------------------------------- declared charsets


def test_a_pages_declared_charset_is_honoured(monkeypatch):
    """The HTTP charset was ignored: a page the guess gets wrong (KOI8-R read as cp932) became
    mojibake. The others show the declared charset changes nothing the guess got right."""
    from summarizer.inputs.web import fetch

    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)
    texts = {  # one news sentence in each language, written for the test
        "/ja": ("shift_jis", "東京都は火曜日、新しい橋の建設を発表した。工事は来年の春に始まる予定だ。"),
        "/ru": ("windows-1251", "Городской совет во вторник одобрил строительство двух новых мостов через реку."),
        "/fr": ("iso-8859-1", "Le conseil de Genève a approuvé mardi la construction de deux ponts sur le Rhône."),
        "/koi": ("koi8-r", "Городской совет одобрил строительство моста."),  # guessed as cp932 before
    }

    def routes(path):
        charset, text = texts[path]
        return 200, {"Content-Type": f"text/plain; charset={charset}"}, text.encode(charset)

    server = _serve(routes)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        got, failed = fetch([base + p for p in texts])
    finally:
        server.shutdown()
    assert not failed
    for article, (_, text) in zip(got, texts.values()):
        assert article.raw.strip() == text, (article.encoding, article.raw[:40])


def test_an_html_files_meta_charset_is_honoured(tmp_path):
    from summarizer.inputs.articles import load_file

    text = "Городской совет одобрил строительство моста."
    page = tmp_path / "story.html"
    page.write_bytes(f'<html><head><meta charset="koi8-r"></head><body><article><p>{text}</p></article></body></html>'.encode("koi8-r"))
    assert text in load_file(page).raw


def test_a_digest_page_keeps_its_ids_unique_whatever_the_article_ids(tmp_path):
    """A story of article "a" had a section "story-a-facts", the id of a story of an article named
    "a-facts": two elements with one id."""
    import re

    import summarizer
    from summarizer.output.html import html_digest
    from summarizer.schemas import Digest, Story

    from .conftest import ROOT

    briefing = summarizer.brief([str(ROOT / "seeds")], replay=str(ROOT / "fixtures" / "seeds"))
    stories = [Story(id=f"story-{i}", title=i, sources=[i], outlets=1, briefing=briefing) for i in ("a", "a-facts")]
    page = html_digest(Digest(stories=stories), {})
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)) and "story-a-facts" in ids and "story-a:facts" in ids


# ----------------------------------------------------------------------------- text cost linear in its length


def test_a_long_paragraph_reaches_the_sentence_splitter_in_bounded_pieces():
    """One 200 KB paragraph took 92 s (400 KB: 341 s): pysbd's cost grows with the square of
    what it is given. The paragraph is now given in pieces of bounded size, cut only at sure
    sentence ends -- the sentences are the ones the whole paragraph gives."""
    from summarizer.reading import text as T

    para = " ".join(f"The council of Tamsby voted on day {i} to build {i} new bridges, Mr. Berg said." for i in range(2500))
    pieces = T._pieces(para)
    assert "".join(p for _, p in pieces) == para and all(len(p) <= 2 * T.PIECE_CHARS for _, p in pieces)
    assert all(para[q0 : q0 + len(p)] == p for q0, p in pieces) and len(pieces) > 50
    run_on = "word " * 100_000  # no sentence end at all: cut at spaces
    assert all(len(p) <= 2 * T.PIECE_CHARS for _, p in T._pieces(run_on))
    mid = para[:7000]
    pieced = [(a, b) for a, b in T._paragraph.__wrapped__(mid, "en")]
    try:
        T.PIECE_CHARS, saved = 10**9, T.PIECE_CHARS
        assert list(T._paragraph.__wrapped__(mid, "en")) == pieced  # the whole paragraph at once: the same
    finally:
        T.PIECE_CHARS = saved


def test_latin1_french_with_a_lone_accented_word_is_not_read_as_cp1250():
    """Short Latin-1 French (a menu line and a sentence) was read as cp1250: "ŕ Genčve".
    charset-normalizer's language ranking puts Romanian first on so little text; "à" standing
    alone as a word is French (or Portuguese), and no cp1250 language writes "ŕ" alone."""
    from summarizer.inputs.articles import decode

    for text in (
        "Réunion à Genève|Accueil|Société|Économie\nLa réunion à Genève a duré trois heures.",
        "Accueil Société Économie La réunion à Genève a duré trois heures.",
    ):
        assert decode(text.encode("latin-1"), "x") == (text, "cp1252")
    czech = "Prezident ve středu v Praze prohlásil, že jednání bylo velmi užitečné. Dosáhli jsme pokroku, dodal."
    assert decode(czech.encode("cp1250"), "x") == (czech, "cp1250")


def test_every_character_taken_from_the_article_is_sent_inside_its_delimiters():
    from summarizer.extraction.request import build_messages, unsettled
    from summarizer.inputs.articles import load
    from summarizer.reading.quotes import find_quotes

    from .conftest import SEEDS

    [art] = load([str(SEEDS / "001_79dc3337b4ceb51b.txt")])
    found = find_quotes(art.raw)
    asked = unsettled(found)
    assert asked  # this seed holds quotes whose speaker code leaves to the model
    user = build_messages(art, found, defended=True)[1]["content"]
    inside, _, after = user.rpartition("</article>")
    assert after == ""  # nothing follows the closing delimiter
    body = inside.split("<article>\n", 1)[1]
    for q in asked:
        assert f"{q.id}: ‘" in body and q.text[:40] in body
    # a request without such quotes is the article between its tags, as before
    [plain_art] = load([str(SEEDS / "003_78ba1e2aecd73aa2.txt")])
    user = build_messages(plain_art, [], defended=True)[1]["content"]
    assert user.endswith("\n</article>") and "Quotes whose speaker" not in user
