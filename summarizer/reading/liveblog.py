"""Live blogs and transcripts, found by code: timestamped entries and speaker headers.

* **Entries** -- a line that opens with a time of day (``5:55 A.M.``, ``7:10 a.m.``, ``10:42``,
  ``12:05 p.m. ET``, ``3:30 PM``, ``18.20``) starts an entry that runs to the next such line.
  One such line is not a live blog ("10:42" may start any paragraph), so at least
  ``min_entries`` are needed. Each entry has its time as written, as ``HH:MM``, and a day
  offset from the publication date. The blog's order is what most steps under 12 hours do
  (rise: chronological; fall: newest first); a step against that order by more than an hour
  crosses midnight (chronological: the next day; newest first: the day before), a smaller
  one is an entry out of place.
* **Turns** -- a line that opens with a speaker header, ``Name (role): words`` (a transcript,
  an interview as Q&A), starts that speaker's turn: the words to the end of the paragraph,
  and the paragraphs after it up to the next turn (an oral history's speaker talks for
  several), unless a time stamp stands between or the gap is long; after a transcript's last
  turn nothing is added. Markdown emphasis around the header is allowed. A header without a
  role counts only when the same name heads two lines or more and is written in capitals or
  in full (``COOPER: ...``, ``Ilse Varga: ...``; an oral history's ``JOHN SMITH, producer:
  ...`` among them, its apposition the role), or, one word (``Reporter:``), is the paragraph
  right before or after another turn: "Note: ..." once, or "Photo: ..." under every picture,
  is not a speaker; nor is a role with no letter ("Update (10:42): ...").

No word lists: the rules hold in any language written with Latin capitals and digits. Offsets
are ``str`` indices into the text given.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

MIN_ENTRIES = 2  # timestamped lines needed before a text counts as a live blog
MIN_BARE_HEADERS = 2  # lines a role-less speaker header must open
CONTINUATION_MAX = 4000  # characters of paragraphs between two turns that still belong to the first
BACKSTEP_MINUTES = 60  # a time this much against the blog's order is another day (less: an entry out of place)

_TIME = re.compile(
    r"^[ \t]*(?P<stamp>(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)"
    r"(?:[ \t]*(?P<ap>[AaPp])\.?[ \t]?[Mm]\.?(?![\w]))?"
    r"(?:[ \t]+(?P<tz>[A-Z]{2,4})\b)?)"
    r"(?P<after>[ \t]*(?:$|[:|\u2014\u2013-][ \t]*|[ \t]+(?=\S)))",
    re.MULTILINE,
)
_NAME_WORD = r"[A-Z][\w.'\u2019-]*"
_EMPHASIS = r"(?:\*\*|__|\*|_)?"  # Markdown bold/italic around a header: "**Jane Doe:** ..."
_HEADER = re.compile(
    rf"^[ \t]*{_EMPHASIS}(?P<name>{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|[a-z]{{1,3}}(?=[ \t]+[A-Z]))){{0,4}})"
    rf"[ \t]*(?:\((?P<role>[^()\n]{{1,80}})\)|,[ \t]*(?P<apposition>[^:,\n]{{2,60}}))?[ \t]*{_EMPHASIS}:{_EMPHASIS}"
    r"[ \t]+(?P<words>\S[^\n]*)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class Entry:
    """One timestamped entry: ``text[start:end]``; the stamp is ``text[start:stamp_end]``."""

    stamp: str  # as written: "5:55 A.M."
    time: str  # "05:55"
    day_offset: int  # days after (negative: before) the publication date
    start: int
    end: int
    stamp_end: int
    heading: tuple[int, int] | None  # the entry's first line or sentence after the stamp


@dataclass(frozen=True)
class Turn:
    """A speaker's turn: the words after ``Name (role):`` to the end of their paragraph,
    ``text[start:end]``, and the paragraphs that follow it up to the next turn
    (``segments``: one ``(start, end)`` per paragraph, the first being ``(start, end)``)."""

    speaker: str
    role: str | None
    start: int
    end: int
    header_start: int
    segments: tuple[tuple[int, int], ...] = ()


def _minutes(m: re.Match[str]) -> int | None:
    h, mi, ap = int(m.group("h")), int(m.group("m")), (m.group("ap") or "").lower()
    if ap:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap == "p" else 0)
    return h * 60 + mi


def _plausible(m: re.Match[str], text: str) -> bool:
    """A stamp, not a number opening a sentence ("10.50 euros were..."): a stamp stands alone on
    its line, is followed by a separator, by a capital, or says a.m./p.m."""
    if m.group("ap") or m.group("tz"):
        return True
    rest = text[m.end() : m.end() + 1]
    return not rest or rest == "\n" or rest[0].isupper() or bool(re.search(r"[:|\u2014\u2013-]", m.group("after")))


def find_entries(text: str, start: int = 0, min_entries: int = MIN_ENTRIES) -> list[Entry]:
    """The timestamped entries of ``text`` after ``start`` (the header is no entry), in text order."""
    stamps = []
    for m in _TIME.finditer(text, start):
        minutes = _minutes(m)
        if minutes is not None and _plausible(m, text):
            stamps.append((m, minutes))
    if len(stamps) < min_entries:
        return []
    steps = [b[1] - a[1] for a, b in zip(stamps, stamps[1:], strict=False)]
    small = [s for s in steps if abs(s) <= 12 * 60]  # a jump of more than 12 hours is a midnight
    newest_first = sum(s < 0 for s in small) > sum(s > 0 for s in small)
    entries: list[Entry] = []
    day = 0
    for i, (m, minutes) in enumerate(stamps):
        if i:
            step = minutes - stamps[i - 1][1]
            if newest_first and step > BACKSTEP_MINUTES:
                day -= 1
            elif not newest_first and step < -BACKSTEP_MINUTES:
                day += 1
        end = stamps[i + 1][0].start() if i + 1 < len(stamps) else len(text.rstrip())
        entries.append(
            Entry(
                stamp=m.group("stamp").strip(),
                time=f"{minutes // 60:02d}:{minutes % 60:02d}",
                day_offset=day,
                start=m.start("stamp"),
                end=end,
                stamp_end=m.end("stamp"),
                heading=_heading(text, m.end(), end),
            )
        )
    return entries


def clock_time(written: str | None) -> str | None:
    """``HH:MM`` when ``written`` is only a time of day ("8:45 a.m.", "10:15", "3:30 PM ET")."""
    stripped = (written or "").strip()
    m = _TIME.match(stripped)
    if m is None or m.end("stamp") != len(stripped):
        return None
    minutes = _minutes(m)
    return None if minutes is None else f"{minutes // 60:02d}:{minutes % 60:02d}"


def _heading(text: str, start: int, end: int, limit: int = 160) -> tuple[int, int] | None:
    """The entry's first line after the stamp, or its first sentence when the line is long."""
    for line in re.finditer(r"[^\n]+", text[start:end]):
        s = line.group()
        if not s.strip():
            continue
        a = start + line.start() + (len(s) - len(s.lstrip()))
        b = start + line.end() - (len(s) - len(s.rstrip()))
        if b - a > limit:
            cut = re.search(r"[.!?][\u2019\u201d\"']?(?=\s+[A-Z\u201c\"])", text[a : a + limit])
            b = a + cut.end() if cut else a + limit
        return (a, b)
    return None


