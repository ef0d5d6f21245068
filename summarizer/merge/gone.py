"""What a statement that goes on no longer says: a figure of the earlier statement that no
statement of its story gives today.

"Lorrance said 330 firefighters and six water-bombing helicopters were working on the fire"
goes on as "520 firefighters are now on the fire": the 330 moved (an update, told on its own
line), the six helicopters are no longer reported; "... the northern edge of Quenlow, a town of
about 18,000 people" goes on with 7,500 sent from their homes, and the town's size is gone.
An item that goes on is not "no longer reported" itself, so what it dropped is told as a part
of it: the figure as written, with the words around it up to the nearest comma, semicolon,
dash or bracket -- an apposition with the name it describes ("Harnoch, about 6 km north of
Quenlow").

A figure is still given when a statement of the current story (its items' words and, at hand,
every claim of its articles) has a figure of the same value and unit, or its number as written
("71" in "Osric Tamberly, 71" for "a 71-year-old man"); a value a move of the story replaced is
told by that move; a zero ("no one has been killed") is not a figure a reader misses (a first
death moves it: ``told.tells_death``). Pure code: today's figures were read with the claims,
the earlier statement's are read here (``find_quantities``: no parse).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from functools import cached_property
from typing import Protocol

from ..language import LanguageProfile
from ..reading.quantities import Quantity, Valued, find_quantities
from ..reading.text import words
from ..schemas import Change, Claim

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
#: where a reader would stop quoting the words around a figure
_CUT = re.compile(r",\s|;\s|\s[\u2014\u2013]\s|\s-\s|\s?\(|\)|:\s")


def number_of(surface: str) -> str:
    """A figure's number as written: its digits ("18,000" of "about 18,000"), else its first word ("six")."""
    m = _NUMBER.search(surface)
    if m:
        return m.group()
    said = words(surface)
    return said[0] if said else ""


class Given:
    """What the statements of one current story give: the values of their figures and their
    numbers as written, read when first asked."""

    def __init__(self) -> None:
        self.claims: list[Claim] = []

    def add(self, claims: Iterable[Claim]) -> None:
        self.claims += claims

    @cached_property
    def _said(self) -> tuple[set[tuple[str, float]], set[str]]:
        values = {_valued(f) for c in self.claims for f in c.figures}
        return values, {n for c in self.claims for n in (*_NUMBER.findall(c.text), *words(c.text))}

    def gives(self, q: Quantity) -> bool:
        values, numbers = self._said
        return _valued(q) in values or number_of(q.surface) in numbers


def _valued(f: Valued) -> tuple[str, float]:
    """A figure's unit and value (to a millionth: "1.2 million" = "1,200,000"), as compared (``same_value``)."""
    return f.unit, round(f.value, 6)


def piece(text: str, start: int, end: int, profile: LanguageProfile) -> str:
    """The words around ``text[start:end]`` up to the nearest cut (comma, semicolon, dash,
    bracket); a piece that opens as an apposition (an article, a determiner, a hedge, a number)
    keeps the name before it ("Quenlow, a town of about 18,000 people")."""
    cuts = [(m.start(), m.end()) for m in _CUT.finditer(text)]
    a = max((e for s, e in cuts if e <= start), default=0)
    b = min((s for s, _ in cuts if s >= end), default=len(text))
    out = text[a:b].strip().rstrip(".")
    said = words(out)
    first = said[0] if said else ""
    opens = first in profile.determiners or first in profile.approximators or first in profile.number_words or first[:1].isdigit()
    if a and opens and first not in profile.clause_openers:
        before = text[:a].rstrip(",;:( \u2014\u2013-").split()
        name: list[str] = []
        while before and before[-1][:1].isupper():
            name.insert(0, before.pop())
        if name:
            out = f"{' '.join(name)}, {out}"
    return out


def _written(q: Quantity, text: str) -> str:
    """The figure as written with what it counts, when that follows it closely ("six water-bombing helicopters")."""
    if q.noun:
        k = text.find(q.noun, q.end)
        if 0 <= k - q.end <= 40 and not _CUT.search(text, q.end, k):
            return text[q.start : k + len(q.noun)]
    return q.surface


def gone(text: str, given: Sequence[Given], replaced: set[str], profile: LanguageProfile) -> list[tuple[str, str]]:
    """(the figure as written, the words around it) for each figure of an earlier statement
    (``text``) that no statement of the stories it goes on in (``given``) gives today;
    ``replaced``: the numbers (``number_of``) their moves replaced."""
    out: list[tuple[str, str]] = []
    for q in find_quantities(text, profile):
        if q.value == 0 or number_of(q.surface) in replaced or any(g.gives(q) for g in given):
            continue
        out.append((_written(q, text), piece(text, q.start, q.end, profile)))
    return out


def given(stories: Iterable[tuple[str | None, Iterable[Claim]]]) -> dict[str | None, Given]:
    """What each story gives, of (story, claims) pairs."""
    out: dict[str | None, Given] = defaultdict(Given)
    for story, claims in stories:
        out[story].add(claims)
    return out


class _Item(Protocol):
    kind: str
    id: str
    story: str | None
    text: str
    sources: list[str]


def dropped(
    went_on: Iterable[tuple[_Item, _Item]], given: Mapping[str | None, Given], items: Sequence[Change], profile: LanguageProfile
) -> list[Change]:
    """For each earlier item that goes on (pairs of a current item and the earlier item it goes
    on from), the figures of its statement that none of the current stories it goes on in gives
    any more (``gone``), each once an earlier story: a part of the earlier item, no longer
    reported. ``given``: what each current story gives; ``items``: the changes so far (their
    moves replaced values)."""
    replaced: dict[str | None, set[str]] = defaultdict(set)
    for c in items:
        if c.status == "updated" and c.old and "figure" in c.what:
            replaced[c.story].update(number_of(v) for v in c.old.split("; "))
    into: dict[int, tuple[_Item, set[str | None]]] = {}  # an earlier item -> the current stories it goes on in
    for now, was in went_on:
        if was.kind != "disagreement" and now.story in given:
            into.setdefault(id(was), (was, set()))[1].add(now.story)
    out: list[Change] = []
    seen: set[tuple[str | None, str]] = set()
    for was, stories in into.values():
        said = gone(was.text, [given[s] for s in stories], {n for s in stories for n in replaced[s]}, profile)
        for written, words_around in said:
            if (was.story, number_of(written)) not in seen:
                seen.add((was.story, number_of(written)))
                out.append(Change(kind=was.kind, status="no_longer_reported", id=was.id, story=was.story, text=words_around,
                                  previous_text=was.text, what=["figure"], old=written, sources=was.sources, part=True))  # fmt: skip
    return out
