"""Markdown output: everything that came from an article or a file name is text, never Markdown.

A hostile corpus written for these tests (Markdown images pointing at a pixel server the test
runs on 127.0.0.1, ``javascript:`` links, raw HTML, bare URLs, backticks, emphasis, headings,
tables, ids with backticks) goes into every field of a briefing -- built by hand, so that every
field the Markdown shows is covered, and through the real pipeline (``article_from_text`` ->
``to_result`` with a model answer written here -> ``merge``). ``render.markdown`` output is then
rendered by markdown-it (CommonMark with raw HTML on, and GFM-like with linkify) and loaded in
headless Chromium: no link, image, script or raw tag may come out of article text, no request
may reach the pixel server, no dialog may open -- and the hostile strings still show, as text.

linkify-it-py is not installed (and no dependency is added), so the GFM-like renderer gets a
stand-in matcher (``GreedyLinkify``) that finds more than linkify-it or GFM would: any scheme,
``//host``, ``www.``, e-mail address or dotted name. markdown-it's own linkify rules drive it.
A third renderer mimics cmark-gfm (GitHub), which finds e-mail autolinks after joining the
text back together. Controls show each detector fires on unescaped input.
"""

from __future__ import annotations

import html as htmllib
import http.server
import json
import random
import re
import shutil
import threading
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_core.linkify import linkify as core_linkify