def find_turns(text: str, start: int = 0, min_bare: int = MIN_BARE_HEADERS) -> list[Turn]:
    """The speaker turns of ``text`` after ``start``, in text order."""
    found = [m for m in _HEADER.finditer(text, start) if not _TIME.match(m.group(0))]
    bare = Counter(" ".join(m.group("name").split()) for m in found if not m.group("role"))

    def kind(m: re.Match[str]) -> str:
        name = " ".join(m.group("name").split())
        if m.group("role"):
            return "yes" if any(c.isalpha() for c in m.group("role")) else "no"  # not "Update (10:42): ..."
        if bare[name] < min_bare:
            return "no"
        if m.group("apposition"):  # "JOHN SMITH, producer: ..." -- an oral history's first turn of a voice
            return "yes" if name.isupper() or len(name.split()) > 1 else "no"
        return "yes" if name.isupper() or len(name.split()) > 1 else "if-near"  # "Reporter:", or "Photo:"?

    kinds = [kind(m) for m in found]
    turns = []
    for i, m in enumerate(found):
        if kinds[i] == "if-near":  # a one-word header counts between turns, not under pictures
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(found) and kinds[j] == "yes" and _adjacent(text, found[min(i, j)], found[max(i, j)])]
            if not near:
                continue
        elif kinds[i] == "no":
            continue
        given = m.group("role") or m.group("apposition")
        role = " ".join(given.split()) if given else None
        name = " ".join(m.group("name").split())
        turns.append(Turn(speaker=name, role=role, start=m.start("words"), end=m.end("words"), header_start=m.start("name")))
    return [_with_following(text, t, turns[i + 1] if i + 1 < len(turns) else None) for i, t in enumerate(turns)]


def _with_following(text: str, turn: Turn, following: Turn | None) -> Turn:
    """A turn goes on over the paragraphs between it and the next turn (an oral history's
    speaker talks for several paragraphs), unless a time stamp stands between them or they run
    longer than ``CONTINUATION_MAX`` characters; after the last turn nothing is added (what
    follows a transcript is the reporter's again)."""
    segments = [(turn.start, turn.end)]
    if following is not None:
        gap = text[turn.end : following.header_start]
        if len(gap) <= CONTINUATION_MAX and not _TIME.search(gap):
            for m in re.finditer(r"[^\n]*\S[^\n]*", gap):
                a = turn.end + m.start() + len(m.group()) - len(m.group().lstrip())
                b = turn.end + m.end() - (len(m.group()) - len(m.group().rstrip()))
                if text[a:b].strip("*_ "):
                    segments.append((a, b))
    return replace(turn, segments=tuple(segments))


def _adjacent(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Is ``second`` the paragraph right after ``first`` (only white space between)?"""
    return not text[first.end() : second.start()].strip()
