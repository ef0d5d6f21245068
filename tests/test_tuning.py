"""The fact merge is tuned by one object: ``Thresholds`` and the ``Weights`` inside it reach
the claim reading and the comparison (replayed seeds, no model)."""

from __future__ import annotations

import pytest

import summarizer
from summarizer.language import ENGLISH
from summarizer.merge import Thresholds, Weights
from summarizer.merge.compare import Comparer
from summarizer.merge.units import prepare

from .conftest import FIXTURES, SEEDS


@pytest.fixture(scope="module")
def results():
    return summarizer.extract([str(SEEDS)], replay=str(FIXTURES))


def test_a_weight_set_in_thresholds_reaches_the_comparison(results):
    units = prepare(results, {}, ENGLISH)
    default = Comparer(units, ENGLISH, Thresholds())
    names = [f for f in default.weight if f.startswith("e:")]
    assert names and all(default.weight[f] > 0 for f in names)
    muted = Comparer(units, ENGLISH, Thresholds(weights=Weights(name_weight=0.0)))
    assert all(muted.weight[f] == 0 for f in names)
    assert all(muted.weight[f] == default.weight[f] for f in default.weight if not f.startswith(("e:", "#", "@")))


def test_the_reading_weights_decide_which_quotations_are_features(results):
    quoted = lambda units: {f for u in units for f in u.feats if f.startswith("q:")}  # noqa: E731
    assert quoted(prepare(results, {}, ENGLISH))  # the seeds quote short phrases ("excellent")
    assert not quoted(prepare(results, {}, ENGLISH, Weights(quoted_phrase_max=0)))


def test_the_merge_reads_with_the_weights_it_is_given(results):
    texts = {r.source.id: (SEEDS / f"{r.source.id}.txt").read_text() for r in results}
    plain = summarizer.merge(results, texts=texts)
    lenient = summarizer.merge(results, texts=texts, thresholds=Thresholds(weights=Weights(figure_weight=0.0, name_weight=0.0)))
    assert plain.model_dump() != lenient.model_dump()
