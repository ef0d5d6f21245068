"""What the model wrote must be said by the article: a title or summary borne out by its words
(``borne_out``), and -- in an article holding passages addressed to software -- every
model-written item said outside them (``Outside``)."""

from __future__ import annotations

import re

from ..reading.text import content_stems
from ..schemas import (
    NotNews,
)


def whole_sentences(text: str, field: object) -> str:
    """A summary that ran into its length limit ends at its last full sentence."""
    limit = next((m.max_length for m in getattr(field, "metadata", []) if hasattr(m, "max_length")), None)
    if limit and len(text) >= limit - 10:
        cut = max(text.rfind(". "), text.rfind(".\u2019 "), text.rfind(".' "))
        if cut > 0:
            return text[: cut + 1].rstrip()
    return text


BORNE_OUT_MIN = 0.5  # share of a title's or summary's content words that the article must contain


def borne_out(text: str, article: str) -> bool:
    """Does the article contain most of what ``text`` says, in two words at least? A title
    "HACKED" does not (one word, even one an injected line of the article asks for)."""
    said = set(content_stems(text))
    found = said & set(content_stems(article))
    return len(found) >= 2 and len(found) / len(said) >= BORNE_OUT_MIN


#: in an article with passages addressed to software, the share of a model-written item's
#: content words the rest of the article must hold (genuine items on the repository's
#: recordings: titles 0.83 and up, summaries 0.70, key points and events 0.75; p10 0.92-1.0)
SAID_MIN = 0.8
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_NAME_WORD = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][\w'\u2019\u2010-\u2015-]*\w")
_DASHES = re.compile(r"[\u2010-\u2015-]")


def _bare(word: str) -> str:
    """A word as names are compared: lower case, one apostrophe, no possessive ("Russia’s" -> "russia")."""
    return word.casefold().replace("\u2019", "'").removesuffix("'s")


class Outside:
    """What the article says outside the passages set apart (``set_apart``): a model-written
    title, summary, key point or event must be said there. ``why_not(text)`` is None when it
    is, else the reason: a content word the clean text lacks and a set-apart passage holds
    (the item restates an instruction), a figure or a name the clean text does not give. The
    last word of an item may be cut short by its length limit ("US Presi", "$2."): it only
    has to begin a word of the article.

    An article that holds such passages is read more strictly: ``SAID_MIN`` of an item's
    content words must be in the clean text (a plant in another language, restated in
    English, shares no words with its passage)."""

    def __init__(self, clean: str, passages: list[NotNews]):
        self.min_share = SAID_MIN if passages else 0.0
        self.stems = set(content_stems(clean))
        self.apart = set(content_stems(" ".join(p.text for p in passages))) - self.stems
        self.words = {part for w in re.findall(r"[\w'\u2019\u2010-\u2015-]+", clean) for part in _DASHES.split(_bare(w)) if part}
        self.figures = {f.replace(",", "") for f in _FIGURE.findall(clean)}

    def why_not(self, text: str, *, title: bool = False) -> str | None:
        said = set(content_stems(text))
        planted = said & self.apart
        if planted:
            return "said only in a passage addressed to software: " + ", ".join(sorted(planted))
        if said and len(said & self.stems) < self.min_share * len(said):
            return f"fewer than {self.min_share:.0%} of its words are in the article outside what was set apart"
        end = len(text.rstrip(" .,;:!?"))

        def given(token: str, pool: set[str], last: bool) -> bool:
            return token in pool or (last and any(p.startswith(token) for p in pool))

        figures = [m.group() for m in _FIGURE.finditer(text) if not given(m.group().replace(",", ""), self.figures, m.end() >= end)]
        if figures:
            return "a figure the article does not give: " + ", ".join(figures)
        words = text.split()
        if title and sum(w[:1].isupper() for w in words) > len(words) / 2:
            return None  # Title Case: every word capitalised, no telling names from the rest
        names = [
            m.group() for m in _NAME_WORD.finditer(text)
            if not all(given(part, self.words, m.end() >= end) for part in _DASHES.split(_bare(m.group())) if part)
        ]  # fmt: skip
        return "a name the article does not give: " + ", ".join(names) if names else None


def first_sentence(text: str, limit: int = 150) -> str:
    first = " ".join(text.split())[:limit]
    cut = first.find(". ")
    return first[: cut + 1] if cut > 20 else first
