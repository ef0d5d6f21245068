"""Resolving dates as written ("on Monday", "February 14", "2025-08-21") to ISO dates.

Relative expressions resolve against the *article's* own date and stay unresolved
(precision ``unknown``) when the article has none. Nothing is dated by the machine's clock:
dateparser always gets an explicit ``RELATIVE_BASE``. An expression is treated as relative
when two different bases give two different answers.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime
from functools import lru_cache
from typing import Literal

from ..language import ENGLISH, LanguageProfile

Precision = Literal["day", "month", "year", "unknown"]

_PROBE_BASES = (datetime(2001, 3, 14), datetime(2011, 9, 27))


@lru_cache(maxsize=4096)
def _parse(text: str, base: datetime, language: str) -> tuple[datetime, str] | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from dateparser.date import DateDataParser

        parser = DateDataParser(
            languages=[language],
            settings={
                "RELATIVE_BASE": base,
                "PREFER_DATES_FROM": "past",
                "DATE_ORDER": "DMY",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
        data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj, data.period or "day"


def _key(date: datetime, period: str) -> tuple[int, ...]:
    """The part of a parsed date its precision vouches for."""
    if period == "year":
        return (date.year,)
    if period == "month":
        return (date.year, date.month)
    return (date.year, date.month, date.day)


def _strip(text: str, profile: LanguageProfile) -> str:
    """The "when" without its first word when that is one of the profile's ``date_lead_words``."""
    lead = "|".join(map(re.escape, profile.date_lead_words))
    text = re.sub(rf"^\s*({lead})\s+", "", text.strip(), flags=re.I)
    return text.strip(" .,")


def resolve(when: str | None, base_iso: str | None, profile: LanguageProfile = ENGLISH) -> tuple[str | None, Precision]:
    """('on Monday', '2025-08-21') -> ('2025-08-18', 'day'); unresolvable -> (None, 'unknown')."""
    if not when or re.search(rf"\b({'|'.join(profile.vague_when)})\b", when, re.IGNORECASE):
        return None, "unknown"
    text = when.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        return text, "day"
    candidates = [text, _strip(text, profile)]
    for cand in candidates:
        if not cand:
            continue
        first, second = [_parse(cand, b, profile.code) for b in _PROBE_BASES]
        if first is None or second is None:
            continue
        relative = _key(*first) != _key(*second)
        if relative:
            if base_iso is None:
                return None, "unknown"
            parsed = _parse(cand, datetime.fromisoformat(base_iso), profile.code)
            if parsed is None:
                continue
        else:
            parsed = first
        date, period = parsed
        if period == "year":
            return f"{date.year:04d}", "year"
        if period == "month":
            return f"{date.year:04d}-{date.month:02d}", "month"
        if period in ("day", "time"):
            return date.date().isoformat(), "day"
        return None, "unknown"  # "week" and friends: too vague to place on a timeline
    return None, "unknown"