from summarizer.extraction.result import to_result
from summarizer.inputs.articles import article_from_text
from summarizer.merge import merge
from summarizer.output import markdown as render
from summarizer.output.markdown import _md_escape, markdown
from summarizer.schemas import (
    ArticleExtraction,
    Briefing,
    BriefingEntity,
    BriefingEvent,
    BriefingFact,
    BriefingPerson,
    BriefingQuote,
    BriefingSource,
    CitedSentence,
    Disagreement,
    Evidence,
    FailedArticle,
    Position,
    RoleClaim,
    Span,
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
WJ = "\u2060"  # what _md_escape puts after "@"

# ----------------------------------------------------------------------------- the corpus


def hostile(port: int) -> list[str]:
    """Strings an article (or a file name) might carry; the pixel points at the test's server."""
    return [
        f"![t](http://127.0.0.1:{port}/pixel.png)",
        "[click](javascript:alert(1))",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "http://evil.example/track",
        "www.evil.example",
        "ops@evil.example",
        "`code` and `` double",
        "**bold** __under__ *it*",
        "# heading",
        "| table | x |",
        f"<http://127.0.0.1:{port}/autolink.png>",
        f"[1]: http://127.0.0.1:{port}/ref.png",
        "&lt;b&gt; &amp; &#33;",
        "~~struck~~",
        "1. listed",
        "> quoted",
        "line one\n\n# two\n- three\n=== \n    four",
    ]


def _rotate(items: list[str], k: int) -> str:
    """One field's text: the corpus, starting at item k (every item leads some field)."""
    k %= len(items)
    return " ".join(items[k:] + items[:k])


def _flat(s: str) -> str:
    return " ".join(s.split())


S1 = "a`1`<img src=x onerror=alert(1)>"
S2 = "b``**x**[x](javascript:alert(1))#"
S3 = "c~`|t|"


def built(port: int, *, with_lead: bool, shift: int = 0) -> tuple[Briefing, dict[str, str]]:
    """A briefing with the corpus in every field the Markdown shows, and article texts with
    evidence spans over each hostile string (the ``--evidence`` snippets). Each field starts
    with another item; ``shift`` moves them all on by that many."""
    items = hostile(port)
    n = iter(range(shift, shift + 1000))

    def t() -> str:
        return _rotate(items, next(n))

    body = "\n\n".join(items)
    texts = {s: f"{s} says:\n\n{body}\n" for s in (S1, S2, S3)}

    def ev(src: str) -> list[Evidence]:
        out = []
        for item in items:
            start = texts[src].index(item)
            out.append(Evidence(source=src, span=Span(start=start, end=start + len(item), status="exact", score=100)))
        return out

    both = [S1, S2]
    b = Briefing(
        headline=t(),
        headline_sources=both,
        overview=t(),
        lead=[CitedSentence(text=t(), sources=both), CitedSentence(text=t(), sources=[S3])] if with_lead else [],
        sources=[
            BriefingSource(id=S1, title=t(), published=t(), outlet=t()),
            BriefingSource(id=S2, title=t(), published="2026-03-02"),
            BriefingSource(id=S3, title=t()),
        ],
        copies=[[S2, S3]],
        people=[
            BriefingPerson(id="p1", name=t(), aliases=[t(), t()], roles=[RoleClaim(role=t(), sources=[S1]),
                           RoleClaim(role=t(), sources=[S2])], sources=both),
            BriefingPerson(id="p2", name=t(), aliases=[], roles=[RoleClaim(role=t(), sources=[S1])], sources=[S1]),
        ],
        organizations=[BriefingEntity(id="o1", name=t(), aliases=[], sources=both)],
        places=[BriefingEntity(id="l1", name=t(), aliases=[], sources=[S3])],
        events=[
            BriefingEvent(id="e1", description=t(), date=t(), date_precision="month", where=t(), sources=both, evidence=ev(S1)),
            BriefingEvent(id="e2", description=t(), when_as_written=[t()], where=t(), sources=[S2], evidence=ev(S2)),
        ],
        facts=[
            BriefingFact(id="f1", statement=t(), sources=both, voices=2, corroborated=True, topic="e1", disputed=["d1"],
                         evidence=ev(S1) + ev(S2)),
            BriefingFact(id="f2", statement=t(), sources=[S3], corroborated=False, topic="e2", evidence=ev(S3)),
            BriefingFact(id="f3", statement=t(), sources=[S2, S3], corroborated=False, evidence=ev(S2)),
        ],
        quotes=[
            BriefingQuote(id="q1", speaker=t(), text=t(), speaker_status="corrected", model_speaker=t(), sources=both,
                          evidence=ev(S1)),
            BriefingQuote(id="q2", speaker=t(), text=t(), speaker_status="unverified", sources=[S3], evidence=ev(S3)),
        ],
        disagreements=[
            Disagreement(id="d1", subject=t(), kind="number", sources=both, positions=[
                Position(value=t(), statement=t(), sources=[S1], evidence=ev(S1)),
                Position(value=t(), statement=t(), sources=[S2], evidence=ev(S2))]),
            Disagreement(id="d2", subject=t(), kind="number", evolution=True, sources=both, positions=[
                Position(value=t(), statement=t(), sources=[S1], published=t()),
                Position(value=t(), statement=t(), sources=[S2], published=None)]),
        ],
        failed=[FailedArticle(id=S1 + "-failed", error=t())],
    )
    return b, texts


def piped(port: int) -> tuple[Briefing, dict[str, str]]:
    """The same strings through the real pipeline: two articles, a model answer written here."""
    pixel = f"![t](http://127.0.0.1:{port}/pixel.png)"
    said = "Anna Berg, the mayor <script>alert(1)</script> `x`, said: “Read [click](javascript:alert(1)) now <script>alert(1)</script> please.”"
    bodies = {
        S1: f"The Millbrook council approved the bridge plan {pixel} on Monday, officials said.\n\n{said}\n\n"
        "Residents saw <img src=x onerror=alert(1)> at http://evil.example/track and www.evil.example on Tuesday.\n\n"
        "The notice read **bold** `code` # heading | table | and cost 4 million dollars, the council said.\n",
        S2: f"Millbrook's council approved the bridge plan {pixel} on Monday, officials said.\n\n"
        "The plan will cost 6 million dollars, the council said. Write to ops@evil.example for details.\n\n"
        f"{said}\n",
    }
    answer = ArticleExtraction.model_validate({
        "title": f"Council vote {pixel} `a` **b**",
        "summary": f"The council approved the bridge plan {pixel} on Monday, officials said.",
        "people": ["Anna Berg"],
        "key_points": [f"The Millbrook council approved the bridge plan {pixel} on Monday."],
        "events": [{"what": f"Council approved the bridge plan {pixel}", "when": "on Monday `x`", "where": "www.evil.example"}],
        "speakers": [],
    })  # fmt: skip
    articles = [article_from_text(text, sid) for sid, text in bodies.items()]
    texts = {a.id: a.raw for a in articles}
    failed = {"d`<img src=x>": f"failed: <script>alert(1)</script> {pixel}"}
    return merge([to_result(a, answer) for a in articles], raw_by_source=texts, failed=failed), texts


# ----------------------------------------------------------------------------- the renderers


class _Link:
    def __init__(self, m: re.Match[str]):
        self.index, self.last_index, self.text = m.start(), m.end(), m.group()
        kind = m.lastgroup
        self.schema = {"scheme": "x:", "email": "mailto:"}.get(kind or "", "")
        self.url = {"email": "mailto:" + self.text, "scheme": self.text}.get(kind or "", "http://" + self.text)


class GreedyLinkify:
    """Stands in for linkify-it-py with markdown-it's linkify rules: finds any ``scheme:x``,
    ``//host``, ``www.x``, e-mail address and dotted name (more than GFM or linkify-it do)."""

    pattern = re.compile(
        r"(?P<scheme>[a-z][a-z0-9+.-]*:/*[^\s<>:]+)|(?P<slashes>//[^\s<>]+)|(?P<www>www\.[^\s<>]+)"
        r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(?P<host>[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}[^\s<>]*)",
        re.IGNORECASE,
    )

    def pretest(self, text: str) -> bool:
        return True

    def test(self, text: str) -> bool:
        return bool(self.pattern.search(text))

    def match(self, text: str) -> list[_Link] | None:
        return [_Link(m) for m in self.pattern.finditer(text)] or None

    def match_at_start(self, text: str) -> _Link | None:
        m = self.pattern.match(text)
        return _Link(m) if m else None


class JoinedEmailLinkify(GreedyLinkify):
    """cmark-gfm's e-mail autolinks: found on the text after it is joined back together
    (its postprocess runs ``cmark_consolidate_text_nodes`` first), escapes already undone."""

    pattern = re.compile(r"(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")

    def match_at_start(self, text: str) -> _Link | None:  # URLs at parse time, as cmark-gfm does
        m = GreedyLinkify.pattern.match(text)
        return _Link(m) if m else None


def renderers() -> dict[str, MarkdownIt]:
    out = {"commonmark": MarkdownIt("commonmark")}  # raw HTML on: anything unescaped passes through
    greedy = MarkdownIt("gfm-like")
    greedy.linkify = GreedyLinkify()
    out["gfm-like+linkify"] = greedy
    joined = MarkdownIt("gfm-like")
    joined.linkify = JoinedEmailLinkify()
    joined.core.ruler.disable("linkify")
    joined.core.ruler.after("text_join", "linkify_joined", core_linkify)
    out["cmark-gfm-like"] = joined
    try:
        import linkify_it  # noqa: F401  (the real one, when some environment has it)

        out["gfm-like+linkify-it"] = MarkdownIt("gfm-like")
    except ImportError:
        pass
    return out


RENDERERS = renderers()
SECTIONS = ["Key facts", "Where sources disagree", "What changed between reports", "Timeline", "People", "Quotes",
            "Organisations and places", "Sources", "Set aside: not news", "Not included (failed)"]  # fmt: skip
OUR_TAGS = re.compile(r"</?(?:h1|h2|h3|p|ul|ol|li|em|strong)>")


def _visible(html: str) -> str:
    return _flat(htmllib.unescape(re.sub(r"<[^>]*>", " ", html)).replace(WJ, ""))


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture
def pixel_server():
    """A local HTTP server that records every request (the tracking pixel's host)."""
    hits: list[str] = []
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
    )

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


