"""The grammar of numbers in one language: number words, scales, fractions, currencies, time
units, hedges and percentage words from the profile, compiled once into the patterns
``quantities`` reads figures with (``grammar(profile)``)."""

from __future__ import annotations

import re

from ..language import LanguageProfile
from .text import looks_past, looks_plural

# ------------------------------------------------------------------------------ patterns
_L = r"[^\W\d_]"  # a letter
_NB = r"(?![^\W_])"  # no letter or digit follows
_NA = r"(?<![^\W_])"  # no letter or digit precedes
_WORD = rf"{_L}+(?:['’]{_L}+)*"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d])|\d+(?:\.\d+)?"
HYPHENS = "-‐‑"  # inside a compound: "30-day", "twenty-five"
DASHES = HYPHENS + "–—"  # also between two numbers: "10–15"
GLUE = ",.:/" + DASHES  # a digit group glued to another by one of these is not one number


def alternation(words) -> str:
    """A longest-first alternation; spaces inside a phrase match any run of whitespace."""
    phrases = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in p.split()) for p in phrases) or "(?!)"


def norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def clean(value: float) -> float:
    """3.6 * 1e9 -> 3.6e9 exactly: twelve significant digits are all a text ever states."""
    return float(f"{value:.12g}")


class Grammar:
    """The profile's word lists compiled into the patterns the reader needs (built once)."""

    def __init__(self, p: LanguageProfile) -> None:
        self.p = p
        self._read_lists(p)
        self._compile(p)

    def _read_lists(self, p: LanguageProfile) -> None:
        """The profile's word lists, normalised."""
        self.stop = frozenset(w.lower() for w in p.stop_words)
        self.numbers = {norm(k): float(v) for k, v in p.number_words.items()}
        self.articles = articles = frozenset(w.lower() for w in p.indefinite_articles)
        # "a dozen" in the list makes "dozen" a counted noun: "two dozen" = 24
        self.multipliers = {
            k.split()[1]: v for k, v in self.numbers.items() if len(k.split()) == 2 and k.split()[0] in articles
        }
        self.scales = {norm(k): float(v) for k, v in p.scale_words.items()}
        # "hundred", "million" stand alone; "bn", "m" are abbreviations that follow digits
        self.full_scales = {k: v for k, v in self.scales.items() if len(k) > 3}
        self.fractions = {norm(k): float(v) for k, v in p.fraction_words.items()}
        self.zero = frozenset(w.lower() for w in p.zero_words)
        self.currencies = {norm(k): v for k, v in p.currencies.items()}
        self.pp = {norm(k): float(v) for k, v in p.percentage_point_words.items()}
        self.percent = tuple(w for w in (norm(x) for x in p.percent_words) if w not in self.pp)
        self.time_units = {norm(k): v for k, v in p.time_units.items()}
        self.months = {norm(k) for k in p.months}
        self.weekdays = {norm(k) for k in p.weekdays}
        self.determiners = frozenset(w.lower() for w in p.determiners) - articles
        self.look_past = self.determiners | frozenset(w.lower() for w in p.possessives) | articles  # after "of"
        self.approximators = tuple(norm(a) for a in p.approximators)
        self.time_of_day = tuple(norm(t) for t in p.time_of_day)
        self.ordinals = tuple(s.lower() for s in p.ordinal_suffixes)
        self.adjective_endings = tuple(e.lower() for e in p.adjective_endings)
        self.comparative_endings = tuple(e.lower() for e in p.comparative_endings)

    def _compile(self, p: LanguageProfile) -> None:
        """The patterns the reader matches, from those lists."""
        articles = self.articles
        art = alternation(articles)
        word_numbers = alternation(self.numbers)
        self.master = re.compile(
            rf"(?<!\d)(?P<digits>{_DIGITS})"
            rf"|{_NA}(?<![^\W_][{HYPHENS}])(?:"
            rf"(?P<frac>{alternation(self.fractions)})"
            rf"|(?P<words>{word_numbers}|(?:{art})\s+(?:{alternation(self.full_scales)}))"
            rf"|(?P<zero>{alternation(self.zero)})"
            rf"){_NB}",
            re.IGNORECASE,
        )
        conj = alternation(p.number_conjunctions)
        # the next word of a spelled-out number: "-five", " hundred", " and fifty"
        self.next_number_word = re.compile(
            rf"(?P<sep>\s+|[{HYPHENS}])(?:(?P<conj>{conj})\s+)?(?P<w>{alternation({**self.numbers, **self.full_scales})}){_NB}",
            re.IGNORECASE,
        )
        article_fractions = [k for k in self.fractions if k.split()[0] in articles]
        self.and_fraction = re.compile(rf"\s+(?:{conj})\s+(?P<f>{alternation(article_fractions)}){_NB}", re.IGNORECASE)
        fraction_plurals = {k + "s" for k in self.fractions if " " not in k}
        self.numerator_fraction = re.compile(
            rf"(?:\s+|[{HYPHENS}])(?P<f>{alternation(set(self.fractions) | fraction_plurals)}){_NB}", re.IGNORECASE
        )
        self.spaced_scale = re.compile(
            rf"(?:\s+|[{HYPHENS}])(?P<s>{alternation(k for k in self.scales if len(k) > 1)}){_NB}", re.IGNORECASE
        )
        self.glued_letters = re.compile(rf"{_L}+")
        self.percent_sign = re.compile(r"[^\S\n]?%")
        self.unit_word = re.compile(
            rf"\s+(?:(?P<pp>{alternation(self.pp)})|(?P<pct>{alternation(w for w in self.percent if w[0].isalpha())})"
            rf"|(?P<cur>{alternation(k for k in self.currencies if k.isalpha())})"
            rf"|(?P<time>{alternation(self.time_units)})){_NB}",
            re.IGNORECASE,
        )
        self.age = re.compile(rf"\s+(?:{alternation(p.age_words)}){_NB}", re.IGNORECASE)
        self.hyphen_unit = re.compile(
            rf"[{HYPHENS}](?P<time>{alternation(self.time_units)})(?:[{HYPHENS}](?:{alternation(p.age_words)}))?{_NB}",
            re.IGNORECASE,
        )
        self.hyphen_word = re.compile(rf"(?:[{HYPHENS}]{_WORD})+", re.IGNORECASE)
        self.time_after = re.compile(rf"\s*(?:{alternation(self.time_of_day)})(?![^\W_])(?!\.\w)", re.IGNORECASE)
        symbols = [k for k in self.currencies if not k.isalpha()]
        codes = [k for k in self.currencies if k.isalpha() and len(k) == 3]
        self.currency_before = re.compile(
            rf"(?:(?P<sym>{alternation(symbols)})|{_NA}(?P<code>{alternation(codes)}))[^\S\n]?\Z", re.IGNORECASE
        )
        self.hedge_before = re.compile(rf"{_NA}(?P<q>{alternation(self.approximators)})\s+\Z", re.IGNORECASE)
        self.sign_before = re.compile(
            rf"(?:{_NA}(?:{alternation(s for s in p.number_signs if s[0].isalpha())})"
            rf"|{alternation(s for s in p.number_signs if not s[0].isalpha())})\s*\Z",
            re.IGNORECASE,
        )
        months = alternation(self.months)
        self.month_before = re.compile(rf"{_NA}(?P<m>{months})\.?,?[^\S\n]+\Z", re.IGNORECASE)
        partitives = alternation(p.partitives)
        self.month_after = re.compile(rf"[^\S\n]+(?:{partitives}[^\S\n]+)?(?P<m>{months}){_NB}", re.IGNORECASE)
        self.word_before = re.compile(rf"{_NA}(?:(?P<w1>{_WORD})[^\S\n]+)?{_NA}(?P<w>{_WORD})[^\S\n]+\Z")
        self.partitive = re.compile(rf"\s+(?:{partitives}){_NB}", re.IGNORECASE)
        self.run_word = re.compile(rf"[^\S\n]+(?P<w>{_WORD}(?:[{HYPHENS}]{_WORD})*)")
        self.determiner = re.compile(rf"\s+(?:{alternation(self.determiners)}){_NB}", re.IGNORECASE)
        self.indefinite = re.compile(
            rf"(?:\s+(?:{partitives}))?\s+(?:{art})\s+"
            rf"(?:(?P<pp>{alternation(self.pp)})|(?P<pct>{alternation(w for w in self.percent if w[0].isalpha())})"
            rf"|(?P<time>{alternation(self.time_units)})|(?P<scale>{alternation(self.full_scales)}))"
            rf"{_NB}",
            re.IGNORECASE,
        )
        self.number_after_of = re.compile(
            rf"\s+(?:{_DIGITS}|(?:{word_numbers}){_NB})(?:(?:\s+|[{HYPHENS}])(?:{word_numbers}|{alternation(self.scales)}){_NB})*",
            re.IGNORECASE,
        )

    # ------------------------------------------------------------------ small tests
    def plural(self, word: str) -> bool:
        return looks_plural(word, self.p)

    def modifier(self, word: str) -> bool:
        """Looks like it stands in front of the head noun: "NATO", "nation's", "unconditional"."""
        w = word.lower()
        return word[0].isupper() or self.possessive(w) or (len(w) > 5 and w.endswith(self.adjective_endings))

    def past_tense(self, word: str) -> bool:
        return looks_past(word, self.p)

    @staticmethod
    def possessive(word: str) -> bool:
        return word.lower().endswith(("'s", "’s", "s'", "s’"))

    def content(self, word: str) -> bool:
        w = word.lower()
        return w not in self.stop and w not in self.numbers and w not in self.zero

    def month(self, written: str) -> bool:
        """A month name; one that is also a function word ("may") only when capitalised."""
        return norm(written.rstrip(".")) in self.months and (written[0].isupper() or norm(written) not in self.stop)

    def hedge(self, text: str, start: int) -> str | None:
        m = self.hedge_before.search(text, max(0, start - 24), start)
        return norm(m.group("q")) if m else None

    # ------------------------------------------------------------------ the noun
    def noun(
        self, text: str, pos: int, *, plural: bool = False, of_only: bool = False, determiner: bool = False
    ) -> tuple[str | None, bool]:
        """(the noun after ``pos``, whether it came through "of"). ``plural``: the number wants a
        plural noun (a count other than one), so the first plural-looking word is the head."""
        m = self.partitive.match(text, pos)
        if m:
            pos = m.end()
            w = self.run_word.match(text, pos)
            if w and w.group("w").lower() in self.look_past:
                pos = w.end()  # "of the", "of its"; a pronoun ("of them") ends the noun phrase
            n = self.number_after_of.match(text, pos)
            if n:
                pos = n.end()
            return self.head(text, pos, plural), True
        if of_only:
            return None, False
        if determiner and (d := self.determiner.match(text, pos)):
            pos = d.end()
        return self.head(text, pos, plural), False

    def head(self, text: str, pos: int, plural: bool = False) -> str | None:
        """The head of the noun phrase after ``pos`` (see the module doc)."""
        words: list[str] = []
        while len(words) < 3 and (m := self.run_word.match(text, pos)):
            word = m.group("w")
            if not self.content(word) or self.past_tense(word):
                break  # "were", "killed": the verb, not the noun phrase
            if words and word[0].isupper() and not words[-1][0].isupper() and not self.possessive(words[-1]):
                break  # "the 30-day ceasefire Ostravia accepted": a new phrase
            words.append(word)
            pos = m.end()
            if pos < len(text) and not text[pos].isspace():
                break  # punctuation ends the phrase
        if plural and (first := next((w for w in words if self.plural(w)), None)):
            return first.lower()  # "two main issues", "32 NATO nations"
        for i, word in enumerate(words):
            if self.plural(word):
                if all(self.modifier(w) for w in words[:i]):
                    return word.lower()  # "70% of Ostravians", "one Russian officials"
                words = words[:i]  # "one soldier remains": a verb
                break
        return words[-1].lower() if words else None  # "$3.6 billion rescue loan" -> "loan"


def grammar(profile: LanguageProfile) -> Grammar:
    return profile.compiled("quantities", Grammar)
