"""The optional synthesis step: headline + overview written from the merged facts only.

Pure: builds the messages and checks the answer. Every sentence of the headline and the
overview must be carried by one merged fact or event (most of its content words appear
there) and bring in no number the facts do not contain; a violation is re-asked through
instructor. An answer that still says more than the sources is not used: the briefing then
gets the most corroborated event or fact as its headline and the next ones as its
overview (``fallback``): the sources' own statements, nothing added.
"""

from __future__ import annotations

import re

from .merge import content_words, numbers_in
from .prompting import render
from .schemas import Briefing, Synthesis

MAX_FACTS = 25
SUPPORT_MIN = 0.8  # share of a sentence's content words found in one fact or event


def build_messages(b: Briefing) -> tuple[str, str]:
    facts = b.facts[:MAX_FACTS]
    events = [e for e in b.events if e.date][:10]
    user = render("synthesis_user.j2", n_sources=len(b.sources), facts=facts, events=events)
    return render("synthesis_system.j2"), user


def _statements(b: Briefing) -> list[str]:
    return [f.statement for f in b.facts] + [e.description for e in b.events] + [x.title for x in b.sources]


def problems(s: Synthesis, b: Briefing) -> list[str]:
    """What the synthesis says that the merged facts do not."""
    statements = _statements(b)
    corpus = " ".join(statements)
    allowed = numbers_in(corpus) | set(re.findall(r"\d+", corpus))
    found = []
    extra = numbers_in(s.headline + " " + s.overview) - allowed
    if extra:
        found.append(f"Use only numbers from the facts; these are not in them: {', '.join(sorted(extra))}.")
    supports = [content_words(t) for t in statements]
    sentences = [s.headline] + [x for x in re.split(r"(?<=[.!?])\s+", s.overview) if x.strip()]
    for sentence in sentences:
        words = content_words(sentence)
        if words and max((len(words & f) / len(words) for f in supports), default=0) < SUPPORT_MIN:
            found.append(f"Not supported by any single fact: {sentence!r}. Restate facts as listed.")
    return found


def fallback(b: Briefing) -> Briefing:
    """No usable synthesis: the most corroborated event or fact becomes the headline, and the
    next ones the overview -- the sources' own statements, nothing added."""
    items = [(len(e.sources), 1, i, e.description) for i, e in enumerate(b.events)]
    items += [(len(f.sources), 0, i, f.statement) for i, f in enumerate(b.facts)]
    if not items:
        return b
    ranked = [text.rstrip(".") for *_, text in sorted(items, key=lambda t: (-t[0], -t[1], t[2]))]
    overview = ". ".join(ranked[1:4]) + "." if len(ranked) > 1 else None
    return b.model_copy(update={"headline": ranked[0], "overview": overview})


def apply(b: Briefing, s: Synthesis) -> Briefing:
    return b.model_copy(update={"headline": s.headline.strip(), "overview": s.overview.strip()})
