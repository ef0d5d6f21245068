"""Stories and documents set aside against labels: purity, completeness, noise found."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..schemas import Briefing, Digest


@dataclass
class StoryScore:
    """Clusters against labelled stories, over the documents both know.

    * purity: each predicted story counts the documents of its largest labelled story; the
      sum over all documents (1.0: no story mixes two labelled ones);
    * completeness (inverse purity): each labelled story counts the documents of the
      predicted story holding most of it (1.0: no labelled story is split);
    * set aside: labelled noise documents that were set aside (recall) and set-aside
      documents that are labelled noise (precision), when the output lists them.
    """

    documents: int = 0
    labelled_stories: int = 0
    predicted_stories: int = 0
    purity: float = 0.0
    completeness: float = 0.0
    noise_labelled: int = 0
    set_aside: int = 0
    set_aside_right: int = 0  # labelled non-articles among them: recall and precision share it
    noise_scored: bool = False
    errors: list[str] = field(default_factory=list)


def evaluate_stories(labels: dict[str, Any], stories: list[list[str]], set_aside: list[str] | None = None) -> StoryScore:
    """``labels["stories"]`` (name -> article ids) and ``labels["set_aside"]`` (id -> why)
    against predicted ``stories`` (lists of article ids) and the ids ``set_aside`` (None: the
    output does not say, e.g. per-article records that never held the noise)."""
    gold = {doc: name for name, ids in labels.get("stories", {}).items() for doc in ids}
    predicted = {doc: k for k, ids in enumerate(stories) for doc in ids}
    docs = sorted(set(gold) & set(predicted))
    s = StoryScore(documents=len(docs), labelled_stories=len({gold[d] for d in docs}), predicted_stories=len({predicted[d] for d in docs}))
    if docs:
        by_pred: dict[int, Counter] = defaultdict(Counter)
        by_gold: dict[str, Counter] = defaultdict(Counter)
        for d in docs:
            by_pred[predicted[d]][gold[d]] += 1
            by_gold[gold[d]][predicted[d]] += 1
        s.purity = sum(c.most_common(1)[0][1] for c in by_pred.values()) / len(docs)
        s.completeness = sum(c.most_common(1)[0][1] for c in by_gold.values()) / len(docs)
        for _, c in sorted(by_pred.items()):
            if len(c) > 1:
                s.errors.append(f"story: one predicted story mixes {', '.join(sorted(c))}")
        for name, c in sorted(by_gold.items()):
            if len(c) > 1:
                s.errors.append(f"story: {name} is split into {len(c)} stories")
    for d in sorted(set(gold) - set(predicted) - set(set_aside or ())):
        s.errors.append(f"story: {d} ({gold[d]}) is in no story")
    noise = set(labels.get("set_aside", {}))
    s.noise_labelled = len(noise)
    if set_aside is not None:
        s.noise_scored = True
        s.set_aside = len(set_aside)
        s.set_aside_right = len(noise & set(set_aside))
        s.errors += [f"set aside: {d} is noise but was kept" for d in sorted(noise - set(set_aside))]
        s.errors += [f"set aside: {d} is an article but was set aside" for d in sorted(set(set_aside) - noise)]
    return s


def story_table(s: StoryScore) -> str:
    lines = [
        f"{'stories':<8} {'documents':>9} {'labelled':>8} {'predicted':>9} {'purity':>7} {'completeness':>12}",
        f"{'':<8} {s.documents:>9} {s.labelled_stories:>8} {s.predicted_stories:>9} {s.purity:>7.2f} {s.completeness:>12.2f}",
    ]
    if s.noise_scored:
        lines.append(
            f"set aside: {s.set_aside_right} of {s.noise_labelled} labelled non-articles; "
            f"{s.set_aside_right} of {s.set_aside} set aside are labelled non-articles"
        )
    elif s.noise_labelled:
        lines.append(f"set aside: not scored ({s.noise_labelled} labelled; pass --stories with a 'stories' or 'brief' JSON)")
    return "\n".join(lines)


def stories_from_json(data: Any) -> tuple[list[list[str]], list[str]]:
    """The stories (article id lists) and set-aside ids of a JSON this tool wrote: a digest
    (``brief``/``stories --format json``) or a one-story briefing."""
    if isinstance(data, dict) and data.get("kind") == "digest":
        d = Digest.model_validate(data)
        return [s.sources for s in d.stories], [x.id for x in d.set_aside]
    b = Briefing.model_validate(data)
    return ([[s.id for s in b.sources]] if b.sources else []), [x.id for x in b.set_aside]
