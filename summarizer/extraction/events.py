"""Events of one article's record: the model's events grounded and dated (a date the article
gives, a live blog entry's day, never a year no source gives), the entries of a live blog and
the dated statements of the body that the model did not list."""

from __future__ import annotations

import datetime
import re

from ..inputs.articles import Article
from ..reading.dates import resolve
from ..reading.grounding import (
    Document,
    align_statement,
    find_mentions,
    normalize,
)
from ..reading.liveblog import Entry, clock_time, find_entries
from ..reading.temporal import Precision, resolve_when
from ..reading.text import content_id
from ..schemas import (
    Claim,
    Event,
    EventOut,
    Person,
    Span,
    Unsupported,
)
from .checks import Outside
from .people import dedupe, named_in


def _event_date(when: str | None, spans: list[Span], claims: list[Claim], published: str | None):
    """An event's date: its "when" as written, else the one date its evidence sentence names."""
    mentioned = [d for s in spans[:1] for c in claims if c.start < s.end and s.start < c.end for d in c.dates if d.date]
    if when:
        said = [d for d in mentioned if normalize(d.surface) in normalize(when) or normalize(when) in normalize(d.surface)]
        if said:  # the article's own sentence, where the tense is known ("would hold a vigil on Friday")
            return said[0].date, said[0].precision
        date, precision = resolve_when(when, published)
        if date is None:
            date, precision = resolve(when, published)
        if date is not None:
            return date, precision
    if len({d.date for d in mentioned}) == 1:
        return mentioned[0].date, mentioned[0].precision
    return None, "unknown"


def _dated_statements(
    claims: list[Claim], events: list[Event], people: list[Person], doc: Document, article_id: str, taken: set[str]
) -> list[Event]:
    """Statements that name a resolvable date and that no event covers become events (code's
    timeline entries): "Tallis told reporters on Friday that ..." in an article dated Sunday."""
    covered = [s for e in events for s in e.evidence[:1]]
    mentions = find_mentions(doc, [p.name for p in people])
    out: list[Event] = []
    for c in claims:
        dated = [d for d in c.dates if d.date and d.precision in ("day", "month")]
        if not dated or c.quoted or any(s.start < c.end and c.start < s.end for s in covered):
            continue
        # a date the clause is about ("on Tuesday") before one that only names a thing ("Sunday's fire")
        d = min(dated, key=lambda d: (doc.text[d.end : d.end + 2] in ("'s", "\u2019s"), d.start))
        names = [m.name for m in mentions if c.start <= m.start < c.end]
        out.append(
            Event(
                id=content_id("e", article_id, normalize(c.text), taken=taken),
                what=c.text,
                when=d.surface,
                date=d.date,
                date_precision=d.precision,
                who=dedupe(names),
                evidence=[Span(start=c.start, end=c.end, status="exact", score=100)],
                found_by="code",
            )
        )
    return out


def _year_given(date: str, article: Article) -> bool:
    """Does the article give this date's year -- written in its text, or the year of (or next
    to) its publication date, which relative dates resolve against? A model's "when" may
    carry a year the article never states ("February 2023" in an undated article, "0212 GMT")."""
    year = date[:4]
    if not year.isdigit() or not 1000 <= int(year) <= 2999:
        return False
    if re.search(rf"(?<!\d){year}(?!\d)", article.raw):
        return True
    published = article.published.iso
    if not published:
        return False
    return abs(int(published[:4]) - int(year)) <= 1


def same_place(span: Span, others: list[Span]) -> bool:
    """Does ``span`` cover mostly the same characters as the first of ``others``?"""
    if not others:
        return False
    o = others[0]
    shared = min(span.end, o.end) - max(span.start, o.start)
    return shared > 0.5 * min(span.end - span.start, o.end - o.start)