def piped_items(port: int) -> list[str]:
    return [f"![t](http://127.0.0.1:{port}/pixel.png)", "[click](javascript:alert(1))", "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>", "http://evil.example/track", "www.evil.example", "ops@evil.example",
            "`code`", "`x`", "**bold**", "**Bold** Corp", "| table |", S1, S2, "d`<img src=x>"]  # fmt: skip


def _briefings(port: int, shifts: range = range(1)) -> dict[str, tuple[Briefing, dict[str, str]]]:
    out = {f"built+lead/{k}": built(port, with_lead=True, shift=k) for k in shifts}
    out |= {f"built+overview/{k}": built(port, with_lead=False, shift=k) for k in shifts}
    return out | {"pipeline": piped(port)}


# ----------------------------------------------------------------------------- the rule itself


def test_escape_keeps_plain_prose_readable_and_breaks_every_construct():
    e = _md_escape
    assert e("Officials said: it rose 40%, the mayor's office (not hers) said; and/or why? Fine.") == (
        "Officials said: it rose 40%, the mayor's office \\(not hers\\) said; and/or why? Fine."
    )
    assert e("3 a.m. on well-known U.S. roads, 1.5 km") == "3 a\\.m. on well-known U\\.S. roads, 1\\.5 km"
    assert e("line\r\none\u2028two\tthree\n\n") == "line one two three"
    # line-start constructs (no newline survives, so only the text's start can be a line start)
    cm = MarkdownIt("commonmark")
    for s in ("# h", "1. x", "2024. x", "1) x", "- x", "+ x", "* x", "> x", "---", "===", "| a | b |", "[1]: /x", "<div>",
              "```", "~~~", "    code", "<!-- c -->"):  # fmt: skip
        assert cm.render(e(s)) == f"<p>{_escape_html(s.strip())}</p>\n", s
    assert e("www.x.com http://x.org/a ops@x.org") == f"www\\.x\\.com http\\:\\//x\\.org/a ops\\@{WJ}x\\.org"
    assert e("x`y`") == "x\\`y\\`" and e("a\\") == "a\\\\"


