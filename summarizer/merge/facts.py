"""Facts across articles: each statement once with every outlet that makes it, and where they differ.

The units are the articles' **claims** (every statement of the body, found by code; see
``summarizer.reading.claims``), so the comparison does not depend on which five points a model
picked. For each candidate pair of claims from different articles (blocking: shared rare
words, figures, quoted words) code compares:

* **similarity** -- a weighted overlap (Ochiai, words weighted by rarity across the
  briefing's claims) of content-word stems, figures ("hour:2"), dates and short quoted
  phrases (“meaningful and frank”);
* **slots** -- the details that make two similar statements *different* facts: a figure
  that measures the same thing with another value ("four others were taken to hospital" vs
  "sent six people to hospital": matched by what is counted and the words around it), a
  direction ("rose" vs "fell"), a negation of the same word ("had not ruled out" vs "ruled
  out"), a place ("in the storage wing" vs "in the packing hall"), another day.

Decisions: similar with no differing slot -> **same**; similar with a differing figure but
otherwise the same statement (another figure agrees, or the rest is near-identical) ->
**same, disputed**: one fact, marked, plus a disagreement on that figure; a differing slot
in an otherwise related statement -> **conflict**; dissimilar -> **unrelated**. What code
cannot settle (a middle band of similarity) is **asked** -- all such pairs of a briefing in
one batched, grammar-constrained call (``summarizer.merge.adjudication``) -- and the model's
answer is checked: "conflict" is kept only where code finds a differing slot.

Facts are groups of "same" claims, joined with average linkage under a veto: every two
members from different articles must at least be related, none in conflict (so a chain
through a sentence that states two facts cannot glue those facts together); such a sentence
joins both facts. A figure that differs between articles
dated on different days is an **evolution** (a rising death toll), in date order.
Corroboration counts independent voices (``copies``): a wire story run twice is one.

Here: the plan (``plan_facts``), the model's answers applied, the groups built and finished
into facts; the units are read in ``units``, compared in ``compare``, and the disagreements
drawn in ``disagreements``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence

from ..language import ENGLISH, LanguageProfile
from ..reading.grounding import normalize
from ..schemas import (
    ArticleResult,
    BriefingEvent,
    BriefingFact,
    Disagreement,
    Evidence,
    Span,
)
from .compare import Comparer, FactPlan, Question, Verdict
from .copies import count_voices
from .disagreements import find_disagreements
from .index import UnionFind, candidate_pairs, collector_paused, content_id, uniq
from .tuning import Thresholds
from .units import Lexicon, Unit, prepare, sentence_case, statement


@collector_paused
def plan_facts(
    results: Sequence[ArticleResult], voices: dict[str, str], profile: LanguageProfile = ENGLISH,
    thresholds: Thresholds = Thresholds(), events: Sequence[BriefingEvent] = (), lexicon: Lexicon | None = None,
) -> FactPlan:
    """Compare candidate claim pairs; list the ones code cannot settle (most similar first).

    ``events``: the merged events. Two articles' sentences that report one merged event
    (its evidence) are compared even when their words differ, and asked before the rest.
    ``lexicon``: the plan's, to keep the claims' words for the steps after this one."""
    units = prepare(results, voices, profile, thresholds.weights, lexicon)
    comparer = Comparer(units, profile, thresholds)
    keys = [set(u.feats) for u in units]
    for e in events:
        if len(e.sources) < 2:
            continue
        for ev in e.evidence:
            if ev.span is None:
                continue
            for u in units:
                if u.source == ev.source and u.claim.start < ev.span.end and ev.span.start < u.claim.end:
                    keys[u.k].add(f"event:{e.id}")
    # blocking: pairs that share one of their rarest features; a briefing of a few stories is
    # small enough to compare every pair that shares any feature (found with the shared weight,
    # summed once over an inverted index): most of those share a common word or two and nothing
    # that could differ, and that weight settles them ("unrelated") without a full comparison
    # (both kinds of pairs in order: by their first claim, then their second)
    settled: Mapping[tuple[int, int], float]  # the pairs their shared weight settles "unrelated", with that score
    if len(units) <= thresholds.weights.small_briefing:
        settled, compared = _sharing_pairs(units, keys, comparer)
    else:
        df = Counter(k for ks in keys for k in ks)
        found = candidate_pairs(keys, rarest=8, max_df=100, df=df, min_shared=2)
        settled, compared = {}, [(i, j) for i, j in found if units[i].source != units[j].source]
    measured = {(i, j): comparer.verdict(units[i], units[j]) for i, j in compared}
    comparer.align(measured)
    for i, j in measured if comparer.aligned else ():
        if comparer.is_aligned(units[i], units[j]):  # a pair of articles now aligned: the lenient thresholds
            measured[(i, j)] = comparer.verdict(units[i], units[j])
    verdicts, settled, bridged = _bridge(settled, measured, keys)
    asked = sorted(
        ((k in bridged, v.score, k) for k, v in verdicts.items() if v.relation == "ask"), reverse=True
    )[: thresholds.max_questions]
    questions = [Question(n + 1, units[i], units[j]) for n, (i, j) in enumerate(sorted(k for _, _, k in asked))]
    return FactPlan(units, comparer, verdicts, questions, profile, settled)


def _bridge(
    by_weight: Mapping[tuple[int, int], float], measured: dict[tuple[int, int], Verdict], keys: list[set[str]]
) -> tuple[dict[tuple[int, int], Verdict], Mapping[tuple[int, int], float], set[tuple[int, int]]]:
    """The verdicts (pairs in order), the pairs their shared weight settles "unrelated" (kept
    apart, as a score) and the pairs bridged by an event: two claims that report one event (both
    carry its key) are worth a look whatever the words, so they are asked when code would call
    them unrelated (or their weight would settle them)."""
    with_event = [any(k.startswith("event:") for k in ks) for ks in keys]
    if not any(with_event):  # nothing to bridge: every pair compared keeps its verdict
        return measured, by_weight, set()
    verdicts: dict[tuple[int, int], Verdict] = {}
    settled: dict[tuple[int, int], float] = {}
    bridged: set[tuple[int, int]] = set()
    for key in sorted([*by_weight, *measured]):
        i, j = key
        one_event = with_event[i] and with_event[j] and any(k.startswith("event:") for k in keys[i] & keys[j])
        bound = by_weight.get(key)
        if bound is not None:
            if one_event:
                verdicts[key] = Verdict("ask", bound)
                bridged.add(key)
            else:
                settled[key] = bound
            continue
        v = measured[key]
        if one_event and v.relation == "unrelated" and not v.slots:
            v = Verdict("ask", v.score)
            bridged.add(key)
        verdicts[key] = v
    return verdicts, settled, bridged


class Settled(Mapping[tuple[int, int], float]):
    """The pairs (i < j) their shared weight settles "unrelated", with that score: most pairs
    of a small briefing, so kept as one small dict per first claim (second claim -> score), not
    as an entry per pair. In order: by the first claim, then the second."""

    def __init__(self, rows: dict[int, dict[int, float]]):
        self.rows = rows
        self.size = sum(map(len, rows.values()))

    def __getitem__(self, key: tuple[int, int]) -> float:
        return self.rows[key[0]][key[1]]

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or len(key) != 2:
            return False
        row = self.rows.get(key[0])
        return row is not None and key[1] in row

    def __iter__(self) -> Iterator[tuple[int, int]]:
        return ((i, j) for i, row in self.rows.items() for j in row)

    def __len__(self) -> int:
        return self.size


def _sharing_pairs(units: list[Unit], keys: list[set[str]], comparer: Comparer) -> tuple[Settled, list[tuple[int, int]]]:
    """Every pair (i < j) of claims of two articles that share a key, in order: those the weight
    of what they share settles "unrelated" (``Comparer.settled_by_weight``), with their score, and
    the others, to compare in full. The shared weights are summed over an inverted index; keys
    without a weight (the events) make the pair but count for neither."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            postings[k].append(i)
    weight, sources = comparer.weight, [u.source for u in units]
    shared = {k: (plist, weight.get(k)) for k, plist in postings.items() if len(plist) > 1}
    # an article's claims come one after another: past the last of them, the pairs start
    n = len(units)
    after = list(range(1, n + 1))
    for i in range(n - 2, -1, -1):
        if sources[i] == sources[i + 1]:
            after[i] = after[i + 1]
    settled: dict[int, dict[int, float]] = {}
    compared: list[tuple[int, int]] = []
    for i, ks in enumerate(keys):
        acc, cnt = [0.0] * n, [0] * n  # by the other claim: the weight shared, the weighed keys shared
        met: set[int] = set()
        first = after[i]
        for k in ks:
            found = shared.get(k)
            if found is None:
                continue
            plist, wk = found
            js = plist[bisect_left(plist, first) :]
            met.update(js)
            if wk is None:  # an event both report: a pair, weighing nothing
                continue
            for j in js:
                acc[j] += wk
                cnt[j] += 1
        source = sources[i]
        others = [j for j in sorted(met) if sources[j] != source]
        bounds = comparer.settled_by_weight(i, others, acc, cnt)
        compared += [(i, j) for j in others if j not in bounds]
        if bounds:
            settled[i] = bounds
    return Settled(settled), compared


