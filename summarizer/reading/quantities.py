"""Quantities as written ("about 350 people", "$3.6 billion", "a 30-day ceasefire") with offsets.

Two articles' figures can only be compared once they are normalised: "four" = 4, "1,375" =
1375, "$3.6 billion" = 3.6e9 USD, "no arrests" = 0 arrests. ``find_quantities`` returns every
quantity a text states, in text order and never overlapping, with ``text[q.start:q.end] ==
q.surface``; ``same_value`` says whether two of them state the same figure. Pure regular
expressions over the text, no dependencies; every word list comes from the
``LanguageProfile``.

What is read, and how:

* **Digits**: "1,375" (a comma followed by exactly three digits groups thousands), "4.25".
  A comma followed by anything else is not part of a number, and a digit group glued to
  another one by ``, . : / -`` ("3,6", "10:42", "2025-08-21", "2-1", "24/7") is a date, a
  time, a score, a range or a decimal comma we cannot read safely: the whole token is
  skipped. Signs are not read ("-5" is 5).
* **Number words** (``number_words``, any case): "four", "Seven", "twenty-five", "twenty five",
  "two hundred and fifty", "three thousand", "a dozen", "two dozen" (a number word the
  profile also lists with an indefinite article, "a dozen", multiplies the number before
  it), "two and a half". "a"/"an" before a scale word is one: "a million".
* **Scale** (``scale_words``): "3.6 billion", "3.6bn", "1.5 million". A one-letter
  abbreviation glued to the digits ("200m", "5k") is read only with a currency ("€200m"):
  without one "200m" is as likely metres, and the token is skipped.
* **Units**: a currency symbol or upper-case code before the number ("$", "US$", "€", "£",
  "EUR 5") or a currency word after it ("5 million dollars") gives the ISO code; a percent
  word ("%", "percent", "per cent") gives ``percent``; "percentage point(s)" and "basis
  points" give ``percentage_point`` (25 basis points = 0.25); a time unit ("two hours", "a
  two-hour conversation", "the 30-day ceasefire", "41-year-old") gives the unit's canonical
  name. Everything else is a ``count``.
* **Fractions** (``fraction_words``): a fraction *of a unit* is that much of the unit ("a
  quarter of a percentage point" = 0.25 percentage_point, "half an hour" = 0.5 hour, "half a
  million" = 500,000). A fraction *of something* ("half of the 40 workers", "two-thirds of
  voters", "half the staff") is a share and is reported as a percentage (50 percent, noun
  "workers"); the 40 is a count of its own. A fraction alone ("in the second half", "a third
  round") is not a quantity.
* **Zero** (``zero_words``): a zero word that the profile also lists as a function word or a
  number ("no", "zero") is a determiner and quantifies the noun after it as 0 — but only when
  that noun *looks plural* (ends in -s but not -ss/-us/-is, or is an irregular plural such as
  "people"), directly or after one modifier ("no arrests", "No Russian officials"). That one
  rule keeps out "no longer", "no more", "no doubt", "no one", "no matter", "no progress",
  "No. 10" and "No, ..." without a list of idioms; a modifier must not be a function word, a
  number word or a comparative in -er ("no longer needs"). The other zero words ("none",
  "nobody", "nothing") are pronouns and count only through "of": "none of the passengers" = 0
  passengers. The surface of a zero quantity is the zero word alone ("no"), as the surface of
  every quantity stops before its noun.
* **Hedges** (``approximators``) directly in front ("more than 60", "about 350", "at least
  12") set ``approximate`` and ``qualifier``; the hedge is not part of the surface.
* **The noun** is what the number counts, lower case as written: the head of the noun phrase
  after the number and its units, looking past "of", one determiner or possessive and a number
  ("23 of the 32 NATO nations" -> "nations" for both; "more than 60 of them" -> None). The
  phrase is up to three content words; a function word, punctuation, a verb in -ed or a common
  irregular past ("killed", "held"), or a capitalised word after a lower-case one ends it. Its
  head: for a count other than one, the first plural-looking word ("two main issues" ->
  "issues"); otherwise a plural-looking word that only modifiers (capitalised, possessive or
  adjective-looking words: -al, -ive, ...) precede ("70% of Ostravians believe" -> "ostravians"), else the last word, as English compounds end in their head ("a
  $3.6 billion rescue loan" -> "loan", "2 percent of the nation's GDP" -> "gdp"); a plural-looking
  word after a noun is its verb ("one soldier remains"). A spelled-out time span ("two hours")
  is its own noun phrase: its noun comes only through "of" ("two hours of talks" -> "talks"),
  while a hyphenated one is a modifier ("a two-hour conversation" -> "conversation").

Not quantities, skipped: ordinals ("61st"), years (a bare four-digit number 1000-2100 with no
unit, currency, scale or hedge: "in 2024", "the 2024 election"), day numbers next to a month
name ("June 25", "14 February"; a month that is also a function word, "may", counts only
capitalised), times of day ("3 a.m.", "10:42", "5:55 P.M.", "3pm"), tokens mixing letters and
digits ("COVID-19", "G7", "F-16", "Su-25", "5G", "1990s"), numbers after a number sign ("No.
10", "#1") or after a capitalised word that names them mid-sentence ("Article 5", "Boeing 737"),
hyphenated compounds that are not a time unit ("a two-state solution", "one-sided", "a 10-point
plan"), and "one" used as a pronoun (no noun, no unit, no "of": "the only one who").

Limits: the noun is a guess from word shapes, not a parse — a verb the shapes miss is taken for
the noun ("two quit" -> "quit"). A singular noun before a plural-looking word after "no" reads
as a modifier: "no doubt remains" is 0 remains, "by no means" 0 means. "no more than 5" keeps
the hedge "more than" (approximate, but the direction is lost). "pounds" is always money, "one
day" always a duration. Vague amounts ("dozens", "hundreds of", "several") are not quantities.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Protocol

from ..language import ENGLISH, LanguageProfile
from ..schemas import Figure
from .numbers import DASHES, GLUE, HYPHENS, Grammar, clean, grammar, norm

Unit = str  # "count" | "percent" | "percentage_point" | ISO 4217 code | canonical time unit


@dataclass(frozen=True)
class Quantity:
    """One quantity as the text states it. ``text[start:end] == surface``."""

    start: int
    end: int
    surface: str
    #: the normalised value ("$3.6 billion" -> 3.6e9; a share "half of" -> 50 percent)
    value: float
    #: "count" | "percent" | "percentage_point" | an ISO currency code | a time unit ("hour")
    unit: Unit
    #: hedged: "about 350", "more than 60", "at least 12"
    approximate: bool
    #: the hedge as written, lower case ("more than"), else None
    qualifier: str | None
    #: what it counts, lower case as written ("nations"), None when no noun follows
    noun: str | None

    def figure(self, offset: int = 0, **read: Any) -> Figure:
        """The figure as records and the merge hold it: offsets moved by ``offset`` (where the
        text read starts in the article), plus what the parse ``read`` of it (``FigureFrame``)."""
        return Figure(
            surface=self.surface, value=self.value, unit=self.unit, noun=self.noun, approximate=self.approximate,
            start=offset + self.start, end=offset + self.end, **read,
        )  # fmt: skip




# ------------------------------------------------------------------------------ the reader
class _Reader:
    """Reads the quantity that starts at one match of the master pattern.

    Every reading method returns ``(quantity or None, where to go on reading)``.
    """

    def __init__(self, g: Grammar, text: str) -> None:
        self.g = g
        self.text = text

    def _token_end(self, pos: int) -> int:
        """The end of the whitespace-free token at ``pos``: a skipped token is skipped whole."""
        while pos < len(self.text) and not self.text[pos].isspace():
            pos += 1
        return pos

    def _make(self, start: int, end: int, value: float, unit: Unit, noun: str | None) -> Quantity:
        qualifier = self.g.hedge(self.text, start)
        return Quantity(
            start=start, end=end, surface=self.text[start:end], value=clean(value), unit=unit,
            approximate=qualifier is not None, qualifier=qualifier, noun=noun,
        )  # fmt: skip

    def read(self, m: re.Match[str]) -> tuple[Quantity | None, int]:
        if m.group("digits"):
            return self._digits(m)
        if frac := m.group("frac"):
            bare = norm(frac).split()[0] not in self.g.articles
            return self._fraction(m.start(), m.end(), self.g.fractions[norm(frac)], bare=bare)
        if m.group("zero"):
            return self._zero(m.start(), m.end())
        return self._words(m)

    # ------------------------------------------------------------------ after the number
    def _units(self, pos: int, value: float, currency: str | None) -> tuple[int, float, Unit, bool] | None:
        """(end, value, unit, spelled-out time span) for what follows the number ending at ``pos``;
        None when it is a hyphenated compound ("two-state", "10-point") and so no quantity."""
        g, text = self.g, self.text
        if m := g.hyphen_unit.match(text, pos):  # "30-day", "41-year-old"
            return m.end(), value, g.time_units[norm(m.group("time"))], False
        if currency is None and "%" in g.percent and (m := g.percent_sign.match(text, pos)):
            return m.end(), value, "percent", False
        if m := g.unit_word.match(text, pos):
            if m.group("pp"):
                return m.end(), value * g.pp[norm(m.group("pp"))], "percentage_point", False
            if currency is None and m.group("pct"):
                return m.end(), value, "percent", False
            if currency is None and m.group("cur"):
                return m.end(), value, g.currencies[norm(m.group("cur"))], False
            if currency is None and m.group("time"):
                end = m.end()
                if age := g.age.match(text, end):  # "41 years old"
                    end = age.end()
                return end, value, g.time_units[norm(m.group("time"))], True
        if text[pos : pos + 1] in tuple(HYPHENS) and g.hyphen_word.match(text, pos):
            return None
        return pos, value, currency or "count", False

    def _finish(self, start: int, pos: int, value: float, currency: str | None) -> tuple[Quantity | None, bool, int]:
        """The quantity from ``start`` whose number ends at ``pos``: its units, then its noun.
        (quantity or None, whether the noun came through "of", where to go on reading)."""
        units = self._units(pos, value, currency)
        if units is None:
            hyphen = self.g.hyphen_word.match(self.text, pos)  # _units returns None only after it matched
            assert hyphen is not None
            return None, False, hyphen.end()
        end, value, unit, spelled_span = units
        noun, via_of = self.g.noun(self.text, end, plural=unit == "count" and value != 1, of_only=spelled_span)
        return self._make(start, end, value, unit, noun), via_of, end

    # ------------------------------------------------------------------ digits
    def _digits(self, m: re.Match[str]) -> tuple[Quantity | None, int]:
        g, text = self.g, self.text
        s, e = m.span("digits")
        skip = (None, self._token_end(s))
        raw = m.group("digits")
        # --- glued to the left: a currency, or letters ("G7"), or a number sign ("No. 10")
        start, currency = s, None
        if (c := g.currency_before.search(text, max(0, s - 6), s)) and (c.group("sym") or c.group("code").isupper()):
            start, currency = c.start(), g.currencies[norm(c.group("sym") or c.group("code"))]
        if currency is None and s and unicodedata.category(text[s - 1]) == "Sc":
            return skip  # "C$5", "HK$5": a currency the profile does not know
        before = text[start - 1] if start else " "
        if before.isalnum() or before in "_.'’" or (before in DASHES and start > 1 and text[start - 2].isalnum()):
            return skip  # "G7", "COVID-19", "’24", ".5"
        if g.sign_before.search(text, max(0, start - 6), start):
            return skip  # "No. 10", "#1"
        # --- glued to the right: another digit group, an ordinal suffix, a scale abbreviation
        if e < len(text) - 1 and text[e] in GLUE and text[e + 1].isdigit():
            return skip  # "2025-08-21", "10:42", "3,6", "24/7", "2-1"
        value, pos, scaled = float(raw.replace(",", "")), e, False
        if e < len(text) and text[e].isalpha():
            glued = g.glued_letters.match(text, e)
            assert glued is not None
            letters = glued.group().lower()
            pos = e + len(letters)
            if letters in g.ordinals or letters in g.time_of_day:
                return skip  # "61st", "3pm"
            if letters in g.scales and (len(letters) > 1 or currency):
                value, scaled = value * g.scales[letters], True  # "3.6bn", "€200m"
            elif letters in g.percent:  # "5pct"
                return self._make(start, pos, value, "percent", g.noun(text, pos)[0]), pos
            else:
                return skip  # "5G", "1990s", "10km", "4x4"
            if pos < len(text) and (text[pos].isalnum() or text[pos] in GLUE and text[pos + 1 : pos + 2].isdigit()):
                return skip
        if g.time_after.match(text, pos):
            return skip  # "3 a.m.", "10.30 pm", "5 GMT"
        if not scaled and (sc := g.spaced_scale.match(text, pos)):
            value, pos, scaled = value * g.scales[norm(sc.group("s"))], sc.end(), True
        q, _, end = self._finish(start, pos, value, currency)
        if q is None:
            return None, end
        plain = q.unit == "count" and not scaled and currency is None
        if plain and q.qualifier is None and re.fullmatch(r"\d{4}", raw) and 1000 <= value <= 2100:
            return skip  # a year: "in 2024", "the 2024 election"
        if plain and re.fullmatch(r"\d{1,2}", raw) and 1 <= value <= 31 and self._next_to_month(start, e):
            return skip  # "June 25", "14 February"
        if plain and self._label_before(start):
            return skip  # "Article 5", "Boeing 737"
        return q, end

    def _next_to_month(self, start: int, end: int) -> bool:
        g, text = self.g, self.text
        if (m := g.month_before.search(text, max(0, start - 16), start)) and g.month(m.group("m")):
            return True
        return bool((m := g.month_after.match(text, end)) and g.month(m.group("m")))

    def _label_before(self, start: int) -> bool:
        """A capitalised content word right before the number, not at a sentence start, names it."""
        g, text = self.g, self.text
        m = g.word_before.search(text, max(0, start - 60), start)
        if not m:
            return False
        word = m.group("w")
        if not word[0].isupper() or not g.content(word) or norm(word) in g.weekdays or g.hedge(text, start):
            return False
        i = m.start("w") - 1
        while i >= 0 and text[i] in " \t\"'“‘(":
            i -= 1
        return i >= 0 and text[i] not in ".!?:\n"

    # ------------------------------------------------------------------ number words
    def _spelled(self, m: re.Match[str]) -> tuple[float, int]:
        """The value of the spelled-out number at ``m`` ("twenty-five", "two hundred and fifty",
        "three thousand", "a million", "two dozen") and where it ends."""
        g, text = self.g, self.text
        first = norm(m.group("words"))
        total, pos = 0.0, m.end()
        if first in g.numbers:
            current = g.numbers[first]
            kind = "tens" if 20 <= current < 100 and current % 10 == 0 else "small"
            big = math.inf
        else:  # "a million", "a hundred"
            scale = g.full_scales[first.split()[-1]]
            total, current, kind, big = (
                (scale, 0.0, "big", scale) if scale >= 1000 else (0.0, scale, "hundred", math.inf)
            )
        while n := g.next_number_word.match(text, pos):
            w, conj, hyphen = norm(n.group("w")), n.group("conj"), not n.group("sep").isspace()
            if w in g.full_scales and not conj:
                scale = g.full_scales[w]
                if current == 0 or hyphen and scale >= 1000:
                    break
                if scale < 1000:
                    if kind == "hundred" or current >= 100:
                        break
                    current, kind = current * scale, "hundred"
                elif scale >= big:
                    break
                else:
                    total, current, kind, big = total + current * scale, 0.0, "big", scale
            elif w in g.multipliers and not conj and kind in ("small", "tens"):
                current, kind = current * g.multipliers[w], "done"  # "two dozen"
            elif w in g.numbers and w not in g.zero:
                v = g.numbers[w]
                if kind == "tens" and 1 <= v <= 9 and not conj and current % 10 == 0:
                    current, kind = current + v, "small"
                elif kind in ("hundred", "big") and 0 < v < 100:
                    current, kind = current + v, ("tens" if v >= 20 and v % 10 == 0 else "small")
                else:
                    break
            else:
                break
            pos = n.end()
        return total + current, pos

    def _words(self, m: re.Match[str]) -> tuple[Quantity | None, int]:
        g, text = self.g, self.text
        start, word = m.start(), norm(m.group("words"))
        value, pos = self._spelled(m)
        if value <= 10 and (f := g.numerator_fraction.match(text, pos)):  # "two-thirds", "one half"
            name = norm(f.group("f"))
            return self._fraction(start, f.end(), value * g.fractions.get(name, g.fractions.get(name[:-1], 0)))
        if a := g.and_fraction.match(text, pos):  # "two and a half", "one and a half million"
            value, pos = value + g.fractions[norm(a.group("f"))], a.end()
            if (sc := g.spaced_scale.match(text, pos)) and norm(sc.group("s")) in g.full_scales:
                value, pos = value * g.full_scales[norm(sc.group("s"))], sc.end()
        q, via_of, end = self._finish(start, pos, value, None)
        if q is None:
            return None, end
        if word in g.zero and q.unit == "count":
            return self._zero(start, m.end())  # "zero tolerance", "zero casualties"
        if q.value == 1 and q.unit == "count" and q.noun is None and not via_of:
            return None, m.end()  # "the only one who", "no one"
        return q, end

    # ------------------------------------------------------------------ fractions, zero
    def _fraction(self, start: int, end: int, frac: float, *, bare: bool = False) -> tuple[Quantity | None, int]:
        """A fraction of a unit ("a quarter of a percentage point"), or a share ("half of")."""
        g, text = self.g, self.text
        if bare and (w := g.word_before.search(text, max(0, start - 60), start)):
            # "the half", "the first half", "the third quarter": a part named, not a share
            prev, prev2 = w.group("w").lower(), (w.group("w1") or "").lower()
            if prev in g.determiners or (g.content(prev) and prev2 in g.determiners):
                return None, end
        if m := g.hyphen_unit.match(text, end):  # "a half-hour meeting"
            unit = g.time_units[norm(m.group("time"))]
            return self._make(start, m.end(), frac, unit, g.noun(text, m.end())[0]), m.end()
        if m := g.indefinite.match(text, end):  # "a quarter of a percentage point", "half a million"
            if m.group("pp"):
                return self._make(start, m.end(), frac * g.pp[norm(m.group("pp"))], "percentage_point", None), m.end()
            if m.group("pct"):
                return self._make(start, m.end(), frac, "percent", None), m.end()
            if m.group("time"):
                return self._make(start, m.end(), frac, g.time_units[norm(m.group("time"))], None), m.end()
            q, _, after = self._finish(start, m.end(), frac * g.full_scales[norm(m.group("scale"))], None)
            return q, after
        if g.partitive.match(text, end) or g.determiner.match(text, end):  # "half of the 40 workers"
            return self._make(start, end, frac * 100, "percent", g.noun(text, end, determiner=True)[0]), end
        return None, end

    def _zero(self, start: int, end: int) -> tuple[Quantity | None, int]:
        """ "no arrests", "No Russian officials", "none of the passengers" (see the module doc)."""
        g, text = self.g, self.text
        word = norm(text[start:end])
        if g.partitive.match(text, end):
            return self._make(start, end, 0.0, "count", g.noun(text, end, plural=True)[0]), end
        if word not in g.stop and word not in g.numbers:
            return None, end  # "nobody", "nothing": pronouns
        first = g.run_word.match(text, end)
        if not first or not g.content(first.group("w")):
            return None, end
        noun = first.group("w")
        if not g.plural(noun):
            glued = first.end() < len(text) and not text[first.end()].isspace()
            second = None if glued else g.run_word.match(text, first.end())
            if (
                second is None or not g.content(second.group("w")) or not g.plural(second.group("w"))
                or noun.lower().endswith(g.comparative_endings)
            ):  # fmt: skip
                return None, end
            noun = second.group("w")
        return self._make(start, end, 0.0, "count", noun.lower()), end


# ------------------------------------------------------------------------------ public
def find_quantities(text: str, profile: LanguageProfile = ENGLISH) -> list[Quantity]:
    """Every quantity the text states, in text order, non-overlapping (see the module doc)."""
    g = grammar(profile)
    reader = _Reader(g, text)
    found: list[Quantity] = []
    pos = 0
    while m := g.master.search(text, pos):
        quantity, resume = reader.read(m)
        if quantity is not None:
            found.append(quantity)
        pos = max(resume, m.start() + 1)
    return found


class Valued(Protocol):
    """Anything with a normalised value and its unit: a ``Quantity`` or a schema ``Figure``."""

    @property
    def value(self) -> float: ...

    @property
    def unit(self) -> str: ...


def same_value(a: Valued, b: Valued, *, tolerance: float = 1e-9) -> bool:
    """Same unit and the same value within ``tolerance`` (relative to the larger value, and
    at least ``tolerance`` itself near zero: 0.05 = 5%). The one comparison of values: the
    merge compares figures with it.

    Hedges do not matter ("about 350" = "roughly 350" = "350"), nor does the noun: compare
    nouns separately when the count's subject matters.
    """
    if a.unit != b.unit:
        return False
    return abs(a.value - b.value) <= tolerance * max(1.0, abs(a.value), abs(b.value))