FRAGMENTS = [
    "www.", "evil", ".", "example", "http", "://", "//", ":", "@", "1", "2.", ")", "(", "#", "-", "+", "=", ">", "<",
    "`", "``", "*", "**", "_", "~", "~~", "|", "[", "]", "![", "](", "!", "&", "amp;", "#33;", "\\", " ", "  ", "\n",
    "\n\n", "\t", "    ", "a", "ops", "mailto:", "javascript:", "<script>", "</script>", "<!--", "-->", "$", "^", "{",
    "}", "'", '"', ",", ";", "?", "%", "x.com", "1.5", "---", "===", "[1]", "[^1]", "<http://x.org>", "a_b_", "“", "”",
]  # fmt: skip


def _escape_html(s: str) -> str:  # markdown-it's escapeHtml
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


@pytest.mark.parametrize("name", list(RENDERERS))
def test_escaped_text_renders_as_exactly_itself(name):
    """Random strings of Markdown fragments, in each place the briefing puts article text:
    the rendering is the text itself (HTML-escaped), nothing else -- no tag, no link."""
    md = RENDERERS[name]
    rng = random.Random(20260302)
    for _ in range(1500):
        s = "".join(rng.choice(FRAGMENTS) for _ in range(rng.randint(1, 12)))
        flat = re.sub(r"[ \t\n]+", " ", s).strip()
        if not flat:
            continue
        text = _escape_html(flat.replace("@", "@" + WJ))
        e = _md_escape(s)
        assert md.render(e) == f"<p>{text}</p>\n", s
        assert md.render(f"x\n{e}") == f"<p>x\n{text}</p>\n", s  # a paragraph's next line (setext, lists)
        assert md.render(f"- {e} [1]") == f"<ul>\n<li>{text} [1]</li>\n</ul>\n", s
        assert md.render(f"# {e} [1][2]") == f"<h1>{text} [1][2]</h1>\n", s
        assert md.render(f"- **{e}** — *x {e}*") == f"<ul>\n<li><strong>{text}</strong> — <em>x {text}</em></li>\n</ul>\n", s