def apply_answers(plan: FactPlan, answers: dict[int, str] | None) -> tuple[int, int]:
    """Fold the model's answers (question number -> same/conflict/unrelated) into the verdicts.

    "same" is kept as it is (code found nothing differing, or it would not have asked);
    "conflict" is kept only where code finds a differing detail (else it is "unrelated": a
    disagreement must say what differs). Returns (kept, rejected)."""
    kept = rejected = 0
    for q in plan.questions:
        key = (q.a.k, q.b.k)
        answer = (answers or {}).get(q.number)
        v = plan.verdicts[key]
        if answer == "same":
            plan.verdicts[key] = Verdict("same", v.score, by="model")
            kept += 1
        elif answer == "conflict":
            slots = plan.comparer.hint(q.a, q.b)
            if slots:
                plan.verdicts[key] = Verdict("conflict", v.score, slots, by="model")
                kept += 1
            else:
                plan.verdicts[key] = Verdict("unrelated", v.score, by="model")
                rejected += 1
        elif answer == "unrelated":
            plan.verdicts[key] = Verdict("unrelated", v.score, by="model")
            kept += 1
        else:  # not asked (adjudication off) or no answer: code's default
            plan.verdicts[key] = Verdict("unrelated", v.score)
    for key, v in plan.verdicts.items():
        if v.relation == "ask":  # beyond max_questions
            plan.verdicts[key] = Verdict("unrelated", v.score)
    return kept, rejected


