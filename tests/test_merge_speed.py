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
from summarizer.merge.index import collector_paused


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
