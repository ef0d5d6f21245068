"""Grounding: pin every extracted item to its place in the article, and check quotes.

Alignment (in the spirit of langextract's resolver), for a needle in the article text:

1. **exact** -- the needle occurs as is; repeated mentions map to successive occurrences.
2. **normalized** -- it occurs after ``normalize()`` of both sides: every quotation mark and
   apostrophe (straight, curly, single, double, guillemets) -> ``'``, every dash -> ``-``,
   ``…`` -> ``...``, runs of white space -> one space, case folded. Offsets are mapped back
   to the original text.
3. **fuzzy** -- for key points and events (the model's own words), the body sentence holding
   the largest share of their content words, rare words weighing more (``align_statement``),
   accepted at ``STATEMENT_MIN``. The share (x100) is stored as the score.
4. **none** -- no evidence found.

Every span satisfies ``text[start:end]`` == the evidence, with ``text`` the article file
decoded as UTF-8 (``Article.raw``).

Quotes are not aligned here: ``summarizer.reading.quotes`` finds them in the text (verbatim by
construction) and settles who said them; ``find_mentions`` gives the places a person is named.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..schemas import (
    AlignmentStatus,
    GroundingCounts,
    GroundingReport,
    Span,
)
from .names import parse_name
from .text import content_stems, sentences

STATEMENT_MIN = 0.5  # weighted share of a statement's content words its evidence sentence must hold

_CHAR_MAP = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": "'", "\u201d": "'", "\u201e": "'", "\u201f": "'", "\u2033": "'", "\u00ab": "'", "\u00bb": "'",
    '"': "'",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
    "\u2026": "...", "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}  # fmt: skip


# ----------------------------------------------------------------------------- normalise


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """The documented normalisation, plus for each output char the index it came from."""
    out: list[str] = []
    index: list[int] = []
    prev_space = False
    for i, ch in enumerate(text):
        rep = _CHAR_MAP.get(ch, ch)
        if rep.isspace():
            if prev_space:
                continue
            out.append(" ")
            index.append(i)
            prev_space = True
            continue
        prev_space = False
        for c in rep.casefold():
            out.append(c)
            index.append(i)
    return "".join(out), index


_MARKS = re.compile("[" + "".join(map(re.escape, _CHAR_MAP)) + "]")  # (a scan in C: faster than ``str.translate``'s per-character map)


def _mapped(m: re.Match[str]) -> str:
    return _CHAR_MAP[m[0]]


def normalize(text: str) -> str:
    """Quotation marks/apostrophes -> ', dashes -> '-', '…' -> '...', white space folded, casefolded.

    The same result as ``normalize_with_map(text)[0].strip()``, at C speed (for the merge and
    the changes step, which call it tens of thousands of times): a text of ASCII alone has no
    mark but the two ASCII ones to map, and ``str.split`` splits at the white space ``\\s`` matches."""
    mapped = text.replace('"', "'").replace("`", "'") if text.isascii() else _MARKS.sub(_mapped, text)
    return " ".join(mapped.split()).casefold()


@dataclass
class Document:
    """An article text prepared for repeated alignment. ``body``: the spans of the text that
    are the article's body (``articles.body_spans``); statements are aligned to sentences
    inside them (not to a date line or a byline). Default: the whole text."""

    text: str
    body: list[tuple[int, int]] | None = None
    norm: str = ""
    index: list[int] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)
    _stems: list[frozenset[str]] | None = None

    def __post_init__(self) -> None:
        self.norm, self.index = normalize_with_map(self.text)
        self.sentences = _sentences(self.text, self.body)

    def to_raw(self, nstart: int, nend: int) -> tuple[int, int]:
        start = self.index[nstart]
        end = self.index[nend - 1] + 1
        return start, end

    @property
    def stems(self) -> list[frozenset[str]]:
        """The content stems of each sentence (computed once)."""
        if self._stems is None:
            self._stems = [frozenset(content_stems(self.text[s:e])) for s, e in self.sentences]
        return self._stems


def _sentences(text: str, body: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """The sentences of the body (``text.sentences``: the one sentence model of the package,
    so evidence, quotes and claims cut the text at the same places)."""
    if body is None:
        return sentences(text)
    return [span for a, b in body for span in sentences(text, a, b)]


# ----------------------------------------------------------------------------- align


def find_all(doc: Document, needle: str, limit: int = 20) -> tuple[list[Span], AlignmentStatus]:
    """Every exact occurrence, else every normalised occurrence (non-overlapping)."""
    if not needle.strip():
        return [], "none"
    spans: list[Span] = []
    pos = doc.text.find(needle)
    while pos != -1 and len(spans) < limit:
        spans.append(Span(start=pos, end=pos + len(needle), status="exact", score=100))
        pos = doc.text.find(needle, pos + len(needle))
    if spans:
        return spans, "exact"
    n = normalize(needle)
    if not n:
        return [], "none"
    pos = doc.norm.find(n)
    while pos != -1 and len(spans) < limit:
        s, e = doc.to_raw(pos, pos + len(n))
        spans.append(Span(start=s, end=e, status="normalized", score=100))
        pos = doc.norm.find(n, pos + len(n))
    return spans, ("normalized" if spans else "none")


def align_statement(doc: Document, statement: str, minimum: float = STATEMENT_MIN) -> list[Span]:
    """Evidence for a statement in the model's own words: verbatim if possible, else the body
    sentence that holds most of its content words, each word weighted by how rare it is in
    the article (log(1 + sentences / sentences holding it)): "Quennell speaks to NBC's Meet the
    Press" goes to the sentence with "NBC's Meet the Press", not to the lead that also names
    Quennell. Accepted when that share is at least ``minimum``; ties go to the closer wording."""
    needle = statement.strip().rstrip(".")
    spans, _ = find_all(doc, needle, limit=1)
    if spans:
        return spans
    want = set(content_stems(statement))
    if not want or not doc.sentences:
        return []
    n = len(doc.sentences)
    weight = {w: math.log(1 + n / max(1, sum(w in st for st in doc.stems))) for w in want}
    total = sum(weight.values())
    n_statement = normalize(statement)

    def score(k: int) -> tuple[float, float]:
        s, e = doc.sentences[k]
        return sum(weight[w] for w in want & doc.stems[k]) / total, fuzz.token_set_ratio(n_statement, normalize(doc.text[s:e]))

    best = max(range(n), key=score)
    share = score(best)[0]
    if share < minimum:
        return []
    s, e = doc.sentences[best]
    return [Span(start=s, end=e, status="fuzzy", score=round(100 * share, 1))]


# ----------------------------------------------------------------------------- speakers


@dataclass
class Mention:
    start: int
    end: int
    name: str  # the canonical name (from the extraction) this surface form belongs to


def find_mentions(doc: Document, names: Iterable[str]) -> list[Mention]:
    """Mentions in the text of each name or its surname; sorted by position."""
    mentions: list[Mention] = []
    for name in dict.fromkeys(names):
        forms = {name}
        core, _ = parse_name(name)
        if core:
            forms.add(core[-1])
        for form in forms:
            if len(form) < 3:
                continue
            pattern = re.compile(r"(?<!\w)" + re.escape(normalize(form)) + r"\w{0,2}(?!\w)")
            for m in pattern.finditer(doc.norm):
                s, e = doc.to_raw(m.start(), m.end())
                mentions.append(Mention(s, e, name))
    mentions.sort(key=lambda m: (m.start, -(m.end - m.start)))
    # drop mentions nested inside a longer one ("Orlin" inside "Ivo Orlin")
    out: list[Mention] = []
    for mention in mentions:
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out


# ----------------------------------------------------------------------------- counts


def count(spans_per_item: Iterable[list[Span]]) -> GroundingCounts:
    c = GroundingCounts()
    for spans in spans_per_item:
        status = spans[0].status if spans else "none"
        setattr(c, status, getattr(c, status) + 1)
    return c


def summary_line(report: GroundingReport) -> str:
    c = report.counts
    return (
        f"grounded exact {c.exact}, normalized {c.normalized}, fuzzy {c.fuzzy}, not found {c.none}; "
        f"quotes {report.quotes_direct}; speakers verified {report.speakers_verified}, "
        f"unverified {report.speakers_unverified}"
    )