def _verdict(plan: FactPlan, key: tuple[int, int]) -> Verdict:
    """The verdict of the pair ``key`` (i < j), compared now if it never was a candidate."""
    v = plan.verdicts.get(key)
    if v is None and key in plan.settled:
        v = Verdict("unrelated", plan.settled[key])
    elif v is None:  # never a candidate: compare now (within two groups only)
        v = plan.comparer.verdict(plan.units[key[0]], plan.units[key[1]])
        if v.relation == "ask":
            v = Verdict("unrelated", v.score)
        plan.verdicts[key] = v
    return v


def _linkable(plan: FactPlan, ga: list[int], gb: list[int]) -> bool:
    """Two groups are one fact when every two members from different articles are at least
    related (no conflict, none the model called unrelated, none below the ask threshold) and on
    average the same: a chain through a sentence that states two facts cannot glue them."""
    scores = []
    for x in ga:
        for y in gb:
            a, b = plan.units[x], plan.units[y]
            if a.source == b.source:
                continue
            v = _verdict(plan, (a.k, b.k) if a.k < b.k else (b.k, a.k))  # relation, score and who: the same both ways round
            if v.relation in ("same", "disputed"):
                scores.append(max(v.score, plan.comparer.thresholds(a, b)[0]))
                continue
            if v.relation == "conflict" or v.by == "model" or v.score < plan.comparer.thresholds(a, b)[1]:
                return False
            scores.append(v.score)
    if not scores:
        return True
    return sum(scores) / len(scores) >= min(plan.comparer.thresholds(plan.units[x], plan.units[y])[0] for x in ga for y in gb)


