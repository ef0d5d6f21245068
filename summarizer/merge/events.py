"""Events across articles: the same occasion once, different occasions kept apart.

Two reports are one event when their dates agree (or one is unknown), their places do not
conflict, they share a participant, no figures conflict, and their descriptions share most
of their *event words* -- what the description says beyond names and titles
(``EVENT_MATCH_MIN``). No chaining: every report of a merged event must be compatible with
every other. The same two leaders phoning each other in February and in May are two events
when a date or a detail tells them apart; two undated "calls" with nothing else to tell
them apart cannot be told apart by code (README, Limits).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..language import ENGLISH, LanguageProfile
from ..reading.grounding import normalize
from ..reading.quantities import find_quantities
from ..reading.text import content_stems, stem_words
from ..reading.text import words as text_words
from ..schemas import ArticleResult, BriefingEvent, Event, Evidence
from .entities import entity_key
from .index import UnionFind, candidate_pairs, content_id, uniq
from .people import PeopleIndex

EVENT_MATCH_MIN = 0.5  # share of the shorter description's event words


@dataclass(frozen=True)
class Report:
    """One article's report of an event, prepared for comparison."""

    source: str
    event: Event
    who: frozenset[str]  # briefing person ids
    words: frozenset[str]  # event words (stems, names and titles left out)
    figures: frozenset[tuple[str, float]]
    direction: dict[int, int]  # direction pair index -> +1 / -1 ("rose" / "fell")


def _compatible(a: Report, b: Report, profile: LanguageProfile) -> bool:
    ea, eb = a.event, b.event
    if ea.time and eb.time and ea.time != eb.time:
        return False  # two entries of a live blog, at different times
    if a.source == b.source:
        # one article's two events are one occasion only when it gives both the same date and
        # place and a shared participant (four statements from one interview); else two events
        return bool(
            ea.date and ea.date == eb.date and ea.where and eb.where
            and entity_key(ea.where, profile) == entity_key(eb.where, profile) and a.who & b.who
        )  # fmt: skip
    if ea.date and eb.date:
        n = min(len(ea.date), len(eb.date))
        if ea.date[:n] != eb.date[:n]:
            return False
    if (
        ea.where and eb.where and entity_key(ea.where, profile) != entity_key(eb.where, profile)
        and fuzz.token_set_ratio(normalize(ea.where), normalize(eb.where)) < 80
    ):
        return False
    if a.who and b.who and not (a.who & b.who):
        return False
    if a.figures and b.figures and not (a.figures & b.figures):
        return False
    if any(a.direction.get(k) == -d for k, d in b.direction.items() if d):
        return False  # "exports rose" / "exports fell": not one event
    if not a.words or not b.words:
        return False
    return len(a.words & b.words) / min(len(a.words), len(b.words)) >= EVENT_MATCH_MIN


def merge_events(
    results: Sequence[ArticleResult], people: PeopleIndex, profile: LanguageProfile = ENGLISH
) -> list[BriefingEvent]:
    names = {profile.stem(t) for t in people.name_tokens()}
    titles = {profile.stem(t) for t in profile.title_words}
    reports = []
    for r in results:
        for e in r.events:
            who = frozenset(pid for n in e.who if (pid := people.resolve(n, r.source.id)))
            words = frozenset(w for w in content_stems(e.what, profile) if w not in names and w not in titles)
            figures = frozenset((q.unit, q.value) for q in find_quantities(e.what, profile))
            stems = set(stem_words(text_words(e.what), profile))
            direction = {k: (1 if pos in stems else -1) for k, (pos, neg) in enumerate(profile.direction_stems) if (pos in stems) != (neg in stems)}
            reports.append(Report(r.source.id, e, who, words, figures, direction))
    uf = UnionFind(len(reports))
    keys = [set(rep.words) | {f"@{pid}" for pid in rep.who} for rep in reports]
    for i, j in candidate_pairs(keys):
        if uf.find(i) == uf.find(j) or not _compatible(reports[i], reports[j], profile):
            continue
        gi, gj = uf.group(i), uf.group(j)
        if all(_compatible(reports[a], reports[b], profile) for a in gi for b in gj):
            uf.union(i, j)
    events = []
    for group in uf.groups():
        reps = [reports[i] for i in group]
        anchor = min(reps, key=lambda rep: (rep.source, rep.event.evidence[0].start if rep.event.evidence else 0))
        dated = sorted((rep.event.date, rep.event.date_precision) for rep in reps if rep.event.date)
        date, precision = max(dated, key=lambda d: len(d[0])) if dated else (None, "unknown")
        descriptions = Counter(rep.event.what for rep in reps)
        where = next((rep.event.where for rep in reps if rep.event.where), None)
        events.append(
            BriefingEvent(
                id=content_id("event", anchor.source, normalize(anchor.event.what)),
                description=max(descriptions, key=lambda d: (descriptions[d], len(d), d)),
                date=date,
                date_precision=precision,
                time=next((rep.event.time for rep in reps if rep.event.time), None),
                when_as_written=uniq(rep.event.when for rep in reps if rep.event.when),
                where=where,
                participants=sorted({pid for rep in reps for pid in rep.who}),
                sources=uniq(rep.source for rep in reps),
                evidence=[
                    Evidence(source=rep.source, span=rep.event.evidence[0] if rep.event.evidence else None, text=rep.event.what)
                    for rep in reps
                ],
            )
        )
    events.sort(key=lambda e: (e.date is None, e.date or "", e.time or "", -len(e.sources), e.id))
    return events
