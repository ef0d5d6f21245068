"""Disagreements between outlets: where facts (or a fact and another) differ in one detail, the
positions side by side with their sources -- a conflict, or an update when the articles are
dated on different days (in date order)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from itertools import combinations, pairwise

from ..language import LanguageProfile
from ..reading.grounding import normalize
from ..reading.quantities import find_quantities
from ..reading.text import words
from ..schemas import (
    Disagreement,
    Evidence,
    Position,
    Span,
)
from .compare import FactPlan, Verdict
from .index import UnionFind, content_id, uniq
from .units import Slot, sentence_case, statement

Edge = tuple[int, int, Slot, str]  # two units, the detail they differ in, who decided ("code" / "model")


def find_disagreements(
    plan: FactPlan, conflicts: dict[tuple[int, int], Verdict]
) -> tuple[list[Disagreement], set[int], dict[int, list[str]]]:
    """One disagreement per subject: conflicting pairs about the same measure are grouped, and
    each side lists every article that says the same value."""
    units = plan.units
    out: list[Disagreement] = []
    disputed_units: set[int] = set()
    unit_dis: dict[int, list[str]] = defaultdict(list)
    for edges in _topics(conflicts):
        kind = edges[0][2].kind
        subject = edges[0][2].subject
        found = _positions(plan, edges)
        if found is None:
            continue
        positions, sides = found
        order = _update_order(positions, kind, plan.profile, {u.source: u.published for u in units})
        evolution = order is not None
        if order is not None:
            positions = order
            # a later report does not state the earlier figure: never a source of it
            plan.moved_on |= {frozenset((x, y)) for s1, s2 in combinations(sides, 2) for x in s1 for y in s2}
        anchor = min((units[u] for e in edges for u in e[:2]), key=lambda u: (u.source, u.claim.start))
        did = content_id("disagreement", anchor.source, normalize(anchor.claim.text), kind, subject)
        involved = {u for e in edges for u in e[:2]}
        for u in involved:
            unit_dis[u].append(did)
            if not evolution:
                disputed_units.add(u)
        out.append(
            Disagreement(
                id=did,
                subject=subject,
                kind=kind,
                evolution=evolution,
                decided_by="model" if any(e[3] == "model" for e in edges) else "code",
                positions=positions,
                sources=uniq(s for p in positions for s in p.sources),
            )
        )
    out = _one_per_detail(out, unit_dis, plan.profile)
    out.sort(key=lambda d: (d.evolution, -len(d.sources), d.id))
    return out, disputed_units, unit_dis


def _topics(conflicts: dict[tuple[int, int], Verdict]) -> list[list[Edge]]:
    """One disagreement per detail: the details (a figure of one claim, a direction word ...)
    that conflicting pairs connect form one subject; its edges, in the order of the pairs."""
    slot_edges: list[Edge] = [(i, j, s, v.by) for (i, j), v in sorted(conflicts.items()) for s in v.slots]
    nodes = sorted({(i, s.a_key) for i, _, s, _ in slot_edges} | {(j, s.b_key) for _, j, s, _ in slot_edges})
    node_id = {n: k for k, n in enumerate(nodes)}
    topics = UnionFind(len(nodes))
    for i, j, s, _ in slot_edges:
        topics.union(node_id[(i, s.a_key)], node_id[(j, s.b_key)])
    by_topic: dict[int, list[Edge]] = defaultdict(list)
    for e in slot_edges:
        by_topic[topics.find(node_id[(e[0], e[2].a_key)])].append(e)
    return list(by_topic.values())


def _positions(plan: FactPlan, edges: list[Edge]) -> tuple[list[Position], list[list[int]]] | None:
    """The positions of one subject (a value and every unit that gives it) and the units on
    each side; None when fewer than two values are left."""
    units = plan.units
    values: dict[str, list[int]] = defaultdict(list)
    for i, j, s, _ in edges:
        for u, val in ((i, s.a_value), (j, s.b_value)):
            if u not in values[_value_key(val)]:
                values[_value_key(val)].append(u)
    if len(values) < 2:
        return None
    # a unit on two sides (it said both?) stays on its first
    seen: set[int] = set()
    positions = []
    sides: list[list[int]] = []
    for key, us in values.items():
        us = [u for u in us if u not in seen]
        seen.update(us)
        if not us:
            continue
        sides.append(us)
        members = sorted((units[u] for u in us), key=lambda u: (u.source, u.claim.start))
        shown = statement(members, set(), profile=plan.profile, weights=plan.comparer.w)
        raw_value = next(
            (s.a_value if u == i else s.b_value) for i, j, s, _ in edges for u in (i, j) if u in us and _value_key(s.a_value if u == i else s.b_value) == key
        )
        published = sorted({u.published for u in members if u.published})
        positions.append(
            Position(
                value=raw_value,
                statement=sentence_case(shown.claim.text),
                sources=uniq(u.source for u in members),
                published=published[0] if published else None,
                evidence=[
                    Evidence(source=u.source, span=Span(start=u.claim.start, end=u.claim.end, status="exact", score=100), text=u.claim.text)
                    for u in members
                ],
            )
        )
    if len(positions) < 2:
        return None
    return positions, sides


def _one_per_detail(found: list[Disagreement], unit_dis: dict[int, list[str]], profile: LanguageProfile) -> list[Disagreement]:
    """Disagreements on the same values of one kind are one ("6.4" / "6.1" from two pairs of
    articles that were never compared with each other): their positions joined by value."""
    def value(v: str) -> str:
        q = find_quantities(v, profile)
        return f"{q[0].unit}:{q[0].value:g}" if len(q) == 1 else normalize(v)

    merged: dict[tuple, Disagreement] = {}
    renamed: dict[str, str] = {}
    for d in found:
        key = (d.kind, d.evolution, frozenset(value(p.value) for p in d.positions))
        first = merged.get(key)
        if first is None:
            merged[key] = d
            continue
        renamed[d.id] = first.id
        for p in d.positions:
            same = next(q for q in first.positions if value(q.value) == value(p.value))
            same.sources = uniq(same.sources + p.sources)
            same.evidence = same.evidence + [e for e in p.evidence if e not in same.evidence]
        first.sources = uniq(first.sources + d.sources)
    for ids in unit_dis.values():
        ids[:] = uniq(renamed.get(i, i) for i in ids)
    return list(merged.values())


def _update_order(
    positions: list[Position], kind: str, profile: LanguageProfile, published: dict[str, str | None]
) -> list[Position] | None:
    """The positions in time order when they are an update, not a conflict: each side's
    articles (the dated ones) all come no earlier than the previous side's, one strictly
    later -- and the words say the news moved on ("has risen to", "now", "up from", "have
    not resumed", "no injuries were reported"; ``profile.update_markers``), or the detail is
    a date something was planned for (plans move), or a count that only grows grew (the dead,
    the arrested). A side with no dated article is ordered by its words alone: of two sides,
    the one that marks the change ("almost two months earlier than planned") is the later.
    Else None: outlets that differ on the same day, or with nothing that marks a change,
    disagree."""
    dated = []
    for p in positions:
        days = sorted({d for d in (published.get(src) for src in p.sources) if d})
        if not days:  # an undated report: the words decide
            return _ordered_by_words(positions, profile)
        dated.append((days[0], days[-1], p))
    dated.sort(key=lambda x: (x[0], x[1]))
    for (_, last, _), (first, _, _) in pairwise(dated):
        if first < last:
            return None
    if dated[0][1] >= dated[-1][1] and dated[0][0] >= dated[-1][0]:
        return _ordered_by_words(positions, profile)  # one day: two editions, told apart by their words
    texts = [e.text or "" for _, _, p in dated for e in p.evidence]
    marked = any(_marks(t, profile.update_markers) or _marks(t, profile.early_markers) for t in texts)
    if kind == "date" or marked or (kind == "number" and _accrues(dated, texts, profile)):
        return [p for _, _, p in dated]
    return None


def _ordered_by_words(positions: list[Position], profile: LanguageProfile) -> list[Position] | None:
    """Two reports with no dates to order them: the one that says the news moved on ("has
    risen", "now", "earlier than planned") is the later, the one that says what is known so far
    ("no injuries were reported", "have not yet") the earlier -- when the words agree."""
    if len(positions) != 2:
        return None
    said = lambda p, markers: any(_marks(e.text or "", markers) for e in p.evidence)  # noqa: E731
    # "rose", "has fallen" may be what one side says happened ("exports rose" / "exports fell"):
    # with no dates, only words that say the report itself moved on order two reports
    turning = {w for pair in profile.direction_pairs for w in pair}
    moved_on = [m for m in profile.update_markers if not set(m.split()) & turning]
    a, b = positions
    later_a, later_b = said(a, moved_on), said(b, moved_on)
    early_a, early_b = said(a, profile.early_markers), said(b, profile.early_markers)
    if (later_b or early_a) and not (later_a or early_b):
        return [a, b]
    if (later_a or early_b) and not (later_b or early_a):
        return [b, a]
    return None


def _accrues(dated: list[tuple[str, str, Position]], texts: list[str], profile: LanguageProfile) -> bool:
    """A count that only grows as news comes in (the dead, the injured, the arrested:
    ``profile.cumulative_words``) and grew from report to report."""
    said = {profile.stem(w) for t in texts for w in words(t)}
    if not said & {profile.stem(w) for w in profile.cumulative_words}:
        return False
    values = [find_quantities(p.value, profile) for _, _, p in dated]
    if not all(values):
        return False
    firsts = [v[0].value for v in values]
    return all(x < y for x, y in pairwise(firsts))


def _marks(text: str, markers: Sequence[str]) -> bool:
    low = " " + " ".join(words(text)) + " "
    return any(f" {m} " in low for m in markers)


def _value_key(value: str) -> str:
    return normalize(value)
