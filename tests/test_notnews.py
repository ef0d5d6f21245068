"""Lines that are not news are set aside before any statement is made (summarizer.reading.notnews,
summarizer.reading.claims). The articles here are written for the tests, shaped like pages as text
extraction leaves them; none of their lines is taken from the desk set."""

from __future__ import annotations

import dataclasses

import pytest

from summarizer.inputs.articles import article_from_text, paragraphs
from summarizer.language import ENGLISH
from summarizer.reading.claims import read_claims
from summarizer.reading.notnews import classify_line, dateline

PAGE = """date 2026-02-11
Flood barrier fails as river breaks its banks in Osterby
By Lene Mork, Staff Writer

OSTERBY, Varnland (Nordwire) — The river Aske broke its banks in Osterby on Tuesday after a flood barrier failed, forcing 900 residents from their homes, the city council said.

Rescue workers carry an elderly resident to a boat on Kirkegade, Osterby, Feb. 10, 2026. (Photo: Per Holm/Nordwire)

Per Holm / Nordwire

Council engineers said one of the barrier's steel gates had jammed half open.

Related: Osterby's flood defences were last tested in 2019

What happens next?

- Sandbags at the town hall from 8 a.m.
- The bridge at Kirkegade is closed to cars.

Dismissing calls for an inquiry, which the opposition had not.

"We are doing everything we can," said Mayor Tove Lind.

"The water came up through the floor."

— Karen Voss (@kvoss_osterby) February 10, 2026

This story has been updated with the number of residents moved.

Reporting by Lene Mork; Editing by Anders Falk

(Nordwire)
"""


@pytest.fixture(scope="module")
def page():
    article = article_from_text(PAGE, "osterby")
    claims, aside = read_claims(article.raw, paragraphs(article), title=article.title_hint, published="2026-02-11")
    return article, claims, aside


def _reasons(aside) -> dict[str, str]:
    return {n.text: n.reason for n in aside}


def test_every_kind_of_non_news_line_is_set_aside_with_its_reason(page):
    _, claims, aside = page
    reasons = _reasons(aside)
    assert reasons["OSTERBY, Varnland (Nordwire)"] == "dateline"
    assert not any("Lene Mork" in c.text for c in claims)  # the byline under the headline is page metadata
    assert reasons[next(t for t in reasons if t.startswith("Rescue workers carry"))] == "caption"
    assert reasons["Per Holm / Nordwire"] == "credit"
    assert reasons["Related: Osterby's flood defences were last tested in 2019"] == "link"
    assert reasons["What happens next?"] == "question"
    assert reasons["- Sandbags at the town hall from 8 a.m."] == "list"
    assert "The bridge at Kirkegade is closed to cars." not in reasons  # a bullet that is a sentence stays news
    assert reasons["Dismissing calls for an inquiry, which the opposition had not."] == "fragment"
    # an embedded post: its signature is page chrome (gone from the text), its words nobody's in the article
    assert reasons['"The water came up through the floor."'] == "quotation"
    assert not any("@kvoss" in c.text for c in claims)
    assert reasons["This story has been updated with the number of residents moved."] == "trailer"
    assert reasons["Reporting by Lene Mork; Editing by Anders Falk"] == "trailer"
    assert reasons["(Nordwire)"] == "trailer"
    texts = [c.text for c in claims]
    # the dateline is cut from the lede, which stays news; the headline is neither
    assert texts[0].startswith("The river Aske broke its banks in Osterby on Tuesday")
    assert "Council engineers said one of the barrier's steel gates had jammed half open." in texts
    assert "The bridge at Kirkegade is closed to cars." in texts
    assert any(c.text.startswith('"We are doing') for c in claims)  # a quotation that names its speaker stays
    assert not any(n.text.startswith("Flood barrier fails") for n in aside)


def test_no_claim_overlaps_a_line_set_aside(page):
    _, claims, aside = page
    assert not any(c.start < n.end and n.start < c.end for c in claims for n in aside)


@pytest.mark.parametrize(
    ("line", "cut"),
    [
        ("KESTREL BAY, Norland (AP) — Police said", "Police said"),
        ("DORVAL (Reuters) - The bank", "The bank"),
        ("ARDEN, May 14 (AFP) - Two ministers", "Two ministers"),
        ("NEW YORK/LONDON — Markets fell", "Markets fell"),
        ("London (CNN) — Prices rose", "Prices rose"),
        ("MILLBROOK — Two workers", "Two workers"),
        ("NATO leaders met on Monday.", None),
        ("The UN — and its agencies — said", None),
    ],
)
def test_datelines_by_their_shape(line, cut):
    end = dateline(line, 0, len(line))
    assert (line[end:] if end else None) == cut


@pytest.mark.parametrize(
    "line",
    [
        "Firefighters at the scene on Sunday. (AP Photo/Jon Doe)",
        "REUTERS/Anna Berg",
        "Photograph: Tom Lind/Getty Images",
        "Read more: Why the barrier failed",
        "Sign up for our morning newsletter",
        "© 2026 Nordwire. All rights reserved.",
        "Associated Press writer Mira Holt contributed to this report.",
        "pic.twitter.com/abc123",
    ],
)
def test_furniture_lines(line):
    assert classify_line(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "The council said 900 residents had left their homes.",
        "Water reached the first floor of the library, the mayor said.",
        '"We are doing everything we can," said Mayor Tove Lind.',
    ],
)
def test_news_lines_are_not_set_aside(line):
    assert classify_line(line) is None


def test_the_shape_rules_hold_when_the_word_lists_are_empty():
    """A profile that knows no credit words, link labels, trailers or byline roles still sets
    aside a slash credit, a bracketed line, a question subhead, a dateline and a line with no
    clause of its own."""
    bare = dataclasses.replace(
        ENGLISH, credit_words=frozenset(), credit_phrases=(), link_labels=(), trailer_patterns=(), byline_roles=()
    )
    assert classify_line("Per Holm / Nordwire", bare) == "credit"
    assert classify_line("(Nordwire)", bare) == "trailer"
    assert classify_line("What happens next?", bare) == "question"
    assert classify_line("Lene Mork, Staff Writer", bare) == "subhead"  # no full stop, no clause: never a statement
    article = article_from_text(PAGE, "osterby")
    claims, aside = read_claims(article.raw, paragraphs(article), title=article.title_hint, profile=bare)
    assert claims[0].text.startswith("The river Aske broke its banks")
    assert any(n.reason == "fragment" for n in aside)


def test_a_clause_with_no_subject_of_its_own_supports_but_is_never_a_statement():
    raw = "The minister opened the bridge on Monday, and thanked the engineers who built it in two years."
    article = article_from_text(raw, "bridge")
    claims, _ = read_claims(article.raw, paragraphs(article))
    assert [c.continues for c in claims] == [False, True]
