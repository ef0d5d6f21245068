"""Long articles in parts: where to cut, what overlaps, what each part repeats.

An article longer than ``max_chars`` (``Settings.chunk_chars``; fewer when the endpoint's
context is smaller) is read by the model in parts. A part ends at the last paragraph end
that fits (at least half a part in), else at the last sentence end (a quarter in), else at
the last space; the next part starts ``overlap`` characters or less before that cut, on a
sentence start, so a statement cut in two is read whole once. Each part after the first
repeats the article's own header: its headline and dateline (``header``).

What the model reads per part is merged back into one article by ``result.combine``; every
offset stays an offset into the whole article, because code grounds the merged answer in
the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..reading.text import sentences

CHUNK_CHARS = 10_000  # a part: about two news articles, what the answer's bounds (6 people, 3 facts) fit
OVERLAP_CHARS = 600  # repeated from the end of one part at the start of the next
MIN_CHUNK_CHARS = 400  # below this a part holds too little to be worth a request


@dataclass(frozen=True)
class Part:
    """``text[start:end]`` of the article text, part ``index`` (1-based) of ``count``."""

    index: int
    count: int
    start: int
    end: int


def split(text: str, max_chars: int = CHUNK_CHARS, overlap: int = OVERLAP_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` spans covering every non-blank character of ``text``, each at most
    ``max_chars`` long, consecutive spans sharing at most ``overlap`` characters."""
    first = len(text) - len(text.lstrip())
    last = len(text.rstrip())
    if last - first <= max_chars:
        return [(first, last)] if last > first else []
    paragraph_ends, sents = _boundaries(text)
    spans: list[tuple[int, int]] = []
    pos = first
    while pos < last:
        limit = pos + max_chars
        if limit >= last:
            spans.append((pos, last))
            break
        cut = _last(paragraph_ends, pos + max_chars // 2, limit) or _last([e for _, e in sents], pos + max_chars // 4, limit)
        if cut is None:
            space = text.rfind(" ", pos + 1, limit)
            cut = space if space > pos else limit
        spans.append((pos, cut))
        starts = [s for s, _ in sents if cut - overlap <= s < cut and s > pos]
        nxt = starts[0] if starts else cut
        while nxt < last and text[nxt].isspace():
            nxt += 1
        pos = nxt
    return spans


@lru_cache(maxsize=4)
def _boundaries(text: str) -> tuple[list[int], list[tuple[int, int]]]:
    """Paragraph ends and sentence spans, found once per text (sentences take 0.3 s on 46,000
    characters, and a plan cut finer to fit a window splits the same text again)."""
    return [m.end() for m in re.finditer(r"[^\n]*\S", text)], sentences(text)


def _last(positions: list[int], low: int, high: int) -> int | None:
    fitting = [p for p in positions if low < p <= high]
    return fitting[-1] if fitting else None


def parts(text: str, max_chars: int = CHUNK_CHARS, overlap: int = OVERLAP_CHARS) -> list[Part]:
    spans = split(text, max_chars, overlap)
    return [Part(index=i + 1, count=len(spans), start=a, end=b) for i, (a, b) in enumerate(spans)]


_DATELINE = re.compile(
    r"^\s*((?:[A-Z][\w'\u2019.-]*[ \t]?){1,4}(?:,[ \t]*[^\n,\u2014\u2013]{2,30}){0,2}"
    r"(?:[ \t]*\([^()\n]{2,30}\))?)[ \t]*(?:\u2014|\u2013|--| - )"
)


def dateline(text: str) -> str | None:
    """The dateline the body opens with -- "MARROWICK, March 14 (Reuters) --" -- if any."""
    m = _DATELINE.match(text)
    return " ".join(m.group(1).split()) if m else None
