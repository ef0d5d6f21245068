"""Date expressions in news text, found with offsets and resolved against the article's date.

``find_dates(text, published)`` returns every date expression in ``text`` as a
``TimeExpression`` (``text[start:end] == surface``, in text order, never overlapping);
``resolve_when(when, published)`` resolves the one expression in a short phrase a model wrote.
Relative expressions resolve against ``published``, the *article's* ISO date; nothing here reads
the machine's clock. Without it they are still found, with ``date=None`` and precision
``unknown``; absolute dates that carry a year still resolve. One regular expression is built
from the ``LanguageProfile``'s word lists; each kind then has its own resolver.

Kinds and rules (``d`` is the article date):

* **absolute** -- "2025-08-21", "February 14, 2025", "14 February", "Feb. 14", "August 2025",
  "in May", "mid-March", "in 2024". Month names count only when Capitalised ("may", "march"
  are verbs); a month with no day and no year, and a year on its own, count only after a
  preposition ("in May", "since 2022") or "early"/"mid"/"late"; a bare four-digit number is
  not a year. A month-day without a year takes ``d``'s year, or the year before when that
  lands more than ``LOOKBACK_DAYS`` after ``d`` (news looks back); governed by a future marker
  it is the next occurrence on or after ``d``. "early/mid/late" do not narrow the precision.
* **weekday** -- "Monday", "on Monday", "Sunday's", "on Friday afternoon", "early on Sunday":
  the most recent such day on or before ``d`` (a weekday equal to ``d``'s own is ``d``: an
  article dated Thursday saying "on Thursday" means that day). "last X" is strictly before
  ``d``, "next X" strictly after, "this X" is X of ``d``'s own Monday-Sunday week. A weekday
  (or "this X") *governed by a future marker* is the next such day on or after ``d``: a marker
  (``profile.future_markers``, "will", "would", "due", ...) among the ``GOVERNING_WINDOW`` words
  before it, in the same sentence and clause, with no reported-speech verb in between.
  So in "Tallis said on Thursday that officials would meet on Friday" Thursday looks back and
  Friday forwards. A bare weekday right after a capitalised word that is not a stop word
  ("Good Friday", "Super Tuesday"; not "In Friday's vote") is a name, not a date.
* **relative_day** -- "today", "tonight", "yesterday", "tomorrow", "last night", with an
  optional part of the day ("yesterday morning"): ``d`` plus the profile's offset.
* **period** -- "this/last/next week|month|year|weekend", "earlier this week", "later this
  month", "earlier in the week", "past week". A period is a range of days: this week is
  ``d``'s Monday-Sunday week, last/next the one before/after, the same for month and year;
  "earlier" keeps the days before ``d``, "later" the days after it. It resolves to the *finest*
  ISO precision that holds the whole range: one day -> the day, one month -> "YYYY-MM", one year
  -> "YYYY", else unresolved. "earlier this week" in an article of Thursday 2025-08-21 is
  Mon 18 - Wed 20 -> "2025-08"; "last week" spanning two months -> the year.

``future`` says the expression points forward: a future marker governs it, or the phrase
itself looks ahead ("next", "later this", "tomorrow", "this Friday" after ``d``).

Limits: vague words ("recently", "soon", "earlier" alone, "in the coming weeks", "days after")
and times of day ("3 a.m.") are not dates and are not returned; neither are counts back ("two
days ago"), numeric day/month forms ("21/08/2025": the order is ambiguous), "last/next" with a
month ("last March"), or seasons. A future marker is only looked for *before* the expression
("On Friday, the town will..." reads as past). "past week" is the previous calendar week, as the
profile maps "past" to "last". "in May" also matches "trust in May" (the politician).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from ..language import ENGLISH, LanguageProfile

Precision = Literal["day", "month", "year", "unknown"]

#: a month-day without a year more than this many days after the article is last year's
LOOKBACK_DAYS = 183
#: how many words before an expression a future marker may stand and still govern it
GOVERNING_WINDOW = 14


@dataclass(frozen=True)
class TimeExpression:
    """One date expression: ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    kind: str  # "absolute" | "weekday" | "relative_day" | "period"
    date: str | None  # "YYYY-MM-DD" / "YYYY-MM" / "YYYY", None when it cannot be resolved
    precision: Precision
    future: bool  # points forward: a future marker governs it, or the phrase looks ahead


# ---------------------------------------------------------------------------------- the pattern


def _alt(words) -> str:
    """Case-insensitive alternation, longest first; multi-word entries match any white space."""
    parts = (r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))
    return "(?i:" + "|".join(parts) + ")"


def _month_alt(months: dict[str, int]) -> str:
    """Capitalised month names; abbreviations ("Feb") may carry a full stop."""
    parts = []
    for name in sorted(months, key=len, reverse=True):
        abbreviation = any(o != name and o.startswith(name) and months[o] == months[name] for o in months)
        parts.append(re.escape(name.capitalize()) + (r"\b\.?" if abbreviation else r"\b"))
    return "(?:" + "|".join(parts) + ")"


