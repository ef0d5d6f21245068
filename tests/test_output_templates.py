"""The output templates: found where the wheel puts them, escaping every value with the format's
own rule (``html.escape``, ``_md_escape``) and never our own words, and one view behind both
formats. Byte-for-byte sameness of whole outputs is ``test_outputs_unchanged.py``'s."""

from __future__ import annotations

import html as htmllib
import re
import tomllib

from summarizer.output.html import html
from summarizer.output.markdown import _md_escape, markdown
from summarizer.output.templates import templates_dir
from summarizer.output.view import WORDS, briefing_view
from summarizer.schemas import Briefing, BriefingFact, BriefingQuote, BriefingSource, Evidence, Span

from .conftest import ROOT

HOSTILE = "it's \"quoted\" & <b>bold</b> -1. a@b.c [x](y)"


def _briefing() -> Briefing:
    ev = [Evidence(source="a", span=Span(start=0, end=5, status="exact", score=1.0))]
    return Briefing(
        headline=HOSTILE,
        headline_sources=["a"],
        sources=[BriefingSource(id="a", title=HOSTILE), BriefingSource(id="b", title="Second")],
        facts=[BriefingFact(id="f1", statement=HOSTILE, sources=["a", "b"], voices=2, corroborated=True, evidence=ev)],
        quotes=[
            BriefingQuote(id=f"q{i}", speaker="X", text=f"{HOSTILE} {i}", sources=["a"], speaker_status="corrected",
                          model_speaker=HOSTILE, evidence=ev)
            for i in range(14)
        ],  # fmt: skip
        people=[], organizations=[], places=[], events=[], disagreements=[],
    )  # fmt: skip


def test_the_wheel_ships_the_templates_where_the_loader_looks():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert config["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]["templates"] == "summarizer/templates"
    assert templates_dir() == ROOT / "templates"  # a source checkout; the wheel's summarizer/templates comes first
    assert {"briefing.md.j2", "digest.md.j2", "briefing.html.j2", "digest.html.j2", "review.css"} <= {
        p.name for p in templates_dir().iterdir()
    }


def test_html_escapes_data_as_html_escape_does():
    page = html(_briefing(), {"a": HOSTILE})
    assert "<b>bold" not in page
    assert page.count(htmllib.escape(HOSTILE)) >= 4  # headline, title, fact, the article in <details>
    assert "&#39;" not in page and "&#34;" not in page  # markupsafe's spelling would change the bytes


def test_markdown_escapes_data_and_leaves_our_words():
    text = markdown(_briefing(), evidence=True, texts={"a": HOSTILE})
    assert text.startswith(f"# {_md_escape(HOSTILE)} [1]\n")
    assert f"- {_md_escape(HOSTILE)} [1][2] *(2 outlets)*" in text
    assert f"*(speaker per the article; the model said {_md_escape(HOSTILE)})*" in text
    assert "    - [1] (chars 0-5, exact): “it's”" in text
    assert "- *and 2 more (every quote is in the JSON)*" in text


def test_one_view_for_both_formats():
    b = _briefing()
    v = briefing_view(b)
    assert len(v.quotes) == 12 and v.more_quotes is not None
    page, text = html(b), markdown(b)
    for heading in (WORDS.facts, WORDS.quotes, WORDS.sources):
        assert f"<h2>{heading}</h2>" in page and f"## {heading}\n" in text


def test_markdown_templates_print_no_string_literal():
    """A literal inside {{ }} would be escaped as data: our Markdown is template text."""
    for path in templates_dir().glob("*.md.j2"):
        assert not re.search(r"\{\{-?\s*[\"']", path.read_text()), path.name