def build_facts(plan: FactPlan) -> tuple[list[tuple[list[int], set[int]]], dict[tuple[int, int], Verdict]]:
    """Groups of unit indexes that are one fact, each with the members that also sit in
    another fact (a sentence that states two facts), and the conflicts."""
    units = plan.units
    edges = sorted(
        ((v.score, i, j) for (i, j), v in plan.verdicts.items() if v.relation in ("same", "disputed")), reverse=True
    )
    uf = UnionFind(len(units))
    left = []
    for _, i, j in edges:
        if uf.find(i) == uf.find(j):
            continue
        if _linkable(plan, uf.group(i), uf.group(j)):
            uf.union(i, j)
        else:
            left.append((i, j))
    groups = {uf.find(i): list(uf.group(i)) for i in range(len(units))}
    secondary: dict[int, set[int]] = defaultdict(set)
    # a claim that states two facts ("after the two-hour conversation, Orlin described the call
    # as 'very meaningful and frank'") also joins the second fact, when it fits all its members
    for i, j in left:
        gi, gj = groups[uf.find(i)], groups[uf.find(j)]
        for x, g in ((i, gj), (j, gi)):
            if x not in g and _linkable(plan, [x], g) and units[x].source not in {units[m].source for m in g}:
                g.append(x)
                secondary[uf.find(g[0])].add(x)
    conflicts = {k: v for k, v in plan.verdicts.items() if v.relation in ("conflict", "disputed")}
    return [(sorted(g), secondary[root]) for root, g in groups.items()], conflicts


def _states(plan: FactPlan, a: Unit, b: Unit) -> bool:
    """Does ``b`` state what ``a`` states (one statement, maybe with a disputed figure, but not
    an earlier or later report of a figure that changed)?"""
    return (
        a.source != b.source
        and _verdict(plan, (a.k, b.k) if a.k < b.k else (b.k, a.k)).relation in ("same", "disputed")  # a swap keeps it
        and not (plan.moved_on and frozenset((a.k, b.k)) in plan.moved_on)
    )


def _cited(plan: FactPlan, group: list[int], disputed: set[int], borrowed: set[int]) -> list[tuple[Unit, list[Unit]]]:
    """A group of claims as facts whose every source states the shown statement itself.

    Average linkage may join A and C through B; a reader takes "[A][B][C]" to mean each of
    them says the shown words. So the shown statement is the member the most other articles
    state directly (then the most readable), and only members that state it stay; the rest
    are grouped again the same way."""
    left = [plan.units[i] for i in group]
    # which members state what another states (it holds both ways round): each pair read once, in order
    states = {(u.k, m.k) for x, u in enumerate(left) for m in left[x + 1 :] if _states(plan, u, m)}
    states |= {(y, x) for x, y in states}
    out: list[tuple[Unit, list[Unit]]] = []
    while left:
        support = {u.k: len({m.source for m in left if (u.k, m.k) in states}) for u in left}
        shown = statement(left, disputed, borrowed, plan.profile, support, plan.comparer.w)
        kept = [shown] + [m for m in left if m is not shown and (shown.k, m.k) in states]
        out.append((shown, kept))
        taken = {m.k for m in kept}
        left = [m for m in left if m.k not in taken]
    return out


def _also_stated(plan: FactPlan, shown: Unit, kept: list[Unit], partners: dict[int, list[int]]) -> list[Unit]:
    """A statement of one article, checked against the other articles' claims before it is
    printed as "single source": any that states it itself, though the grouping (average
    linkage, its veto) left it in another fact. ``partners``: each claim's pairs that were
    compared and found the same statement (a pair that shares no feature cannot be)."""
    have = {u.source for u in kept}
    found: dict[str, Unit] = {}
    for k in partners.get(shown.k, ()):
        m = plan.units[k]
        if m.source not in have and m.source not in found and _states(plan, shown, m):
            found[m.source] = m
    return list(found.values())


def stated_by(plan: FactPlan, members_of: dict[str, list[int]]) -> Callable[[str, int], list[str]]:
    """(article, claim start) -> the articles whose own statement in the same fact says what
    that claim says (for citing a sentence that is not the fact's shown statement)."""
    unit_at = {(u.source, u.claim.start): u for u in plan.units}
    fact_of = {k: fid for fid, ks in members_of.items() for k in ks}

    def sources(source: str, start: int) -> list[str]:
        u = unit_at.get((source, start))
        if u is None or u.k not in fact_of:
            return [source]
        return uniq([source] + [plan.units[k].source for k in members_of[fact_of[u.k]] if _states(plan, u, plan.units[k])])

    return sources


@collector_paused
def finish_facts(plan: FactPlan, lexicon: Lexicon | None = None) -> tuple[list[BriefingFact], list[Disagreement], dict[str, list[int]]]:
    """The briefing's facts and disagreements; also fact id -> member units (for topics).

    Every source of a fact states the shown statement itself (``_cited``); a statement one
    article makes is re-checked against every other article's claims (``_also_stated``).
    ``lexicon``: the plan's (the claims' words, read once)."""
    groups, conflicts = build_facts(plan)
    disagreements, disputed_units, unit_disagreements = find_disagreements(plan, conflicts)
    real_disagreements = {d.id for d in disagreements if not d.evolution}
    partners: dict[int, list[int]] = defaultdict(list)
    for (i, j), v in plan.verdicts.items():
        if v.relation in ("same", "disputed"):
            partners[i].append(j)
            partners[j].append(i)
    facts: list[BriefingFact] = []
    members_of: dict[str, list[int]] = {}
    taken: set[str] = set()
    for g, borrowed in groups:
        for shown, members in _cited(plan, g, disputed_units, borrowed):
            if shown.claim.continues:
                continue  # a clause with no subject of its own cannot stand as a fact
            if len({u.source for u in members}) < 2:
                members = members + _also_stated(plan, shown, members, partners)
            sources = uniq(u.source for u in sorted(members, key=lambda u: (u.source, u.claim.start)))
            key = any(u.claim.key for u in members)
            if len(sources) < 2 and not key:
                continue  # one article's statement that the model did not pick: no fact of the briefing
            # (a statement of two copies of one text is listed: two sources, one voice, not corroborated)
            voices = count_voices([(u.source, u.claim.text) for u in members], {u.source: u.voice for u in members}, lexicon)
            anchor = min(members, key=lambda u: (u.k in borrowed, u.source, u.claim.start))
            fid = content_id("fact", anchor.source, normalize(anchor.claim.text), taken=taken)
            disputed = uniq(d for u in members for d in unit_disagreements.get(u.k, []) if d in real_disagreements)
            facts.append(
                BriefingFact(
                    id=fid,
                    statement=sentence_case(shown.claim.text),
                    sources=sources,
                    voices=voices,
                    corroborated=voices >= 2,
                    key=key,
                    disputed=disputed if shown.k in disputed_units else [],
                    evidence=[
                        Evidence(source=u.source, span=Span(start=u.claim.start, end=u.claim.end, status="exact", score=100), text=u.claim.text)
                        for u in sorted(members, key=lambda u: (u.source, u.claim.start))
                    ],
                )
            )
            members_of[fid] = [u.k for u in members]
    prominence = {f.id: min(plan.units[i].position for i in members_of[f.id]) for f in facts}
    facts.sort(key=lambda f: (-f.voices, -len(f.sources), bool(f.disputed), prominence[f.id], f.id))
    return facts, disagreements, members_of
