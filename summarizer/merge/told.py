"""What a statement that goes on tells that its story did not: its parts (``reading.clauses``)
read against the words of the whole earlier story.

A statement is matched to the one it continues by what the two share; a part of it may still
be news. "The P7 road remains closed and is expected to reopen on Friday" goes on from "The P7
is closed", and its second part is new; "The authority, which opened an inquiry on Monday, said
its commissioner, Reinart Anvarsson, would lead it himself" refers back in an aside, and what it
asserts is new.

A part is *untold* by a story when it has at least ``MIN_WORDS`` content words and at least
``SHARE`` of them (figures aside: a figure that differs is a move, told as one) are in no
wording of the story's items -- or, in a statement that adds a date ahead, when it names a date
no item of the story gave and no move of today's briefing tells. Only statements with
``MIN_WORDS`` untold words in a row (or such a date) are parsed. A death told where the story
said no one had died moves its toll from none (``said_none``, ``tells_death``: the profile's
``death_words``). Pure code."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from functools import cached_property
from typing import Protocol

from ..language import LanguageProfile
from ..reading.clauses import Part, parts
from ..reading.temporal import TimeExpression, find_dates
from ..reading.text import content_stems, words

#: a part of fewer content words says too little to be news of its own ("as first planned")
MIN_WORDS = 3
#: ... and this share of them the story never used
SHARE = 0.6
#: a statement that goes on with a part of news holds told words too: one with more untold is
#: not told again at all (its match leans on a name or two), and is not cut into parts
MOST = 0.7


class Story:
    """The words of a story's items (stems), and -- read when first asked -- the dates they give."""

    def __init__(self, texts: Iterable[tuple[str, str | None]], profile: LanguageProfile) -> None:
        """``texts``: (wording, its articles' date) of every item of the story."""
        self.texts, self.profile = list(texts), profile
        said = {w for t, _ in self.texts for w in words(t)}  # (each word stemmed once: a story's wordings repeat their words)
        self.stems = set(content_stems(" ".join(said), profile))
        self._read: dict[tuple[str, str | None], list[TimeExpression]] = {}

    def dates_of(self, text: str, published: str | None) -> list[TimeExpression]:
        """``find_dates``, kept for a statement asked about again (``worth_parsing``, ``untold``)."""
        got = self._read.get((text, published))
        if got is None:
            got = self._read[(text, published)] = find_dates(text, published, self.profile)
        return got

    @cached_property
    def dates(self) -> set[str]:
        return {d.date for t, published in self.texts for d in self.dates_of(t, published) if d.date}


class _Item(Protocol):
    story: str | None
    texts: list[str]
    published: str | None


class Stories(dict[str | None, Story]):
    """The words of each story of a briefing's items (``Story``), read when first asked."""

    def __init__(self, items: Sequence[_Item], profile: LanguageProfile) -> None:
        super().__init__()
        self.of, self.profile = items, profile

    def __missing__(self, story: str | None) -> Story:
        got = self[story] = Story(((t, i.published) for i in self.of if i.story == story for t in i.texts), self.profile)
        return got


def _words(text: str, profile: LanguageProfile) -> list[str]:
    return [s for s in content_stems(text, profile) if not any(ch.isdigit() for ch in s)]


def _untold_words(text: str, story: Story, profile: LanguageProfile) -> tuple[int, int]:
    words = _words(text, profile)
    return sum(w not in story.stems for w in words), len(words)


def _new_date(text: str, published: str | None, story: Story, moved: Collection[str]) -> bool:
    ahead = [d.date for d in story.dates_of(text, published) if d.future and d.date and d.date not in moved]
    return bool(ahead) and any(d not in story.dates for d in ahead)


def worth_parsing(text: str, story: Story, profile: LanguageProfile, *, dated: bool = False) -> bool:
    """Can the statement hold a part the story does not tell (``untold``)? Read by its words
    alone, before any parse: ``MIN_WORDS`` untold content words in a row (a clause of news; a
    wording told again in other words has its untold words strewn) in a statement that also
    holds told ones (``MOST``); or ``dated``: it adds a date ahead its earlier item did not give."""
    words = _words(text, profile)
    fresh = [w not in story.stems for w in words]
    run = longest = 0
    for u in fresh:
        run = run + 1 if u else 0
        longest = max(longest, run)
    return dated or (longest >= MIN_WORDS and sum(fresh) <= MOST * len(words))


def untold(text: str, published: str | None, story: Story, profile: LanguageProfile, *, dated: bool = False, moved: Collection[str] = ()) -> list[Part]:
    """The parts of ``text`` the story does not tell: by their words, or -- ``dated``: the
    statement adds a date ahead -- by a date ahead no item of the story gave, when another main
    part of the statement is told (a statement whose one assertion only gains a date goes on:
    ``changes`` marks it updated). ``moved``: dates a move of this briefing tells (not news a
    second time). Parsed only when ``worth_parsing``."""
    if not worth_parsing(text, story, profile, dated=dated):
        return []
    mine = [p for p in parts(text, profile) if p.role in ("main", "aside")]
    mains = sum(p.role == "main" for p in mine)
    out = []
    for p in mine:
        new, n = _untold_words(p.own, story, profile)
        if (n >= MIN_WORDS and new >= SHARE * n) or (dated and mains > 1 and _new_date(p.own, published, story, moved)):
            out.append(p)
    return out


#: a negation this many words before a death word denies it ("No one has been killed")
_DENIED_WITHIN = 4


def _deaths(text: str, profile: LanguageProfile) -> tuple[bool, bool]:
    """Does the text tell of a death, and does it deny one ("No one has been killed", "no
    deaths"; not "the man, who had not been seen since Sunday, was found dead")?"""
    said = words(text)
    at = [k for k, w in enumerate(said) if w in profile.death_words]
    denied = any(w in profile.negations or w in profile.zero_words for k in at for w in said[max(0, k - _DENIED_WITHIN) : k])
    return bool(at), denied


def said_none(text: str, profile: LanguageProfile) -> bool:
    """"No one has been killed", "There have been no deaths": a toll of none."""
    return _deaths(text, profile)[1]


def tells_death(text: str, profile: LanguageProfile) -> bool:
    """"A 71-year-old man was found dead": a death, not denied."""
    death, denied = _deaths(text, profile)
    return death and not denied