def test_the_controls_fire_on_unescaped_text():
    """Each detector below sees what it is meant to see when nothing is escaped."""
    raw = "see www.evil.example, http://evil.example/track, ops@evil.example and evil.example"
    assert RENDERERS["gfm-like+linkify"].render(raw).count("<a ") == 4
    assert RENDERERS["cmark-gfm-like"].render("ops\\@evil.example").count('<a href="mailto:') == 1
    assert RENDERERS["cmark-gfm-like"].render("http://evil.example/track").count("<a ") == 1
    assert "<img" in RENDERERS["commonmark"].render("![t](http://127.0.0.1:1/pixel.png) <img src=x>")


# ----------------------------------------------------------------------------- the briefing, parsed


@pytest.mark.parametrize("name", list(RENDERERS))
def test_hostile_briefing_renders_only_our_structure(name, pixel_server):
    port, hits = pixel_server
    md = RENDERERS[name]
    for label, (b, texts) in _briefings(port, range(len(hostile(port)))).items():  # every item leads every field
        text = markdown(b, evidence=True, texts=texts)
        html = md.render(text)
        where = f"{name} / {label}"
        # every tag is one our own Markdown makes, with no attribute: no a, img, script, code,
        # table, del, blockquote, hr, raw HTML; any "<" from an article is &lt;
        assert OUR_TAGS.sub("", html).count("<") == 0, where
        for bad in ("<a ", "<img", "<script", "<code", "<table", "<del", "<blockquote"):
            assert bad not in html, (where, bad)
        assert not any(re.search(r"href|src|on\w+=|javascript", tag) for tag in re.findall(r"<[^>]*>", html)), where
        # the structure is ours: one title, our sections, one list item per bullet we wrote
        assert html.count("<h1>") == 1, where
        h2 = re.findall(r"<h2>(.*?)</h2>", html)
        assert h2 == [s for s in SECTIONS if s in h2] and "Sources" in h2, where
        bullets = sum(bool(re.match(r"\s*(?:- |\d+\. )", line)) for line in text.splitlines())
        assert html.count("<li>") == bullets, where
        # our [n] markers are text, and so is every hostile string
        visible = _visible(html)
        assert "[1]" in visible and "[2]" in visible, where
        if label.startswith("built"):
            for item in hostile(port):
                assert _flat(item) in visible, (where, item)
            for sid in (S1, S2, S3):
                assert sid in visible, (where, sid)
        else:  # what the merge kept of the articles (not every sentence becomes a fact)
            kept = [i for i in piped_items(port) if i in json.dumps(b.model_dump(), ensure_ascii=False)]
            assert {f"![t](http://127.0.0.1:{port}/pixel.png)", "[click](javascript:alert(1))", "`code`",
                    "<script>alert(1)</script>", "www.evil.example", S1, S2} <= set(kept), kept  # fmt: skip
            for item in kept:
                assert item in visible, (where, item)
    assert hits == []


def test_source_ids_are_no_code_spans(pixel_server):
    b, _ = built(pixel_server[0], with_lead=True)
    sources = markdown(b).split("## Sources", 1)[1]
    html = MarkdownIt("commonmark").render(sources)
    assert "<code>" not in html
    assert f"— {S1}" in htmllib.unescape(html) and f"— {S2}" in htmllib.unescape(html)


# ----------------------------------------------------------------------------- the briefing, in a browser


def _old_md_escape(text: str) -> str:
    """render._md_escape before this test: backslash, < and > only (the control)."""
    return text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ").strip()


