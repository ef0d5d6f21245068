"""People, events and quotes of a briefing against labels: pairwise precision and recall of
which mentions the merge put together."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

from ..reading.grounding import normalize
from ..schemas import ArticleResult, Briefing

KINDS = ("people", "events", "quotes")


@dataclass
class Score:
    kind: str
    mentions: int = 0
    true_pairs: int = 0  # same label and merged
    gold_pairs: int = 0  # same label
    predicted_pairs: int = 0  # merged (among labelled mentions)
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.true_pairs / self.gold_pairs if self.gold_pairs else 1.0


def _mentions(kind: str, results: list[ArticleResult]) -> list[tuple[str, str, str]]:
    """(source, evidence text, text to match) for each per-article item of ``kind``."""
    out = []
    for r in results:
        sid = r.source.id
        if kind == "people":
            out += [(sid, p.name, p.name) for p in r.people]
        elif kind == "events":
            out += [(sid, e.what, f"{e.what} | {e.where or ''} | {', '.join(e.who)}") for e in r.events]
        elif kind == "quotes":
            out += [(sid, q.text, f"{q.text} | {q.speaker}") for q in r.quotes]
    return out


def _predicted(kind: str, briefing: Briefing) -> dict[tuple[str, str], str]:
    items: list[Any] = getattr(briefing, kind)
    return {(ev.source, ev.text or ""): item.id for item in items for ev in item.evidence}


def _gold(label_specs: dict[str, dict[str, Any]], source: str, text: str) -> str | None:
    for key, spec in label_specs.items():
        sources = spec.get("sources")
        if sources and not any(source.startswith(s) for s in sources):
            continue
        if re.search(spec["pattern"], normalize(text)):
            return key
    return None


def evaluate(labels: dict[str, Any], results: list[ArticleResult], briefing: Briefing) -> list[Score]:
    scores = []
    for kind in KINDS:
        specs = labels.get(kind, {})
        score = Score(kind)
        predicted = _predicted(kind, briefing)
        labelled = []
        for source, ev_text, match_text in _mentions(kind, results):
            gold = _gold(specs, source, match_text)
            if gold is None:
                continue
            pred = predicted.get((source, ev_text))
            labelled.append((source, ev_text, gold, pred))
        score.mentions = len(labelled)
        for a, b in combinations(labelled, 2):
            same_gold = a[2] == b[2]
            same_pred = a[3] is not None and a[3] == b[3]
            score.gold_pairs += same_gold
            score.predicted_pairs += same_pred
            score.true_pairs += same_gold and same_pred
            if same_gold and not same_pred:
                score.errors.append(f"not merged ({a[2]}): {a[0]} {a[1]!r} / {b[0]} {b[1]!r}")
            if same_pred and not same_gold:
                score.errors.append(f"wrongly merged ({a[2]} vs {b[2]}): {a[0]} {a[1]!r} / {b[0]} {b[1]!r}")
        scores.append(score)
    return scores


def total(scores: list[Score]) -> Score:
    t = Score("all")
    for s in scores:
        t.mentions += s.mentions
        t.true_pairs += s.true_pairs
        t.gold_pairs += s.gold_pairs
        t.predicted_pairs += s.predicted_pairs
    return t


def load_labels(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def table(scores: list[Score]) -> str:
    rows = [*scores, total(scores)]
    lines = [f"{'kind':<8} {'mentions':>8} {'must-merge pairs':>16} {'merged pairs':>12} {'precision':>9} {'recall':>7}"]
    for s in rows:
        lines.append(
            f"{s.kind:<8} {s.mentions:>8} {s.gold_pairs:>16} {s.predicted_pairs:>12} {s.precision:>9.2f} {s.recall:>7.2f}"
        )
    return "\n".join(lines)
