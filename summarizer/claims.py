"""Claims: every statement of an article body, found by code, with its figures and dates.

The model's key points are five statements it chose; a comparison across articles must not
depend on that choice. So every sentence of the body (headings and page chrome left out)
becomes a claim -- cut into clauses where a sentence joins two statements ("..., but the
Kremlin refused ...") -- with offsets into the article text, the figures it states
(``quantities``: "four" = 4, "$3.6 billion" = 3.6e9 USD, "no arrests" = 0) and the dates
it names (``temporal``: "on Friday" resolved against the article's own date). A claim
that a key point's evidence covers is marked ``key`` (the model found it important).

Pure code: no model, no network.
"""

from __future__ import annotations

from .grounding import normalize
from .language import ENGLISH, LanguageProfile
from .liveblog import find_entries, find_turns
from .quantities import find_quantities
from .schemas import Claim, DateMention, Figure, Span
from .temporal import find_dates
from .text import clauses, content_id, content_stems, quoted_spans, sentences

MIN_CONTENT_WORDS = 2  # fewer content words than this: not a statement ("he said.")
QUOTED_SHARE = 0.6  # a claim this much inside quotation marks is someone's speech
KEY_OVERLAP = 0.5  # share of a claim covered by a key point's evidence to mark it key


def _overlap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _after_stamp(raw: str, c0: int, c1: int, stamps: list[tuple[int, int]]) -> int:
    """A clause that opens with a live blog's time stamp starts after it."""
    for a, b in stamps:
        if c0 <= a < c1 and b < c1 and not raw[c0:a].strip():
            c0 = b
            while c0 < c1 and (raw[c0].isspace() or raw[c0] in ":|-\u2013\u2014"):
                c0 += 1
    return c0


def find_claims(
    raw: str,
    body: list[tuple[int, int]],
    *,
    published: str | None = None,
    key_evidence: list[Span] | None = None,
    article_id: str = "",
    profile: LanguageProfile = ENGLISH,
) -> list[Claim]:
    """The claims of ``raw`` inside the ``body`` paragraph spans (see ``articles.body_spans``)."""
    dates = find_dates(raw, published, profile)
    quoted = quoted_spans(raw) + [seg for t in find_turns(raw) for seg in t.segments]  # a transcript turn is speech too
    stamps = [(e.start, e.stamp_end) for e in find_entries(raw)]  # a live blog's "5:55 A.M." states nothing
    keys = [(s.start, s.end) for s in key_evidence or []]
    taken: set[str] = set()
    out: list[Claim] = []
    for p0, p1 in body:
        for s0, s1 in sentences(raw, p0, p1, profile):
            for c0, c1 in clauses(raw, s0, s1, profile):
                c0 = _after_stamp(raw, c0, c1, stamps)
                text = raw[c0:c1]
                if len(content_stems(text, profile)) < MIN_CONTENT_WORDS:
                    continue
                inside = sum(_overlap(c0, c1, q0, q1) for q0, q1 in quoted)
                figures = [
                    Figure(
                        surface=q.surface, value=q.value, unit=q.unit, noun=q.noun, approximate=q.approximate,
                        start=c0 + q.start, end=c0 + q.end,
                    )
                    for q in find_quantities(text, profile)
                ]  # fmt: skip
                out.append(
                    Claim(
                        id=content_id("c", article_id, normalize(text), taken=taken),
                        text=text,
                        start=c0,
                        end=c1,
                        figures=figures,
                        dates=[
                            DateMention(surface=d.surface, date=d.date, precision=d.precision, start=d.start, end=d.end)
                            for d in dates
                            if c0 <= d.start and d.end <= c1
                        ],
                        quoted=inside >= QUOTED_SHARE * (c1 - c0),
                        key=any(_overlap(c0, c1, k0, k1) >= KEY_OVERLAP * (c1 - c0) for k0, k1 in keys),
                    )
                )
    return out