_TEMPLATE = r"""
  (?P<absolute>\b
    (?:(?P<a_prep>{dprep})\s+)?(?:(?P<a_part>{parts})(?:-|\s+))?
    (?: (?P<iso>\d{{4}}-\d\d-\d\d)(?![\d-])
      | (?P<m1>{month})\s+(?P<d1>[0-3]?\d){ord}(?![\d:.,]?\d)(?:,?\s+(?P<y1>{year}))?
      | (?P<d2>[0-3]?\d){ord}\s+(?:(?i:of)\s+)?(?P<m2>{month})(?:,?\s+(?P<y2>{year}))?
      | (?P<m3>{month})(?:,?\s+(?P<y3>{year}))?
      | (?P<y4>{year})
    ))
| (?P<weekday>\b
    (?:(?P<w_part>{parts})\s+)?(?:(?P<w_prep>{wprep})\s+)?(?:(?P<w_mod>{wmod})\s+)?
    (?P<wd>{weekday})\b(?:\s+{dayparts}\b)?)
| (?P<relative_day>\b(?P<rel>{rel})\b(?:\s+{dayparts}\b)?)
| (?P<period>\b(?P<p_mod>{pmod})\s+(?P<unit>{unit})\b)
"""
_YEAR = r"(?:19|20)\d\d(?![\d%]|[-–/,.]\d)"

_PATTERNS: dict[int, tuple[LanguageProfile, re.Pattern[str]]] = {}


def _pattern(profile: LanguageProfile) -> re.Pattern[str]:
    """The one expression for a profile (profiles hold dicts, so they are cached by identity)."""
    hit = _PATTERNS.get(id(profile))
    if hit is None or hit[0] is not profile:
        pattern = _TEMPLATE.format(
            dprep=_alt({*profile.date_prepositions, *profile.day_prepositions}),
            wprep=_alt(profile.day_prepositions),
            parts=_alt(profile.period_parts),
            month=_month_alt(profile.months),
            ord="(?:" + "|".join(map(re.escape, profile.ordinal_suffixes)) + ")?",
            year=_YEAR,
            wmod=_alt(k for k, v in profile.period_modifiers.items() if v in ("this", "last", "next")),
            weekday=_alt(profile.weekdays),
            dayparts=_alt(profile.day_parts),
            rel=_alt(profile.relative_days),
            pmod=_alt(profile.period_modifiers),
            unit=_alt(profile.periods),
        )
        hit = _PATTERNS[id(profile)] = (profile, re.compile(pattern, re.VERBOSE))
    return hit[1]


# ---------------------------------------------------------------------------------- context

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n")


def _governed(text: str, start: int, profile: LanguageProfile) -> bool:
    """A future marker among the few words before ``start``, in its sentence and clause,
    with no reported-speech verb or relative pronoun between it and the expression."""
    head = text[max(0, start - 300) : start + 1]  # the expression's first letter: is a sentence starting?
    cut = max((m.end() for m in _SENTENCE_END.finditer(head)), default=0)
    cut = max([cut] + [head.rfind(b) + len(b) for b in profile.clause_breaks if b in head])
    words = re.findall(r"[\w'’]+", head[cut:-1].lower().replace("’", "'"))[-GOVERNING_WINDOW:]
    for word in reversed(words):
        if word in profile.reported_speech_verbs or word in profile.relative_words:
            return False  # "..., which took place on Tuesday": the expression belongs to another clause
        if word in profile.future_markers or any(m[0] == "'" and word.endswith(m) for m in profile.future_markers):
            return True
    return False


def _is_name(text: str, start: int, profile: LanguageProfile) -> bool:
    """A bare weekday right after a capitalised word names something: "Good Friday" (not "In Friday's")."""
    m = re.search(r"\b([A-Z][a-z]+) $", text[max(0, start - 40) : start])
    return m is not None and m[1].lower() not in profile.stop_words


# ---------------------------------------------------------------------------------- resolvers

Resolved = tuple[str | None, Precision]
_UNKNOWN: Resolved = (None, "unknown")


