"""Quotation marks: every passage an article puts in quotation marks, as offsets ("pieces",
one per paragraph, grouped into passages). No speaker here: that is ``speakers``.

**Marks** (the profile's ``quote_marks``): “…”, "…", ‘…’, «…», „…“ / „…”, ‚…‘, newswire ``…''
and straight '…'. A mark opens only where a quotation can start (after a space, a bracket, a
dash or the paragraph's start, before a non-space). A quote nested in another (‘…’ inside “…”)
is part of the outer one. Double marks pair by nesting depth, capped at the paragraph: an
opening mark that never closes runs to the paragraph's end (or to the next opening mark of
its kind when the paragraph has more openers than closers) -- unless the next paragraph opens
with the same mark, the newspaper convention for a quote over several paragraphs, which then
becomes one quote with one segment per paragraph.

*The apostrophe rule* (marks that are also apostrophes, ’ and '): a mark between two letters
or digits ("it’s", "Ostravia’s") never closes; one after a space never closes. A mark after a
punctuation sign or before one ("frank,’" "share’.") is a sure close; one after a letter and
before a space ("share’ of", "dancin’ all") may be either, so the first sure close wins if it
comes before the end of that sentence, else the first unsure one. The scan stops at the next
opening mark of the kind. An opening single mark that finds no close is an apostrophe
("‘90s") and quotes nothing. Straight single quotes '…' count only when they hold two words
or more ("rock 'n' roll" is no quote).

**Offsets**: ``text[start:end]`` runs from the first quoted word to the last; the edges are
trimmed of white space, quotation marks (a nested quote's too), ``.,;:…`` and dashes, and keep
``?``, ``!``, brackets and ``%`` ("…right now,’”" ends at "now"; "…concession?" keeps its "?"). ``segments`` are the trimmed pieces, one per paragraph; ``text`` joins
them with one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..language import LanguageProfile
from .text import words as text_words

_EDGE = " \t\n\r.,;:\u2026-\u2013\u2014\u00a0"
_OPENS_AFTER = "([{\u2014\u2013-/:"



@dataclass
class Piece:
    para: int
    open: int  # the opening mark
    start: int  # the first quoted word
    end: int  # after the last quoted word
    stop: int  # after the closing mark (the cut when unclosed)
    closed: bool
    mark: str


def _opens(text: str, i: int, p0: int, mark: str, profile: LanguageProfile) -> bool:
    """Can a quotation open at ``i``? After a space, a bracket, a dash or the paragraph's start,
    before a non-space; a mark that also closes some pair (", “, ‘) only there."""
    prev = text[i - 1] if i > p0 else " "
    nxt = text[i + len(mark)] if i + len(mark) < len(text) else " "
    if nxt.isspace() and mark != "\u00ab":  # French « mot » has a space inside
        return False
    if mark in profile.apostrophes:  # straight single: at a word start, before a letter
        return (prev.isspace() or prev in _OPENS_AFTER or prev in '\u201c"') and nxt.isalpha()
    if prev.isspace() or prev in _OPENS_AFTER:
        return True
    closes = any(mark in closers for _, closers in profile.quote_marks)
    return not closes and not prev.isalnum()


def _close_single(text: str, i: int, p0: int, p1: int, mark: str, closers: tuple[str, ...], profile) -> int | None:
    """The closing mark of a single-mark quote by the apostrophe rule (see the module doc)."""
    j0 = i + len(mark)
    limit, k = p1, j0
    while (k := text.find(mark, k + 1, p1)) >= 0:
        if _opens(text, k, p0, mark, profile):
            limit = k
            break
    weak = None
    for k in range(j0 + 1, limit):
        c = text[k]
        if weak is not None and c in ".!?" and k + 1 < p1 and text[k + 1].isspace():
            break  # a sure close after the unsure one's sentence is some other mark
        if c not in closers:
            continue
        prev = text[k - 1]
        nxt = text[k + 1] if k + 1 < p1 else None
        if prev.isspace() or (nxt is not None and prev.isalnum() and nxt.isalnum()):
            continue  # opens something, or an apostrophe inside a word
        if nxt is not None and prev.isalnum() and nxt.isspace():
            weak = k if weak is None else weak
            continue
        return k
    return weak


def _close(
    text: str, i: int, p0: int, p1: int, mark: str, closers: tuple[str, ...], profile
) -> tuple[int, int, bool] | None:
    """(closing mark start, its end, closed?) for the quote opened at ``i``; None: no quote."""
    j0 = i + len(mark)
    if any(c in profile.apostrophes for c in closers):
        k = _close_single(text, i, p0, p1, mark, closers, profile)
        return None if k is None else (k, k + 1, True)
    if mark in closers:  # symmetric ("): the next one
        k = text.find(mark, j0, p1)
        return (k, k + len(mark), True) if k >= 0 else (p1, p1, False)
    unbalanced = text.count(mark, i, p1) > sum(text.count(c, i, p1) for c in closers)
    depth, k = 0, j0
    while k < p1:
        if text.startswith(mark, k):
            if unbalanced:  # this one never closes: it ends where the next begins
                return k, k, False
            depth += 1
        else:
            c = next((c for c in closers if text.startswith(c, k)), None)
            if c is not None:
                if depth == 0:
                    return k, k + len(c), True
                depth -= 1
        k += 1
    return p1, p1, False


def _trim(text: str, a: int, b: int, marks: str) -> tuple[int, int]:
    while a < b and (text[a] in _EDGE or text[a] in marks):
        a += 1
    while b > a and (text[b - 1] in _EDGE or text[b - 1] in marks):
        b -= 1
    return a, b


def scan(text: str, spans: list[tuple[int, int]], profile: LanguageProfile) -> list[list[Piece]]:
    """Every quotation as its pieces (one per paragraph), in text order."""
    marks = "".join({c for o, cs in profile.quote_marks for c in o + "".join(cs)})
    opening = re.compile("[" + re.escape("".join(sorted({o[0] for o, _ in profile.quote_marks}))) + "]")
    pieces: list[Piece] = []
    for n, (p0, p1) in enumerate(spans):
        nxt = spans[n + 1][0] if n + 1 < len(spans) else None
        i = p0
        while i < p1:
            hit = opening.search(text, i, p1)  # the next place a mark could open: no test at every character
            if hit is None:
                break
            i = hit.start()
            found = next(((o, cs) for o, cs in profile.quote_marks if text.startswith(o, i)), None)
            if found is None or not _opens(text, i, p0, found[0], profile):
                i += 1
                continue
            mark, closers = found
            res = _close(text, i, p0, p1, mark, closers, profile)
            if res is None and nxt is not None and text.startswith(mark, nxt) and text.find(mark, i + 1, p1) < 0:
                res = (p1, p1, False)  # a single-mark quote running on into the next paragraph
            if res is None:
                i += len(mark)
                continue
            cs, ce, closed = res
            a, b = _trim(text, i + len(mark), cs, marks)
            straight_single = mark in profile.apostrophes
            if (
                b > a
                and any(c.isalnum() for c in text[a:b])
                and not (straight_single and len(text_words(text[a:b])) < 2)
            ):
                pieces.append(Piece(n, i, a, b, ce if closed else cs, closed, mark))
            i = ce if closed else max(cs, i + len(mark))
    groups: list[list[Piece]] = []
    for p in pieces:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and not last.closed
            and last.stop == spans[last.para][1]
            and p.para == last.para + 1
            and p.open == spans[p.para][0]
            and p.mark == last.mark
        ):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups
