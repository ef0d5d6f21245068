"""Copies are one voice: near-identical documents and verbatim shared passages.

Corroboration counts *independent* outlets. A wire story run by two outlets, two versions of
one article, or the same embedded boilerplate in three pages is one text, not three
witnesses. Two documents are copies when their word 5-shingles overlap by ``COPY_MIN`` of
the smaller one (containment, so a copy with a paragraph cut or a credit line added still
counts); the same outlet named twice is one voice too. Within a fact, two articles that
state it in the same words (``SAME_WORDS_MIN`` words or more, identical after
normalisation, outside quotation marks) also count once: that passage was copied, whoever
ran it -- while two outlets quoting the same speaker word for word are two reports.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import chain

from rapidfuzz import fuzz

from ..reading.grounding import normalize
from ..reading.text import quoted_spans, words
from ..schemas import ArticleResult
from .index import UnionFind, candidate_pairs
from .units import Lexicon

COPY_MIN = 0.6  # share of the smaller document's 5-shingles found in the other
SAME_WORDS_MIN = 8  # a shared passage this long, word for word, is a copy, not a paraphrase
NEAR_COPY_MIN = 95.0  # rapidfuzz ratio of two passages' own words that counts as the same words
SHINGLE = 5


def _shingles(w: Sequence[str]) -> set[str]:
    """The runs of ``SHINGLE`` words (a shorter text: its words)."""
    if len(w) < SHINGLE:
        return {" ".join(w)}
    return set(map(" ".join, zip(*(w[k:] for k in range(SHINGLE)), strict=False)))  # each run of SHINGLE words


def voice_groups(results: Sequence[ArticleResult], texts: dict[str, str] | None = None, lexicon: Lexicon | None = None) -> dict[str, str]:
    """Article id -> the id of its voice (the first article of its copy group).

    Compared on the article text when given, else on the article's claims (their words read
    by ``lexicon``, the plan's, when given: the steps after this one read them too)."""
    ids = [r.source.id for r in results]
    docs = []
    for r in results:
        raw = (texts or {}).get(r.source.id)
        if raw or lexicon is None:
            body = raw or " ".join(c.text for c in r.claims)
            docs.append(_shingles(words(body)) if body.strip() else set())
        else:  # the claims one after another: no word runs from one into the next
            claims = [c.text for c in r.claims]
            docs.append(_shingles(list(chain.from_iterable(map(lexicon.words, claims)))) if any(t.strip() for t in claims) else set())
    uf = UnionFind(len(ids))
    df = Counter(chain.from_iterable(docs))
    for i, j in candidate_pairs(docs, rarest=8, max_df=50, df=df):
        smaller = min(len(docs[i]), len(docs[j]))
        if smaller and len(docs[i] & docs[j]) / smaller >= COPY_MIN:
            uf.union(i, j)
    outlets: dict[str, int] = {}
    for i, r in enumerate(results):
        if r.source.outlet:
            key = normalize(r.source.outlet)
            if key in outlets:
                uf.union(i, outlets[key])
            outlets.setdefault(key, i)
    out = {}
    for group in uf.groups():
        first = min(ids[i] for i in group)
        for i in group:
            out[ids[i]] = first
    return out


def copy_groups(voices: dict[str, str]) -> list[list[str]]:
    """Groups of two or more articles that are one voice (for the briefing's record)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for article, voice in sorted(voices.items()):
        groups[voice].append(article)
    return [g for g in groups.values() if len(g) > 1]


def _own_words(text: str, lexicon: Lexicon | None = None) -> str:
    """The statement without what it quotes: two outlets quoting the same speaker word for word
    are two reports; two outlets running the same sentence around the quote are one."""
    spans = quoted_spans(text) if lexicon is None else lexicon.quoted(text)
    if not spans and lexicon is not None:
        return " ".join(lexicon.words(text))  # nothing quoted: all its words, as the plan read them
    kept, last = [], 0
    for a, b in spans:
        kept.append(text[last:a])
        last = b
    kept.append(text[last:])
    return " ".join(words(" ".join(kept)))


def count_voices(members: Sequence[tuple[str, str]], voices: dict[str, str], lexicon: Lexicon | None = None) -> int:
    """Independent voices among the ``(article id, statement text)`` members of one fact:
    copy groups count once, and so do articles that state it in the same long passage (the
    same words, or ``NEAR_COPY_MIN`` alike, outside quotation marks). ``lexicon``: the plan's."""
    roots = sorted({voices.get(a, a) for a, _ in members})
    if len(roots) < 2:
        return len(roots)  # one voice (or none): no passage to compare
    uf = UnionFind(len(roots))
    at = {v: k for k, v in enumerate(roots)}
    seen: list[tuple[str, int]] = []
    for article, text in members:
        own = _own_words(text, lexicon)
        if len(own.split()) < SAME_WORDS_MIN:
            continue
        k = at[voices.get(article, article)]
        for other, j in seen:
            if j != k and fuzz.ratio(own, other) >= NEAR_COPY_MIN:
                uf.union(k, j)
        seen.append((own, k))
    return len(uf.groups())
