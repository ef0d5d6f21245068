"""Facts and disagreements of a briefing against labels written on the article text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from ..reading.grounding import normalize_with_map
from ..schemas import Briefing


@dataclass
class FactScore:
    labels: int = 0
    gold_pairs: int = 0
    found_pairs: int = 0
    predicted_pairs: int = 0
    correct_pairs: int = 0
    disagreements: int = 0
    disagreements_found: int = 0
    false_alarms: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.found_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def disagreement_recall(self) -> float:
        return self.disagreements_found / self.disagreements if self.disagreements else 1.0


def matches(pattern: str, text: str) -> list[tuple[int, int]]:
    """Where ``pattern`` matches the normalised ``text``, as spans of the raw text."""
    norm, index = normalize_with_map(text)
    out = []
    for m in re.finditer(pattern, norm):
        if m.end() > m.start():
            out.append((index[m.start()], index[m.end() - 1] + 1))
    return out


def resolve(where: dict[str, str], texts: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    """{article id prefix: regex} -> {article id: spans}; a pattern that matches nothing is an error."""
    out: dict[str, list[tuple[int, int]]] = {}
    for prefix, pattern in where.items():
        ids = [i for i in texts if i.startswith(prefix)]
        for i in ids:
            spans = matches(pattern, texts[i])
            if not spans:
                raise ValueError(f"label pattern {pattern!r} matches nothing in {i}")
            out[i] = spans
    return out


def _covers(evidence, spans: dict[str, list[tuple[int, int]]]) -> bool:
    if evidence.span is None or evidence.source not in spans:
        return False
    s, e = evidence.span.start, evidence.span.end
    return any(a < e and s < b for a, b in spans[evidence.source])


def evaluate_facts(labels: dict[str, Any], briefing: Briefing, texts: dict[str, str]) -> FactScore:
    """Fact pair precision/recall and disagreement recall against hand-written labels."""
    score = FactScore()
    facts = {k: resolve(v["in"], texts) for k, v in labels.get("facts", {}).items()}
    score.labels = len(facts)
    for key, spans in facts.items():
        for s1, s2 in combinations(sorted(spans), 2):
            score.gold_pairs += 1
            found = any(
                any(_covers(e, {s1: spans[s1]}) for e in f.evidence) and any(_covers(e, {s2: spans[s2]}) for e in f.evidence)
                for f in briefing.facts
            )
            score.found_pairs += found
            if not found:
                score.errors.append(f"fact not merged ({key}): {s1} / {s2}")
    for f in briefing.facts:
        for s1, s2 in combinations(sorted(set(f.sources)), 2):
            score.predicted_pairs += 1
            e1 = [e for e in f.evidence if e.source == s1]
            e2 = [e for e in f.evidence if e.source == s2]
            shared = [k for k, spans in facts.items() if any(_covers(e, spans) for e in e1) and any(_covers(e, spans) for e in e2)]
            if shared:
                score.correct_pairs += 1
            else:
                score.errors.append(f"wrongly merged: {s1} {e1[0].text!r} / {s2} {e2[0].text!r}")
    dis = labels.get("disagreements", {})
    score.disagreements = len(dis)
    matched: set[str] = set()
    for key, spec in dis.items():
        hit = disagreement_for(spec, briefing, texts)
        if hit is None:
            score.errors.append(f"disagreement not found ({key}): {spec.get('about', '')}")
            continue
        score.disagreements_found += 1
        matched.add(hit.id)
        if bool(spec.get("evolution")) != hit.evolution:
            score.errors.append(f"disagreement {key}: evolution={hit.evolution}, labelled {bool(spec.get('evolution'))}")
    for d in briefing.disagreements:
        if d.id not in matched:
            score.false_alarms += 1
            score.errors.append(f"disagreement not in the labels ({d.kind}): {d.subject!r} " + " vs ".join(p.value for p in d.positions))
    return score


def disagreement_for(spec: dict[str, Any], briefing: Briefing, texts: dict[str, str]):
    """The briefing's disagreement with a position on each side of a labelled one, or None."""
    sides = [resolve(side, texts) for side in spec["sides"]]
    for d in briefing.disagreements:
        cover = [[any(_covers(e, side) for e in p.evidence) for p in d.positions] for side in sides]
        if any(cover[0][i] and cover[1][j] for i in range(len(d.positions)) for j in range(len(d.positions)) if i != j):
            return d
    return None


def fact_table(score: FactScore) -> str:
    return "\n".join(
        [
            f"{'kind':<13} {'labels':>6} {'gold pairs':>10} {'found':>5} {'merged pairs':>12} {'correct':>7} {'precision':>9} {'recall':>7}",
            f"{'facts':<13} {score.labels:>6} {score.gold_pairs:>10} {score.found_pairs:>5} {score.predicted_pairs:>12} "
            f"{score.correct_pairs:>7} {score.precision:>9.2f} {score.recall:>7.2f}",
            f"{'disagreements':<13} {score.disagreements:>6} {'':>10} {score.disagreements_found:>5} {'':>12} {'':>7} "
            f"{'':>9} {score.disagreement_recall:>7.2f}   false alarms: {score.false_alarms}",
        ]
    )
