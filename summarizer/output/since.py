"""The view of what changed since an earlier briefing (``--since``): the "New since" section a
briefing or a digest opens with, and the mark each item of the briefing carries.

The section lists what is new, what was updated (a figure or a date with its earlier value, a
disagreement's sides, more articles) and what the earlier briefing said that no article says
any more; each line is cited: by this briefing's source numbers, and what only the earlier
briefing's articles said by their marks in its own list ("E1"), shown under the section.
Each change is told once (``_told_once``), and what an earlier story held is told under the
story it goes on as. Unchanged items are counted, not listed: the briefing below shows them;
the JSON's ``changes`` holds every item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup

from ..reading.text import words
from ..schemas import Change, Changes

STATUS = {"new": "new", "updated": "updated", "unchanged": "unchanged", "no_longer_reported": "no longer reported"}
KINDS = {"story": "story", "fact": "fact", "disagreement": "disagreement", "quote": "quote", "event": "event"}
WHAT = {"figure": "the figure", "date": "the date", "sources": "more sources", "position": "the sides", "detail": "adds"}
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
    # what an earlier story held that no article says any more is told under the story it goes on as
    goes_on = {c.previous_id: c.story for c in changes.items if c.kind == "story" and c.status in ("updated", "unchanged") and c.previous_id}
    groups = []
    for sid, number, title in stories:
        numbers = numbering(sid)
        mine = [c for c in changes.items if c.kind != "story" and c.status in SHOWN
                and (c.story if c.status != "no_longer_reported" else goes_on.get(c.story or "briefing", c.story)) == sid]  # fmt: skip
        lines = {status: [_line(c, numbers, earlier) for c in _told_once([c for c in mine if c.status == status], mine)] for status in SHOWN}
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


_ORDER = {"fact": 0, "disagreement": 1, "quote": 2, "event": 3}


def _told_once(these: list[Change], story: list[Change]) -> list[Change]:
    """Each change of one status told once: one line per figure or date that moved, however
    many items of the briefing tell it (the shortest statement of it, a fact's before the
    timeline's), cited by all their articles; a quotation or timeline entry whose words a
    longer statement (or entry) already holds -- one said now, or for what is no longer
    reported, one no longer reported -- is not told again (the briefing below shows it).
    Facts, disagreements, quotations, then the timeline."""
    these = sorted(these, key=lambda c: _ORDER.get(c.kind, 9))
    gone = bool(these) and these[0].status == "no_longer_reported"
    place = {id(c): k for k, c in enumerate(story)}
    holders = [(_words(c.text), len(c.text), k) for k, c in enumerate(story)
               if c.kind in ("fact", "disagreement", "event") and (c.status == "no_longer_reported") == gone]  # fmt: skip
    moved: dict[tuple[tuple[str, ...], str, str], list[Change]] = {}
    out: list[Change | tuple[tuple[str, ...], str, str]] = []
    for c in these:
        if c.new is not None:  # a value that moved, or one a statement adds
            key = (tuple(c.what), c.old or "", c.new)
            if key not in moved:
                out.append(key)
            moved.setdefault(key, []).append(c)
        elif not (c.kind in ("quote", "event") and _repeats(_words(c.text), len(c.text), holders, place[id(c)])):
            out.append(c)
    return [x if isinstance(x, Change) else _one(moved[x]) for x in out]


def _one(same: list[Change]) -> Change:
    """One line for the items that tell one move: the shortest fact (else item) of them, cited by all."""
    shown = min(same, key=lambda c: (_ORDER.get(c.kind, 9), len(c.text)))
    return shown.model_copy(update={"sources": list(dict.fromkeys(s for c in same for s in c.sources))})


def _words(text: str) -> set[str]:
    return set(words(text))


def _repeats(words: set[str], length: int, holders: list[tuple[set[str], int, int]], me: int) -> bool:
    """Does another, longer statement hold three in four of these words?"""
    return bool(words) and any(k != me and (n, k) > (length, me) and len(words & w) >= 0.75 * len(words) for w, n, k in holders)


def _line(c: Change, numbers: dict[str, int], earlier: dict[str, int]) -> ChangeLine:
    if c.status == "no_longer_reported":
        marks = "".join(f"[E{earlier[s]}]" for s in c.sources if s in earlier)
    else:
        marks = "".join(f"[{n}]" for n in sorted({numbers[s] for s in c.sources if s in numbers}))
    # ("adds": a new value alone; a figure no longer given: the old one alone)
    detail = _moves(c.old, c.new) if c.old is not None and c.new is not None else c.new if c.new is not None else c.old
    return ChangeLine(Markup(KINDS[c.kind]), c.text, detail, Markup(", ".join(WHAT[w] for w in c.what)), Markup(marks))


def _moves(old: str, new: str) -> str:
    """"15 per cent → 65 per cent; 4,600 → 5,100": each value beside the one it became (the
    changes join several with "; ")."""
    a, b = old.split("; "), new.split("; ")
    return "; ".join(f"{x} → {y}" for x, y in zip(a, b, strict=True)) if len(a) == len(b) else f"{old} → {new}"


def item_marks(changes: Changes | None, story: str | None) -> dict[tuple[str, str], Markup]:
    """(kind, id) -> the mark an item of this story carries in the briefing: "new" or "updated"."""
    if changes is None:
        return {}
    marks: dict[tuple[str, str], Markup] = {(c.kind, c.id): Markup(STATUS[c.status]) for c in changes.items if c.story == story and c.status in ("new", "updated") and not c.part}
    for c in changes.items:  # an item that goes on with a new part of it is updated
        if c.part and c.status == "new" and c.story == story:
            marks.setdefault((c.kind, c.id), Markup(STATUS["updated"]))
    return marks
