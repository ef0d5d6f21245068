"""A feed followed over days (``summarizer evaluate --days``): each day's briefing is compared
with the day before's (``--since``) and its marks scored against labels written from reading.

The labels (``tests/data/days/labels.json``, see its README) list, per day after the first,
facts that are ``new``, ``updated``, ``unchanged`` or ``no_longer_reported``, each with the
words (``must``: regular expressions, "a|b" for alternatives) any statement of it holds, and
each day's stories with their articles and whether they are new, continue or went quiet.

The labels are statements, so the changes' facts are scored (a disagreement, an event or a
quotation that repeats a labelled figure is another kind of item, and its mark says something
else: a new entry of the timeline is new even when the figure it tells was updated). A fact of
the changes *states* a labelled fact when one of its texts (the statement and every
article's own words for it; for what is no longer reported, the earlier briefing's) holds every
``must`` pattern. Per status: recall is the share of its labels some item of that status
states; precision, of the items that state a labelled fact, the share marked with that fact's
status (items stating no labelled fact are left out: the labels list the main facts, not every
one). Stories: a story of the day is the labelled story most of its articles belong to; its
mark is right when new / continuing (updated or unchanged) / no longer reported agree. Pure code.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..schemas import Briefing, Change, Changes, Digest

STATUSES = ("new", "updated", "unchanged", "no_longer_reported")


@dataclass
class DaysScore:
    found: Counter[str] = field(default_factory=Counter)  # labels of a status an item of that status states
    labelled: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)  # items marked with the status of a label they state
    marked: Counter[str] = field(default_factory=Counter)  # items of a status that state some label
    stories_right: int = 0
    stories: int = 0
    errors: list[str] = field(default_factory=list)

    def recall(self, status: str) -> float:
        return self.found[status] / self.labelled[status] if self.labelled[status] else 1.0

    def precision(self, status: str) -> float:
        return self.right[status] / self.marked[status] if self.marked[status] else 1.0


def _stories(b: Briefing | Digest) -> list[tuple[str | None, Briefing]]:
    return [(None, b)] if isinstance(b, Briefing) else [(s.id, s.briefing) for s in b.stories if s.briefing is not None]


def _texts(c: Change, now: Briefing | Digest, was: Briefing | Digest) -> list[str]:
    """Every text of the item a change names: its statement and its articles' words (of a
    part of a statement: the part's)."""
    if c.part:  # a clause or an aside of the item: its own words
        return [c.text.casefold()]
    source = was if c.status == "no_longer_reported" else now
    out = [c.text, *([c.previous_text] if c.previous_text else [])]
    for story, b in _stories(source):
        if story != c.story:
            continue
        for f in b.facts:
            if f.id == c.id and c.kind == "fact":
                out += [e.text for e in f.evidence if e.text]
        for d in b.disagreements:
            if d.id == c.id and c.kind == "disagreement":
                out += [p.statement for p in d.positions]
    return [t.casefold() for t in out]


def _states(must: list[str], texts: list[str]) -> bool:
    return any(all(re.search(p, t) for p in must) for t in texts)


def _name(path: str) -> str:
    return Path(path).stem


def score_day(day: dict[str, Any], previous_day: dict[str, Any], now: Briefing | Digest, was: Briefing | Digest, s: DaysScore) -> None:
    """Add one day's marks (``now.changes``, against ``was``) to ``s``."""
    changes: Changes | None = now.changes
    assert changes is not None, "a day after the first is briefed with --since"
    items = [(c, _texts(c, now, was)) for c in changes.items if c.kind in ("fact", "event", "disagreement")]
    facts = day.get("facts", {})
    for status in STATUSES:
        for label in facts.get(status, []):
            s.labelled[status] += 1
            if any(c.status == status and _states(label["must"], texts) for c, texts in items):
                s.found[status] += 1
            else:
                marks = ", ".join(sorted({c.status for c, texts in items if _states(label["must"], texts)})) or "nothing"
                s.errors.append(f"{day['day']}: {status} not found: {label['fact']} (marked: {marks})")
    for c, texts in items:
        stated = {status for status in STATUSES for label in facts.get(status, []) if _states(label["must"], texts)}
        if not stated:
            continue
        s.marked[c.status] += 1
        if c.status in stated:
            s.right[c.status] += 1
        else:
            s.errors.append(f"{day['day']}: marked {c.status}, labelled {'/'.join(sorted(stated))}: {c.text[:100]}")
    _score_stories(day, previous_day, now, changes, s)


def _score_stories(day: dict[str, Any], previous_day: dict[str, Any], now: Briefing | Digest, changes: Changes, s: DaysScore) -> None:
    label_of = {_name(a): st["id"] for st in day.get("stories", []) for a in st["articles"]}
    before = {_name(a): st["id"] for st in previous_day.get("stories", []) for a in st["articles"]}
    want = day.get("story_changes", {})
    members = {sid: [x.id for x in b.sources] for sid, b in _stories(now)}
    for c in changes.items:
        if c.kind != "story":
            continue
        s.stories += 1
        if c.status == "no_longer_reported":
            votes = Counter(before.get(a) for a in c.sources)
            expected = "no_longer_reported" if votes.most_common(1)[0][0] in want.get("no_longer_reported", []) else "continuing"
            got = "no_longer_reported"
        else:
            votes = Counter(label_of.get(a) for a in members.get(c.story, c.sources))
            expected = "new" if votes.most_common(1)[0][0] in want.get("new", []) else "continuing"
            got = "new" if c.status == "new" else "continuing"
        if got == expected:
            s.stories_right += 1
        else:
            s.errors.append(f"{day['day']}: story marked {got}, labelled {expected}: {c.text[:100]}")


def days_table(s: DaysScore) -> str:
    lines = ["status              precision  recall  labels", "------------------  ---------  ------  ------"]
    for status in STATUSES:
        lines.append(f"{status:<18}  {s.precision(status):>9.2f}  {s.recall(status):>6.2f}  {s.labelled[status]:>6}")
    lines.append(f"stories marked right: {s.stories_right} of {s.stories}")
    return "\n".join(lines) + "\n"
