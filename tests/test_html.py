"""The HTML review page: self-contained, escaped, and working in a real headless Chromium.

Chromium comes from Debian (`apt-get install chromium`; .ci/run installs it) and is driven
with Playwright's Python API; no browser is downloaded. Without /usr/bin/chromium the
browser tests skip with that reason."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.merge import merge
from summarizer.output.html import html
from summarizer.reading.grounding import normalize

from .conftest import FIXTURES, ROOT, SEEDS

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = ROOT / "tests" / "artifacts"


# Chromium's own services (updates, sync, safe browsing, metrics) stay off: a test must not
# reach the internet, and any request that is not to file: or 127.0.0.1 fails the test.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-default-apps", "--disable-extensions",
    "--no-default-browser-check", "--disable-domain-reliability", "--disable-client-side-phishing-detection",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    "--metrics-recording-only", "--disable-breakpad",
]  # fmt: skip


def _only_local(outside: list[str]):
    """A route handler: file: and 127.0.0.1 go through; anything else is recorded and refused."""

    def handle(route) -> None:
        url = route.request.url
        if url.startswith(("file://", "http://127.0.0.1", "data:", "about:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    return handle


PLANTED = "\n<script>document.title='pwned'</script> <a href=\"http://example.com/x\">link</a>\n"


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    """The review page exactly as the CLI writes it from the replayed seeds."""
    out = tmp_path_factory.mktemp("html") / "briefing.html"
    r = CliRunner().invoke(app, ["brief", str(SEEDS), "--replay", str(FIXTURES), "--format", "html", "-o", str(out), "-q"])
    assert r.exit_code == 0, r.stderr
    return out


def _planted_texts(articles) -> dict[str, str]:
    return {a.id: a.raw + PLANTED for a in articles}  # after the evidence, so offsets stay valid


def test_html_is_self_contained_and_escapes_article_text(replayed_results):
    articles, results = replayed_results
    texts = _planted_texts(articles)
    page = html(merge(list(results.values()), raw_by_source=texts), texts)
    assert "<script>document.title" not in page and "&lt;script&gt;document.title" in page
    assert 'href="http' not in page and "http://example.com/x" in page  # shown as text only
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "default-src 'none'" in page


@pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium not installed (apt-get install chromium)")
def test_review_page_in_headless_chromium(page_file, replayed_results, tmp_path):
    from playwright.sync_api import sync_playwright

    articles, results = replayed_results
    texts = {a.id: a.raw for a in articles}
    planted = tmp_path / "planted.html"
    planted_texts = _planted_texts(articles)
    planted.write_text(html(merge(list(results.values()), raw_by_source=planted_texts), planted_texts), encoding="utf-8")
    errors: list[str] = []
    requests: list[str] = []
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", _only_local(requests))
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        fact = page.locator("#facts li[data-source]").first
        fact.click()
        source, start, end = (fact.get_attribute(a) for a in ("data-source", "data-start", "data-end"))
        highlighted = page.locator("#panel mark#evidence").inner_text()
        assert normalize(highlighted) == normalize(texts[source][int(start) : int(end)])
        quote = page.locator("#quotes li[data-source]").first
        if quote.count():
            quote.click()
            assert page.locator("#panel mark#evidence").inner_text()
        page.screenshot(path=str(ARTIFACTS / "briefing.png"), full_page=False)
        page.set_viewport_size({"width": 390, "height": 800})
        page.screenshot(path=str(ARTIFACTS / "briefing-narrow.png"))
        # the planted <script> shows as text in the source list and in the panel, and never runs
        page.goto(planted.as_uri())
        assert page.title() != "pwned"
        assert "<script>document.title='pwned'</script>" in page.locator("#sources").text_content()
        page.locator("#facts li[data-source]").first.click()
        assert "<script>document.title='pwned'</script>" in page.locator("#panel-text").inner_text()
        assert page.title() != "pwned"
        browser.close()
    assert errors == []
    assert requests == [], requests  # nothing but file: and 127.0.0.1 was even asked for


def test_the_seed_timeline_is_drawn(page_file):
    page = page_file.read_text(encoding="utf-8")
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count("<circle") >= 3 and "2025-08-22" in svg
    assert 'id="disagreements"' not in page  # the seeds agree
    assert page.count("1 source") + page.count("single source") >= 1 and "outlets" in page
