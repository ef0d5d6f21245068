"""Documents that are not articles, set aside before any model call.

A day's folder or feed holds more than articles: archive-crawl notices, an embedded post's
"Tweet with a location" furniture, paywall stubs, consent banners, a second copy of a page.
Merged as articles they become facts (three copies of a tweet's boilerplate once made a
briefing's headline). ``screen`` sets them aside with a one-line reason; nothing else
changes, and an article is never edited here.

The rules, in order (thresholds are ``NoiseRules`` fields):

1. **A word-for-word copy** of an earlier document (same words after case, punctuation and
   white space are folded) -> "word-for-word copy of <id>". The first in input order stays.
   Near-copies (syndication with a changed line) are articles: the merge counts them as one
   voice (``summarizer.merge.copies``).
2. **Running text** is what a story is told in: sentences of at least ``sentence_words``
   words with at least one lower-case word (menus, buttons, bylines and headlines fall out),
   that match none of the language profile's ``boilerplate`` patterns (consent, paywall,
   crawl, embed furniture).
3. When the furniture sentences make up more than ``max_furniture_share`` of the document's
   words -> "page furniture, not an article (…)", with an example sentence.
4. Fewer than ``min_words`` words of running text, or fewer than ``min_sentences`` such
   sentences -> "too short to carry a story (N words of running text)".

A lone document is never set aside: whoever asks for a briefing of one text gets one (the
rules sort a pile, they do not overrule a choice).

Rule 4 does not need the word list: a banner or stub the profile does not know is still set
aside when it is short, which such pages are. Its limit: a long page of furniture written in
whole sentences that the list misses passes as an article.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..language import ENGLISH, LanguageProfile
from ..reading.text import sentences, words
from ..schemas import SetAside
from .articles import Article


@dataclass(frozen=True)
class NoiseRules:
    """When a document is too little of an article to merge."""

    #: words of running text a story needs (a short wire brief has 60-100)
    min_words: int = 40
    #: sentences of running text a story needs
    min_sentences: int = 2
    #: a sentence shorter than this is furniture (menu items, buttons, captions)
    sentence_words: int = 6
    #: share of the document's words in furniture sentences above which it is not an article
    max_furniture_share: float = 0.5


@lru_cache(maxsize=8)
def _furniture(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE | re.MULTILINE) if patterns else None


def fingerprint(text: str) -> str:
    """The document's words, folded: equal for copies that differ only in case, punctuation and spacing."""
    return hashlib.sha256(" ".join(words(text)).encode("utf-8")).hexdigest()


def reason(article: Article, profile: LanguageProfile = ENGLISH, rules: NoiseRules = NoiseRules()) -> str | None:
    """Why ``article`` is not an article (rules 2-4 of the module doc), or None."""
    text = article.text
    furniture = _furniture(profile.boilerplate)
    running_words = running = furniture_words = total_words = 0
    example = None
    for a, b in sentences(text, profile=profile):
        sent = text[a:b]
        n = len(words(sent))
        total_words += n
        if furniture is not None and furniture.search(sent):
            furniture_words += n
            example = example or sent
            continue
        if n >= rules.sentence_words and re.search(r"\b[^\W\d_A-Z]+\b", sent):
            running_words += n
            running += 1
    if total_words and furniture_words / total_words > rules.max_furniture_share:
        snippet = " ".join((example or "").split())
        snippet = snippet if len(snippet) <= 60 else snippet[:57].rstrip() + "..."
        return f"page furniture, not an article ({furniture_words} of {total_words} words, e.g. {snippet!r})"
    if running_words < rules.min_words or running < rules.min_sentences:
        return (
            f"too short to carry a story ({running_words} words in {running} sentences of running text; "
            f"a story needs {rules.min_words} words in {rules.min_sentences})"
        )
    return None


def screen(
    articles: Sequence[Article], profile: LanguageProfile = ENGLISH, rules: NoiseRules = NoiseRules()
) -> tuple[list[Article], list[SetAside]]:
    """``articles`` -> (the articles, the documents set aside with their reasons), input order
    kept. A lone document is always kept."""
    if len(articles) < 2:
        return list(articles), []
    kept: list[Article] = []
    aside: list[SetAside] = []
    first: dict[str, str] = {}
    for a in articles:
        key = fingerprint(a.text)
        if key in first:
            aside.append(SetAside(id=a.id, path=a.path, reason=f"word-for-word copy of {first[key]}", copy_of=first[key]))
            continue
        why = reason(a, profile, rules)
        if why is not None:
            aside.append(SetAside(id=a.id, path=a.path, reason=why))
            continue
        first[key] = a.id
        kept.append(a)
    return kept, aside