def _page(path: Path, body: str) -> Path:
    path.write_text(f"<!doctype html><html><head><meta charset='utf-8'><title>briefing</title></head><body>{body}</body></html>",
                    encoding="utf-8")  # fmt: skip
    return path


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium not installed (apt-get install chromium): no browser to load the pages")
def test_rendered_markdown_fetches_nothing_in_headless_chromium(pixel_server, tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    port, hits = pixel_server
    pages: list[tuple[str, Path, list[str]]] = []
    for label, (b, texts) in _briefings(port).items():
        text = markdown(b, evidence=True, texts=texts)
        expected = [_flat(i) for i in hostile(port)] if label.startswith("built") else [f"![t](http://127.0.0.1:{port}/pixel.png)"]
        for name in ("commonmark", "gfm-like+linkify"):
            path = _page(tmp_path / f"{label.replace('/', '-')}-{name}.html", RENDERERS[name].render(text))
            pages.append((f"{label}/{name}", path, expected))
    # the controls: the same briefing with the old escaping (it fetched the pixel), and the
    # corpus as plain Markdown, nothing escaped (its script and onerror open dialogs)
    monkeypatch.setattr(render, "_md_escape", _old_md_escape)
    b, texts = built(port, with_lead=True)
    control = _page(tmp_path / "control.html", RENDERERS["commonmark"].render(markdown(b, evidence=True, texts=texts)))
    monkeypatch.undo()
    unescaped = _page(tmp_path / "unescaped.html", RENDERERS["commonmark"].render("\n\n".join(hostile(port))))

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )  # fmt: skip

        def load(path: Path) -> tuple[list[str], list[str], str]:
            requests: list[str] = []
            dialogs: list[str] = []
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(path.as_uri())
            page.wait_for_load_state("networkidle")
            visible = page.inner_text("body")
            page.close()
            return [u for u in requests if u != path.as_uri()], dialogs, visible

        for label, path, expected in pages:
            others, dialogs, visible = load(path)
            assert others == [], label  # not even file:, about: or data: sub-resources
            assert dialogs == [], label
            assert hits == [], label
            visible = _flat(visible.replace(WJ, ""))
            for item in expected:
                assert item in visible, (label, item)
        # the controls show the harness sees fetches and dialogs
        others, _, _ = load(control)
        assert f"http://127.0.0.1:{port}/pixel.png" in others and "/pixel.png" in hits
        hits.clear()
        others, dialogs, _ = load(unescaped)
        browser.close()
    assert f"http://127.0.0.1:{port}/pixel.png" in others and "/pixel.png" in hits
    assert len(dialogs) >= 2 and set(dialogs) == {"1"}  # <script>alert(1)</script>, <img src=x onerror=alert(1)>


# ----------------------------------------------------------------------------- end to end through the CLI


def test_brief_on_hostile_articles_writes_no_live_markup_in_any_format(pixel_server, tmp_path):
    """Hostile article files (and names), a model that echoes the hostile text back (a real local
    endpoint), and `summarizer brief --format md --evidence | html | json`."""
    import json as jsonlib

    from typer.testing import CliRunner

    from summarizer.cli import app

    from .stub_server import StubServer

    port, hits = pixel_server
    folder = tmp_path / "in"
    folder.mkdir()
    corpus = [_flat(i) for i in hostile(port)]
    for k, name in enumerate(["a`b", "x<img src=y>", "[l](javascript:alert(1))"]):
        (folder / f"{name}.txt").write_text(
            f"The council of Riverton met on Tuesday and voted 7 to 2 for the plan. {corpus[k]} {corpus[k + 1]}.\n"
            f"Residents said the plan would cost 3 million dollars. {_rotate(corpus, k)}\n"
        )
    echo = jsonlib.dumps({
        "title": corpus[0][:100] + " council", "summary": ("The council of Riverton voted for the plan. " + corpus[1])[:250],
        "people": ["Dana Ortiz", corpus[2][:50]],
        "key_points": ["The council of Riverton met on Tuesday and voted 7 to 2 for the plan."],
        "events": [{"what": "The council of Riverton voted for the plan", "when": "on Tuesday", "where": corpus[5][:40]}],
        "speakers": [],
    })  # fmt: skip
    outputs = {}
    with StubServer(lambda b: echo) as stub:
        for fmt in ("md", "html", "json"):
            args = ["brief", str(folder), "--format", fmt, "-o", str(tmp_path / f"b.{fmt}"), "--base-url", stub.base_url,
                    "-m", "stub", "--reasks", "0", "--no-synthesis", "--no-adjudicate", "-q"]  # fmt: skip
            if fmt == "md":
                args.append("--evidence")
            r = CliRunner().invoke(app, args, env={"SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")})
            assert r.exit_code == 0, r.stderr
            outputs[fmt] = (tmp_path / f"b.{fmt}").read_text(encoding="utf-8")
    jsonlib.loads(outputs["json"])  # data, and valid
    for name in ("commonmark", "gfm-like+linkify"):
        rendered = RENDERERS[name].render(outputs["md"])
        for tag in re.findall(r"<[^>]+>", rendered):  # every tag is one of ours, with no attribute
            assert OUR_TAGS.fullmatch(tag), (name, tag)
        shown = _visible(rendered)
        assert sum(item in shown for item in corpus) >= 3, shown  # hostile text is shown, as text
    page = outputs["html"]
    assert not re.search(r"""(src|href)=["']?(https?:|javascript:|//)""", page, re.I)
    assert page.count("<script") == 3  # ours: the two JSON blocks and the page script
    if CHROMIUM is None:
        return
    from playwright.sync_api import sync_playwright

    md_page = _page(tmp_path / "md.html", RENDERERS["gfm-like+linkify"].render(outputs["md"]))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                     "--disable-background-networking", "--disable-component-update", "--no-first-run"])  # fmt: skip
        for path in (md_page, tmp_path / "b.html"):
            requests, dialogs = [], []
            p = browser.new_page()
            p.on("request", lambda req: requests.append(req.url))
            p.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            p.goto(path.as_uri())
            p.wait_for_load_state("networkidle")
            assert [u for u in requests if u != path.as_uri()] == [] and dialogs == [], path
            p.close()
        browser.close()
    assert hits == []


