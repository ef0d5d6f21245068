"""The view of what changed since an earlier briefing (``--since``): the "New since" section a
briefing or a digest opens with, and the mark each item of the briefing carries.

The section lists what is new, what was updated (a figure or a date with its earlier value, a
disagreement's sides, more articles) and what the earlier briefing said that no article says
any more; each line is cited: by this briefing's source numbers, and what only the earlier
briefing's articles said by their marks in its own list ("E1"), shown under the section.
Unchanged items are counted, not listed: the briefing below shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..schemas import Change, Changes

STATUS = {"new": "new", "updated": "updated", "unchanged": "unchanged", "no_longer_reported": "no longer reported"}
KINDS = {"story": "story", "fact": "fact", "disagreement": "disagreement", "quote": "quote", "event": "event"}
WHAT = {"figure": "the figure", "date": "the date", "sources": "more sources", "position": "the sides"}
SHOWN = ("new", "updated", "no_longer_reported")


@dataclass(frozen=True)
class ChangeLine:
    kind: Markup
    text: str
    detail: str | None  # "1,900 hectares -> 4,600 hectares" (the articles' values: data)
    what: Markup  # "the figure", "more sources"
    marks: Markup  # "[1][3]" or "[E2]"


@dataclass(frozen=True)
class SinceGroup:
    """The changes of one story (a digest's story, or the one briefing)."""

    title: str | None
    number: int | None
    lines: dict[str, list[ChangeLine]]  # status -> lines, for the statuses in ``SHOWN``


@dataclass(frozen=True)
class EarlierView:
    mark: Markup
    title: str
    meta: str


@dataclass(frozen=True)
class SinceView:
    heading: Markup
    since: str | None  # the earlier briefing's date: data
    counts: Markup
    groups: list[SinceGroup]
    earlier: list[EarlierView]
    statuses: tuple[Markup, ...] = tuple(Markup(STATUS[s]) for s in SHOWN)


def since_view(changes: Changes, stories: Sequence[tuple[str | None, int | None, str | None]], numbering: Callable[[str | None], dict[str, int]]) -> SinceView:
    """``stories``: (story id, number, title) in the order shown (one (None, None, None) for a
    briefing); ``numbering(story)``: that story's source numbers."""
    earlier = {s.id: k for k, s in enumerate(changes.earlier_sources, 1)}
    groups = []
    for sid, number, title in stories:
        numbers = numbering(sid)
        lines: dict[str, list[ChangeLine]] = {s: [] for s in SHOWN}
        for c in changes.items:
            if c.story == sid and c.status in lines and c.kind != "story":
                lines[c.status].append(_line(c, numbers, earlier))
        if any(lines.values()):
            groups.append(SinceGroup(title, number, lines))
    gone = [c for c in changes.items if c.kind == "story" and c.status == "no_longer_reported"]
    if gone:
        groups.append(SinceGroup(None, None, {"new": [], "updated": [], "no_longer_reported": [_line(c, {}, earlier) for c in gone]}))
    counts = ", ".join(f"{changes.counts.get(s, 0)} {STATUS[s]}" for s in ("new", "updated", "no_longer_reported", "unchanged"))
    return SinceView(
        heading=Markup("New since the briefing of" if changes.since else "New since the earlier briefing"),
        since=changes.since,
        counts=Markup(counts + " (items: stories, facts, disagreements, quotes, events)"),
        groups=groups,
        earlier=[EarlierView(Markup(f"E{k}"), s.title, ", ".join(x for x in (s.outlet, s.published, s.id) if x)) for k, s in enumerate(changes.earlier_sources, 1)],
    )


def _line(c: Change, numbers: dict[str, int], earlier: dict[str, int]) -> ChangeLine:
    if c.status == "no_longer_reported":
        marks = "".join(f"[E{earlier[s]}]" for s in c.sources if s in earlier)
    else:
        marks = "".join(f"[{numbers[s]}]" for s in c.sources if s in numbers)
    detail = f"{c.old} → {c.new}" if c.old is not None and c.new is not None else None
    return ChangeLine(Markup(KINDS[c.kind]), c.text, detail, Markup(", ".join(WHAT[w] for w in c.what)), Markup(marks))


def item_marks(changes: Changes | None, story: str | None) -> dict[tuple[str, str], Markup]:
    """(kind, id) -> the mark an item of this story carries in the briefing: "new" or "updated"."""
    if changes is None:
        return {}
    return {(c.kind, c.id): Markup(STATUS[c.status]) for c in changes.items if c.story == story and c.status in ("new", "updated")}
