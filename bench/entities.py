"""``python -m bench --entities``: entity types by the rules alone and with spaCy's entity
recogniser as one more vote, side by side on every labelled set (seeds, the two stories, the
desk, the speakers set), replayed from the recordings -- no model, the same answers both ways.

Prints one row per set and mode: precision/recall per type (``summarizer.evaluate``)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SETS = [  # name, inputs, labels, recording
    ("seeds", ["seeds"], "tests/data/seed-labels.json", "fixtures/seeds"),
    ("fire", ["tests/data/stories/fire"], "tests/data/stories/fire/labels.json", "fixtures/stories"),
    ("rates", ["tests/data/stories/rates"], "tests/data/stories/rates/labels.json", "fixtures/stories"),
    ("speakers", ["tests/data/speakers"], "tests/data/speakers/labels.json", "fixtures/speakers"),
]


def _score(ner: bool):
    from summarizer import api
    from summarizer.evaluate import EntityScore, evaluate_entities, load_labels

    rows = []
    for name, inputs, labels, recording in SETS:
        results = api.extract([str(ROOT / i) for i in inputs], replay=str(ROOT / recording), ner=ner)
        briefing = api.merge(results, texts=api.texts_for(results))
        rows.append((name, evaluate_entities(load_labels(ROOT / labels), briefing)))
    total = EntityScore()
    for score in api.desk(ROOT / "tests" / "data" / "desk", replay=str(ROOT / "fixtures" / "desk"), ner=ner):
        total = total.add(score.entities) if score.entities else total
    rows.append(("desk", total))
    return rows


def run() -> str:
    from summarizer.evaluate import entity_line

    out = ["| set | rules alone | rules + spaCy NER vote |", "|---|---|---|"]
    both = {ner: _score(ner) for ner in (False, True)}
    for (name, a), (_, b) in zip(both[False], both[True]):
        out.append(f"| {name} | {entity_line(a).removeprefix('entities: ')} | {entity_line(b).removeprefix('entities: ')} |")
    return "\n".join(out)