@pytest.mark.parametrize("name", list(RENDERERS))
def test_hostile_digest_renders_only_our_structure(name, pixel_server):
    """The front page of several stories: titles, what members share, ids and the reasons of
    documents set aside come from articles and file names; all of it stays text."""
    from summarizer.output.markdown import markdown_digest
    from summarizer.schemas import Digest, FailedArticle, SetAside, Story, StoryMember

    port, hits = pixel_server
    items = hostile(port)
    briefings = list(_briefings(port).values())
    stories = [
        Story(id=f"story-{k}", title=_rotate(items, k), sources=[s.id for s in b.sources], outlets=len(b.sources),
              members=[StoryMember(source=s.id, shares=items[k:k + 4]) for s in b.sources], briefing=b)
        for k, (b, _) in enumerate(briefings)
    ]  # fmt: skip
    d = Digest(
        stories=stories, set_aside=[SetAside(id=S2, reason=_rotate(items, 3))], failed=[FailedArticle(id=S3, error=items[0])]
    )
    texts = {k: v for _, t in briefings for k, v in t.items()}
    text = markdown_digest(d, evidence=True, texts=texts)
    html = RENDERERS[name].render(text)
    tags = set(re.findall(r"</?\w+[^>]*>", html)) - {"<hr />", "<h4>", "</h4>"}
    assert OUR_TAGS.sub("", "".join(tags)).count("<") == 0, (name, tags)
    assert not any(re.search(r"href|src|on\w+=|javascript", tag) for tag in re.findall(r"<[^>]*>", html)), name
    assert html.count("<h1>") == 1 and html.count("<h2>") >= len(stories)  # the front page title; each story an h2
    visible = _visible(html)
    for item in items:
        assert _flat(item) in visible, (name, item)
    assert S2 in visible and S3 in visible
    assert hits == []
    from summarizer.output.html import html_digest

    page = html_digest(d, texts)
    assert page.count("<script") == 3 and "<img" not in page and "javascript:alert(1)\">" not in page
    from html.parser import HTMLParser

    class Attributes(HTMLParser):
        seen: list[tuple[str, str, str | None]] = []

        def handle_starttag(self, tag, attrs):
            self.seen += [(tag, k, v) for k, v in attrs]

    parser = Attributes()
    parser.feed(page)
    live = [(t, k, v) for t, k, v in parser.seen if k in ("src", "href") or k.startswith("on")]
    assert live and all(t == "a" and k == "href" and v.startswith("#story-") for t, k, v in live), live
