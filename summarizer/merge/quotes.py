"""Quotes across articles: the same words once, with every article that carries them.

Two quotes (verbatim inside the article's quotation marks: ``summarizer.reading.quotes`` finds them)
are one when their words are the same after grounding's normalisation, or one is a fragment
of the other (20+ characters) by the same speaker. A fact that paraphrases a quote is linked
to it (``related``), not merged with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..language import ENGLISH, LanguageProfile
from ..reading.grounding import normalize
from ..reading.names import parts, same_person
from ..reading.text import content_stems, words
from ..schemas import ArticleResult, BriefingFact, BriefingQuote, Evidence, Quote
from .index import UnionFind, candidate_pairs, content_id, uniq
from .people import PeopleIndex

QUOTE_LINK_MIN = 85.0


@dataclass(frozen=True)
class Entry:
    source: str
    quote: Quote
    speaker: str  # the article's own attribution when code found one
    norm: str
    status: str  # verified / corrected / unverified


def _shingles(norm: str) -> set[str]:
    """The same words, or one inside the other, share a 3-word run ("meaningful and frank"
    inside "very meaningful and frank")."""
    w = words(norm)
    return {" ".join(w[k : k + 3]) for k in range(max(1, len(w) - 2))} or {norm}


def merge_quotes(
    results: Sequence[ArticleResult], people: PeopleIndex, facts: list[BriefingFact], profile: LanguageProfile = ENGLISH
) -> list[BriefingQuote]:
    entries = []
    for r in results:
        for q in r.quotes:
            if q.speaker_status == "verified":
                speaker, status = q.speaker, "verified"
            elif q.speaker_attributed_to:  # the text names someone else: show the text's attribution
                speaker, status = q.speaker_attributed_to, "corrected"
            else:
                speaker, status = q.speaker, "unverified"
            entries.append(Entry(r.source.id, q, speaker, normalize(q.text), status))
    uf = UnionFind(len(entries))
    for x, y in candidate_pairs([_shingles(e.norm) for e in entries]):
        nx, ny = entries[x].norm, entries[y].norm
        fragment = (nx in ny or ny in nx) and min(len(nx), len(ny)) >= 20
        if nx == ny or (fragment and same_person(entries[x].speaker, entries[y].speaker, profile)):
            uf.union(x, y)

    fact_norm = [normalize(f.statement) for f in facts]
    fact_index: dict[str, list[int]] = defaultdict(list)
    for k, f in enumerate(facts):
        for t in set(content_stems(f.statement, profile)):
            fact_index[t].append(k)
    quotes = []
    for group in uf.groups():
        members = [entries[i] for i in group]
        top = max(members, key=lambda m: (len(m.quote.text), m.source))
        statuses = {m.status for m in members}
        status = "unverified" if "unverified" in statuses else "corrected" if "corrected" in statuses else "verified"
        claimed = {m.quote.speaker for m in members if m.status == "corrected"}
        # a fact that paraphrases (or quotes) these words is linked, not merged; candidates
        # name the speaker and share one of the quote's rarer words
        core = parts(top.speaker, profile).core
        naming = set(fact_index.get(profile.stem(core[-1]), ())) if core else set()
        rare = sorted(
            (t for t in set(content_stems(top.quote.text, profile)) if 0 < len(fact_index.get(t, ())) <= 200),
            key=lambda t: (len(fact_index[t]), t),
        )
        candidates = sorted({k for t in rare[:3] for k in fact_index[t] if k in naming})[:100]
        related: list[str] = []
        if len(top.quote.text) >= 12 and candidates:
            hits = process.extract(
                top.norm, [fact_norm[k] for k in candidates], scorer=fuzz.partial_ratio,
                score_cutoff=QUOTE_LINK_MIN, limit=None,
            )  # fmt: skip
            related = [facts[candidates[i]].id for _, _, i in sorted(hits, key=lambda h: h[2])]
        anchor = min(members, key=lambda m: (m.source, m.quote.evidence[0].start if m.quote.evidence else 0))
        person = people.resolve(top.speaker, top.source)
        quotes.append(
            BriefingQuote(
                id=content_id("quote", anchor.source, anchor.norm),
                # under the merged person's name ("Kovalenko", "Kowalenko", "Olena Kovalenko": one)
                speaker=people.name_of.get(person, top.speaker) if person else top.speaker,
                speaker_id=person,
                text=top.quote.text,
                speaker_status=status,
                model_speaker=", ".join(sorted(claimed)) or None,
                sources=uniq(m.source for m in members),
                evidence=[
                    Evidence(source=m.source, span=m.quote.evidence[0] if m.quote.evidence else None, text=m.quote.text)
                    for m in members
                ],
                related=related,
            )
        )
    quotes.sort(key=lambda q: (-len(q.sources), q.sources[0], q.evidence[0].span.start if q.evidence and q.evidence[0].span else 0))
    return quotes
