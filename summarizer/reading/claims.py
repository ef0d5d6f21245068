"""Claims: every statement of an article body, found by code, with its figures and dates.

The model's key points are five statements it chose; a comparison across articles must not
depend on that choice. So every sentence of the body (headings and page chrome left out)
becomes a claim -- cut into clauses where a sentence joins two statements ("..., but the
Citadel refused ...") -- with offsets into the article text, the figures it states
(``quantities``: "four" = 4, "$3.6 billion" = 3.6e9 USD, "no arrests" = 0) and the dates
it names (``temporal``: "on Friday" resolved against the article's own date). A claim
that a key point's evidence covers is marked ``key`` (the model found it important).

Only news sentences become claims: ``summarizer.reading.notnews`` sets aside the lines that are not
(captions, datelines, bylines, subheads ...), and here a sentence is set aside when it has no
clause of its own (a subject and a finite verb: "Dismissing X, who has not."), when it is a
question, or when it is someone's words and the article does not say whose (a quotation is a
statement only with its speaker, kept in ``Claim.speaker``). A clause cut from its sentence with
no subject of its own ("..., and placed 14 people in quarantine") stays a claim marked
``continues``: it may support a fact or a side of a disagreement, never be shown as a statement.

Pure code: no model, no network.
"""

from __future__ import annotations

import re
from dataclasses import asdict

from ..language import ENGLISH, LanguageProfile
from ..schemas import Claim, DateMention, NotNews, Quote, Span
from .grounding import normalize
from .liveblog import find_entries, find_turns
from .notnews import screen
from .quantities import find_quantities
from .syntax import figure_frame, frames, main_clause, statement
from .temporal import find_dates
from .text import clauses, content_id, content_stems, quoted_spans, sentences

_YEAR = re.compile(r"\b(?:1[89]|2\d)\d\d\b")
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


def _speaker(c0: int, c1: int, quotes: list[Quote]) -> str | None:
    """Whose words the quoted claim ``[c0, c1)`` holds: the speaker of the quote it overlaps
    most, when the article names one."""
    best = max(
        ((min(c1, ev.end) - max(c0, ev.start), q.speaker) for q in quotes for ev in q.evidence[:1] if ev.start < c1 and c0 < ev.end),
        default=None,
    )
    return best[1] if best and best[1] != "unknown" else None


def _statement_pieces(
    raw: str, pieces: list[tuple[int, int]], profile: LanguageProfile, para: tuple[int, int]
) -> list[tuple[int, int]]:
    """A sentence's clause pieces, the first joined to the next when it has no clause of its
    own (an opening phrase). A later piece with no subject of its own ("..., but said it was
    necessary to ...") stays a piece (``Claim.continues``), and the statement before it keeps
    its own, shorter words."""
    out = list(pieces)
    if len(out) > 1 and not statement(raw, *out[0], profile, para):
        out[1] = (out[0][0], out[1][1])
        out.pop(0)
    return out


def read_claims(
    raw: str,
    lines: list[tuple[int, int]],
    *,
    title: str | None = None,
    published: str | None = None,
    key_evidence: list[Span] | None = None,
    quotes: list[Quote] | None = None,
    article_id: str = "",
    profile: LanguageProfile = ENGLISH,
) -> tuple[list[Claim], list[NotNews]]:
    """The claims of ``raw`` and what was set aside as not news.

    ``lines``: every line of the article (``articles.paragraphs``); ``title``: the headline
    line (neither a claim nor set aside); ``quotes``: the article's quotes with their speakers
    (a sentence quoting someone it does not name is no claim)."""
    screened = screen(raw, lines, title=title, profile=profile)
    set_aside = list(screened.set_aside)
    dates = find_dates(raw, published, profile)
    quoted = quoted_spans(raw) + [seg for t in find_turns(raw) for seg in t.segments]  # a transcript turn is speech too
    stamps = [(e.start, e.stamp_end) for e in find_entries(raw)]  # a live blog's "5:55 A.M." states nothing
    keys = [(s.start, s.end) for s in key_evidence or []]
    taken: set[str] = set()
    out: list[Claim] = []
    for p0, p1 in screened.body:
        year: str | None = None  # the year a paragraph's sentences are set in, once one names it ("In 2019, ...")
        for s0, s1 in sentences(raw, p0, p1, profile):
            pieces = [(_after_stamp(raw, c0, c1, stamps), c1) for c0, c1 in clauses(raw, s0, s1, profile)]
            for c0, c1 in _statement_pieces(raw, [(a, b) for a, b in pieces if a < b], profile, (p0, p1)):
                text = raw[c0:c1]
                named = [y for d in dates if c0 <= d.start and d.end <= c1 for y in _YEAR.findall(d.surface)]
                year = named[0] if named else year
                if len(content_stems(text, profile)) < MIN_CONTENT_WORDS:
                    continue
                inside = sum(_overlap(c0, c1, q0, q1) for q0, q1 in quoted)
                is_quoted = inside >= QUOTED_SHARE * (c1 - c0)
                reason = None
                speaker = _speaker(c0, c1, quotes or []) if is_quoted else None
                clause = None if is_quoted else main_clause(raw, c0, c1, profile, (p0, p1))
                own = is_quoted or clause is not None or statement(raw, c0, c1, profile, (p0, p1))
                if is_quoted and speaker is None:
                    reason = "quotation"  # someone's words, and the article does not say whose
                elif not is_quoted and text.rstrip("\u201d\u2019\"') ").endswith("?"):
                    reason = "question"
                elif not own and c0 == s0:
                    reason = "fragment"  # a sentence with no subject and finite verb of its own
                if reason is not None:
                    set_aside.append(NotNews(text=text, start=c0, end=c1, reason=reason))
                    continue
                figures = [
                    q.figure(c0, **asdict(figure_frame(raw, c0 + q.start, c0 + q.end, profile, (p0, p1))))
                    for q in find_quantities(text, profile)
                ]
                out.append(
                    Claim(
                        id=content_id("c", article_id, normalize(text), taken=taken),
                        text=text,
                        start=c0,
                        end=c1,
                        figures=figures,
                        dates=[
                            DateMention(surface=d.surface, date=d.date, precision=d.precision, start=d.start, end=d.end, future=d.future)
                            for d in dates
                            if c0 <= d.start and d.end <= c1
                        ],
                        quoted=is_quoted,
                        speaker=speaker,
                        continues=not own,
                        leans=clause is not None and clause.leans_back,
                        frames=frames(raw, c0, c1, profile, (p0, p1)),
                        year=year,
                        key=any(_overlap(c0, c1, k0, k1) >= KEY_OVERLAP * (c1 - c0) for k0, k1 in keys),
                    )
                )
    set_aside.sort(key=lambda n: n.start)
    return out, set_aside
