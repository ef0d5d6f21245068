"""The briefing's headline and overview: from the top corroborated facts, every sentence cited.

Pure: builds the messages for the optional model call and checks its answer. Without a model
(or when its answer says more than the facts) the headline is the best-ranked fact that no
outlet disputes, and the overview the next ones (``fallback``): the sources' own
statements, nothing added, each sentence with the articles that state it.

A model-written answer must restate the facts: every sentence is carried by one merged fact
or event (``SUPPORT_MIN`` of its content words appear there) and brings in no figure the
facts lack; it then cites that fact's sources. A disputed statement is never the headline.
"""

from __future__ import annotations

import re

from ..prompting import render
from ..reading.quantities import find_quantities
from ..reading.text import content_stems
from ..schemas import Briefing, BriefingFact, CitedSentence, Synthesis

MAX_FACTS = 25
OVERVIEW_FACTS = 3
SUPPORT_MIN = 0.8  # share of a sentence's content words found in one fact or event


def _headline_candidates(b: Briefing) -> list[BriefingFact]:
    """Facts in briefing order that no outlet disputes, corroborated ones first."""
    ok = [f for f in b.facts if not f.disputed and not _states_disputed_figure(f, b)]
    return sorted(ok, key=lambda f: not f.corroborated)


def _states_disputed_figure(f: BriefingFact, b: Briefing) -> bool:
    """The fact's statement is one side of a disagreement (its words are a position's statement)."""
    return any(f.statement == p.statement for d in b.disagreements if not d.evolution for p in d.positions)


def build_messages(b: Briefing) -> tuple[str, str]:
    facts = _headline_candidates(b)[:MAX_FACTS]
    events = [e for e in b.events if e.date][:10]
    user = render("synthesis_user.j2", n_sources=len(b.sources), facts=facts, events=events)
    return render("synthesis_system.j2"), user


def _figures(text: str) -> set[tuple[str, float]]:
    return {(q.unit, q.value) for q in find_quantities(text)}


def _support(sentence: str, b: Briefing) -> tuple[str | None, list[str], float]:
    """The fact (or event) that best carries ``sentence``: (id, sources, share of its words)."""
    words = set(content_stems(sentence))
    if not words:
        return None, [], 1.0
    best: tuple[str | None, list[str], float] = (None, [], 0.0)
    for item_id, text, sources in [(f.id, f.statement, f.sources) for f in _headline_candidates(b)] + [
        (e.id, e.description, e.sources) for e in b.events
    ]:
        share = len(words & set(content_stems(text))) / len(words)
        if share > best[2]:
            best = (item_id, sources, share)
    return best


def _sentences(s: Synthesis) -> list[str]:
    return [s.headline] + [x for x in re.split(r"(?<=[.!?])\s+", s.overview) if x.strip()]


def problems(s: Synthesis, b: Briefing) -> list[str]:
    """What the synthesis says that the merged facts do not."""
    corpus = " ".join([f.statement for f in b.facts] + [e.description for e in b.events] + [x.title for x in b.sources])
    found = []
    extra = _figures(s.headline + " " + s.overview) - _figures(corpus)
    if extra:
        shown = ", ".join(sorted(f"{v:g}" for _, v in extra))
        found.append(f"Use only numbers from the facts; these are not in them: {shown}.")
    for sentence in _sentences(s):
        if _support(sentence, b)[2] < SUPPORT_MIN:
            found.append(f"Not supported by any single fact: {sentence!r}. Restate facts as listed.")
    return found


def _as_sentence(text: str) -> str:
    """End with a full stop unless it already ends a sentence (also inside a closing quotation mark)."""
    t = text.strip()
    core = t.rstrip("\u201d\u2019\"')")
    return t if core.endswith((".", "!", "?", "\u2026")) else t + "."


def fallback(b: Briefing) -> Briefing:
    """No usable synthesis: the lead code chose from the articles' headlines and ledes
    (``merge.lead``); for a briefing without one (per-article files with no statements), the
    best undisputed fact is the headline and the next ones the overview -- the sources' own
    statements, nothing added, each with its sources."""
    if b.headline:
        return b
    top = _headline_candidates(b)[: 1 + OVERVIEW_FACTS]
    if not top:
        return b
    lead = [CitedSentence(text=_as_sentence(f.statement), sources=f.sources, fact=f.id) for f in top[1:]]
    return b.model_copy(
        update={
            "headline": top[0].statement.rstrip("."),
            "headline_sources": top[0].sources,
            "overview": " ".join(c.text for c in lead) or None,
            "lead": lead,
        }
    )


def apply(b: Briefing, s: Synthesis) -> Briefing:
    """A checked synthesis, each sentence citing the fact that carries it."""
    _, head_sources, _ = _support(s.headline, b)
    lead = []
    for sentence in _sentences(s)[1:]:
        fid, sources, _ = _support(sentence, b)
        if sources:
            lead.append(CitedSentence(text=sentence, sources=sources, fact=fid))
    return b.model_copy(
        update={"headline": s.headline.strip(), "headline_sources": head_sources, "overview": s.overview.strip(), "lead": lead}
    )