def _base(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def _absolute(m: re.Match[str], base: date | None, future: bool, profile: LanguageProfile) -> Resolved | None:
    """The resolution, or None when the match is not a date after all (a bare "May", "2024")."""
    if m["iso"]:
        try:
            return date.fromisoformat(m["iso"]).isoformat(), "day"
        except ValueError:
            return _UNKNOWN
    lead = m["a_prep"] or m["a_part"]
    if m["y4"]:
        return (m["y4"], "year") if lead else None
    name, day, year = m["m1"] or m["m2"] or m["m3"], m["d1"] or m["d2"], m["y1"] or m["y2"] or m["y3"]
    if not (day or year or lead):
        return None
    month = profile.months[name.rstrip(".").lower()]
    if day and not 1 <= int(day) <= 31:
        return None
    if year is None:
        if base is None:
            return _UNKNOWN
        wanted = (month, int(day) if day else 1)
        if future:  # the next occurrence on or after the article date
            year = base.year + (wanted < (base.month, base.day if day else 1))
        else:  # this year's, unless that lies too far ahead
            ahead = (date(base.year, month, min(wanted[1], 28)) - base).days
            year = base.year - (ahead > LOOKBACK_DAYS)
    if not day:
        return f"{int(year):04d}-{month:02d}", "month"
    try:
        return date(int(year), month, int(day)).isoformat(), "day"
    except ValueError:  # February 30
        return _UNKNOWN


def _weekday(target: int, modifier: str | None, future: bool, base: date) -> date:
    back = (base.weekday() - target) % 7  # days back to the most recent one, on or before base
    if modifier == "last":
        return base - timedelta(days=back or 7)
    if modifier == "next":
        return base + timedelta(days=(target - base.weekday()) % 7 or 7)
    if future:  # governed by a future marker: on or after base
        return base + timedelta(days=(target - base.weekday()) % 7)
    if modifier == "this":
        return base + timedelta(days=target - base.weekday())
    return base - timedelta(days=back)


def _shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _period(unit: str, modifier: str, base: date) -> Resolved:
    """The range of days the phrase covers, at the finest precision that holds all of it."""
    shift = {"last": -1, "next": 1}.get(modifier, 0)
    if unit in ("week", "weekend"):
        first = base - timedelta(days=base.weekday()) + timedelta(weeks=shift, days=5 if unit == "weekend" else 0)
        last = first + timedelta(days=1 if unit == "weekend" else 6)
    elif unit == "month":
        first = _shift_months(base, shift)
        last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    else:  # year
        first, last = date(base.year + shift, 1, 1), date(base.year + shift, 12, 31)
    if modifier == "earlier":
        last = min(last, base - timedelta(days=1))
    elif modifier == "later":
        first = max(first, base + timedelta(days=1))
    if first > last:  # "earlier this week" on a Monday
        return _UNKNOWN
    if first == last:
        return first.isoformat(), "day"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.year:04d}-{first.month:02d}", "month"
    if first.year == last.year:
        return f"{first.year:04d}", "year"
    return _UNKNOWN


def _expression(m: re.Match[str], text: str, base: date | None, profile: LanguageProfile) -> TimeExpression | None:
    kind = m.lastgroup  # the kind's group encloses all the others, so it closes last
    assert kind is not None
    start, end = m.start(), m.end()
    resolved: Resolved = _UNKNOWN
    if kind == "absolute":
        future = _governed(text, start, profile)
        absolute = _absolute(m, base, future, profile)
        if absolute is None:
            return None
        resolved = absolute
    elif kind == "weekday":
        lead = m["w_part"] or m["w_prep"] or m["w_mod"]
        if not lead and _is_name(text, start, profile):
            return None
        modifier = profile.period_modifiers[" ".join(m["w_mod"].lower().split())] if m["w_mod"] else None
        governed = modifier in (None, "this") and _governed(text, start, profile)
        future = modifier == "next" or governed
        if base is not None:
            day = _weekday(profile.weekdays[m["wd"].lower()], modifier, governed, base)
            resolved, future = (day.isoformat(), "day"), future or day > base
    elif kind == "relative_day":
        offset = profile.relative_days[" ".join(m["rel"].lower().split())]
        future = offset > 0
        if base is not None:
            resolved = (base + timedelta(days=offset)).isoformat(), "day"
    else:  # period
        modifier = profile.period_modifiers[" ".join(m["p_mod"].lower().split())]
        future = modifier in ("next", "later")
        if base is not None:
            resolved = _period(profile.periods[m["unit"].lower()], modifier, base)
    return TimeExpression(start, end, text[start:end], kind, resolved[0], resolved[1], future)


# ---------------------------------------------------------------------------------- API


def find_dates(text: str, published: str | None, profile: LanguageProfile = ENGLISH) -> list[TimeExpression]:
    """Every date expression in ``text``, in order, resolved against ``published`` (ISO date or None)."""
    base, pattern, found, pos = _base(published), _pattern(profile), [], 0
    while (m := pattern.search(text, pos)) is not None:
        expression = _expression(m, text, base, profile)
        if expression is None:  # not a date after all: look again from the next character
            pos = m.start() + 1
            continue
        found.append(expression)
        pos = m.end()
    return found


def resolve_when(when: str, published: str | None, profile: LanguageProfile = ENGLISH) -> tuple[str | None, Precision]:
    """A short "when" phrase ("on Monday", "earlier this month") -> (ISO date, precision).

    (None, "unknown") when it holds no date expression, expressions that disagree, or a word
    that moves the date away from the expression ("days after Monday", "before June 25").
    """
    when = when or ""
    expressions = find_dates(when, published, profile)
    edges = [0] + [i for e in expressions for i in (e.start, e.end)] + [len(when)]
    rest = " ".join(when[a:b] for a, b in zip(edges[::2], edges[1::2], strict=True)).lower()
    if profile.date_shifters.intersection(re.findall(r"\w+", rest)):
        return _UNKNOWN
    values = {(e.date, e.precision) for e in expressions if e.date is not None}
    return values.pop() if len(values) == 1 else _UNKNOWN