def _entry_date(entry: Entry, published: str | None) -> tuple[str | None, Precision]:
    if not published or len(published) != 10:
        return None, "unknown"
    day = datetime.date.fromisoformat(published) + datetime.timedelta(days=entry.day_offset)
    return day.isoformat(), "day"


def _entry_events(
    article: Article, entries: list[Entry], events: list[Event], mentions, taken: set[str]
) -> list[Event]:
    """A live blog's entries as dated events (code's timeline): what = the entry's first line
    or sentence, when = its time stamp as written, the day from the publication date. An
    event of the model's on that line takes the entry's time instead."""
    out: list[Event] = []
    for entry in entries:
        if entry.heading is None:
            continue
        a, b = entry.heading
        span = Span(start=a, end=b, status="exact", score=100)
        date, precision = _entry_date(entry, article.published.iso)
        same = next((e for e in events if e.evidence and same_place(e.evidence[0], [span])), None)
        if same is not None:  # the model gave this entry's event: it gets the entry's stamp
            same.time, same.when = entry.time, same.when or entry.stamp
            if same.date is None:
                same.date, same.date_precision = date, precision
            continue
        what = article.raw[a:b]
        out.append(
            Event(
                id=content_id("e", article.id, normalize(f"{entry.time} {what}"), taken=taken),
                what=what,
                when=entry.stamp,
                date=date,
                date_precision=precision,
                time=entry.time,
                who=named_in([span], mentions),
                evidence=[span],
                found_by="code",
            )
        )
    return out


def events_of(
    article: Article,
    asked: list[EventOut],
    doc: Document,
    claims: list[Claim],
    people: list[Person],
    outside: Outside | None,
    parts: int,
    taken: set[str],
) -> tuple[list[Event], list[Unsupported], list[list[Span]]]:
    """The model's events the article states (grounded, dated as the article dates them), then a
    live blog's entries and the dated statements no event covers; the events the article does
    not state (unsupported); and the evidence looked up for each."""
    mentions = find_mentions(doc, [p.name for p in people])
    entries = find_entries(article.raw)
    events: list[Event] = []
    unsupported: list[Unsupported] = []
    seen: list[list[Span]] = []
    for e in asked:
        if any(normalize(e.what) == normalize(other.what) for other in events):
            continue  # the model listed the same event twice
        why = (outside.why_not(e.what) or outside.why_not(e.where or "")) if outside else None
        if why:
            unsupported.append(Unsupported(kind="event", text=e.what.strip(), why=why))
            continue
        spans = align_statement(doc, e.what)
        if not spans:  # nothing in the article says so: not an event of the briefing
            unsupported.append(Unsupported(kind="event", text=e.what.strip()))
            seen.append(spans)
            continue
        if parts > 1 and any(same_place(spans[0], other.evidence) for other in events):
            continue  # the same sentence's event, given again (by another part of a long article)
        clock = clock_time(e.when)  # "8:45 a.m.": a time of day names no day
        date, precision = (None, "unknown") if clock else _event_date(e.when, spans, claims, article.published.iso)
        if date is not None and not _year_given(date, article):
            date, precision = None, "unknown"  # a year the article does not give: undated, its words kept in "when"
        entry = next((x for x in entries if x.start <= spans[0].start < x.end), None)
        if date is None and entry is not None:  # an undated event of a live blog's entry: the entry's day
            date, precision = _entry_date(entry, article.published.iso)
        elif date is None and clock and article.published.iso:
            date, precision = article.published.iso, "day"
        events.append(
            Event(
                id=content_id("e", article.id, normalize(e.what), taken=taken),
                what=e.what.strip(),
                when=e.when,
                date=date,
                date_precision=precision,
                time=clock,
                where=e.where,
                who=named_in(spans, mentions),
                evidence=spans,
            )
        )
        seen.append(spans)
    events += _entry_events(article, entries, events, mentions, taken)
    events += _dated_statements(claims, events, people, doc, article.id, taken)
    return events, unsupported, seen
