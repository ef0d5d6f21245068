"""The fact merge's shortcuts decide as the rules they stand for (README "Performance").

``Comparer.may_differ`` reads a pair's figures, verbs and directions as bits; here it is held
against the same rules written on the units' sets, for every pair of the replayed seeds and
test stories. Pairs settled by their shared weight are kept as scores (``FactPlan.settled``),
and still counted as compared. The garbage collector paused around the pairwise steps is
restored as it was."""

from __future__ import annotations

import gc

import pytest

from summarizer.merge import plan
from summarizer.merge.compare import Comparer
from summarizer.merge.index import candidate_pairs, collector_paused


def _may_differ_by_sets(c: Comparer, i: int, j: int) -> bool:
    a, b = c.units[i], c.units[j]
    if c.fig_units[i] & c.fig_units[j] or c.frame_verbs[i] & c.frame_verbs[j]:
        return True
    if any(sa and b.direction.get(k) == -sa for k, sa in a.direction.items()):
        return True
    if a.has_negative != b.has_negative and (a.negated | b.negated) & a.stems & b.stems:
        return True
    return (i, j) in c.quoting


@pytest.fixture(scope="module")
def plans(replayed_results, replayed_stories):
    sets = [list(replayed_results[1].values())] + [list(results.values()) for _, results in replayed_stories.values()]
    return [plan(results) for results in sets]


def test_may_differ_is_the_rules_on_sets(plans):
    for p in plans:
        c = p.facts.comparer
        n = len(c.units)
        for i in range(n):
            for j in range(i + 1, n):
                assert c.may_differ(i, j) == _may_differ_by_sets(c, i, j), (i, j)


def test_settled_pairs_are_unrelated_and_counted(plans):
    for p in plans:
        facts = p.facts
        assert facts.pairs_compared == len(facts.verdicts) + len(facts.settled)
        floor = facts.comparer.ask_floor
        for (i, j), score in facts.settled.items():
            assert (i, j) not in facts.verdicts
            assert score < floor
            assert not facts.comparer.may_differ(i, j)
            assert facts.units[i].source != facts.units[j].source


def test_frame_slots_shortcut_and_opposites(plans):
    """No verb in common and none opposite: no frame slots, as the full loop finds."""
    for p in plans:
        c = p.facts.comparer
        for x, y in (pair for pair in c.opposites if len(pair) == 2):
            assert y in c.opposite_of[x] and x in c.opposite_of[y]
        for a in c.units[:40]:
            for b in c.units[:40]:
                if c.frame_verbs[a.k].isdisjoint(c.frame_verbs[b.k] | c.opposed[b.k]):
                    assert c._frame_slots(a, b, False, 1.0) == []


def test_pairs_across_two_briefings_are_those_of_all_pairs(plans):
    """``candidate_pairs(across=m)`` (the changes step: an earlier briefing's units, then the
    current one's) gives exactly the pairs of all the candidates with one on each side."""
    for p in plans:
        keys = [u.feats for u in p.facts.units]
        for m in (1, len(keys) // 3, len(keys) // 2, len(keys) - 1):
            for least in (1, 2):
                every = list(candidate_pairs(keys, rarest=8, max_df=100, min_shared=least))
                across = list(candidate_pairs(keys, rarest=8, max_df=100, min_shared=least, across=m))
                assert across == [(i, j) for i, j in every if i < m <= j], (m, least)
                assert across or not any(i < m <= j for i, j in every)


def test_units_of_one_claim_on_one_date_compare_as_one(replayed_results):
    """The changes step compares the units of one claim on one date once (``changes._alike``):
    every comparison with them gives one verdict, on the seeds' own claims."""
    from summarizer.language import ENGLISH
    from summarizer.merge.changes import _alike
    from summarizer.merge.units import prepare

    results = list(replayed_results[1].values())
    r, others = results[0], results[1:3]
    twice = [r.model_copy(update={"source": r.source.model_copy(update={"id": f"copy{k}"}), "claims": r.claims[:6]}) for k in (1, 2)]
    units = prepare([*twice, *others], {}, ENGLISH)
    alike = _alike(units)
    firsts = [u for u in units if u.source == "copy1"]
    assert firsts and all(alike[u.k] == u.k for u in firsts)
    seconds = [u for u in units if u.source == "copy2"]
    assert [alike[u.k] for u in seconds] == [u.k for u in firsts]  # each the first one's kind
    comparer = Comparer(units, ENGLISH)
    rest = [u for u in units if u.source not in ("copy1", "copy2")]
    related = 0
    for a, b in zip(firsts, seconds, strict=True):
        for x in rest:
            assert comparer.verdict(a, x) == comparer.verdict(b, x)
            assert comparer.verdict(x, a) == comparer.verdict(x, b)
            related += comparer.verdict(a, x).relation != "unrelated"
    assert related  # (not only pairs that share nothing)


@pytest.mark.parametrize("enabled", [True, False])
def test_collector_paused_restores_the_collector(enabled):
    seen = []

    @collector_paused
    def step(fail: bool) -> int:
        seen.append(gc.isenabled())
        if fail:
            raise ValueError("stop")
        return 7

    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert step(False) == 7
        with pytest.raises(ValueError):
            step(True)
        assert seen == [False, False]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()



def test_texts_parsed_in_a_batch_read_as_one_by_one():
    """``preparsed`` parses many texts at once (spaCy's pipe); the frames read from them are
    those read from each text parsed alone, and the batch is let go when the block ends."""
    from summarizer.language import ENGLISH
    from summarizer.reading import syntax

    texts = [
        "The fire had burned about 1,900 hectares by Monday evening.",
        "Lorrance said 520 firefighters were now on the fire.",
        "Quenlow's schools will stay closed until Monday, not Thursday as first planned.",
        "Police are examining a power line that came down on the ridge.",
    ]
    alone = [syntax.frames(t, 0, len(t), ENGLISH) for t in texts]
    syntax._docs.clear()
    with syntax.preparsed(texts, ENGLISH):
        assert all((ENGLISH.syntax_pipeline, t) in syntax._held for t in texts)
        batched = [syntax.frames(t, 0, len(t), ENGLISH) for t in texts]
        assert not syntax._docs  # every parse came from the batch
    assert batched == alone and any(alone)
    assert not syntax._held
