"""Person names: which words are the name and which the role, and when two names are one person.

Pure string logic shared by grounding (is the claimed speaker the one the text names?),
extraction (split "NATO Secretary-General Mark Ellery" into role + name) and the merge.

The rules, in English name order (given names, then the surname):

* **The surname is the last name word**; a generational suffix ("Jr.") is kept apart:
  "Roland Tallis Jr." is not "Roland Tallis".
* **The given name is the name word right before the surname.** Words further left are
  the role when they are titles: a word of the profile's list, an abbreviation ("Sgt.",
  "Rep."), a word the text also writes in lower case ("the commissioner"), or a word another
  mention of the same surname shows in front of a given name ("Chief Ramon Alvarez" makes
  "Chief" a title in "Chief Alvarez"). So a title the list does not know still comes off:
  "Senate Majority Leader Jane Doe" is Jane Doe, because her given name is the word before
  "Doe" whatever the words in front of it are.
* **Two names are one person** when the surnames match (within spelling variance:
  Dorenko / Dorenkko) and the given names do not conflict: equal, an initial of the
  other, a nickname of the other (James = Jim, from the ``nicknames`` dataset), or one of
  them has none. A middle name does not conflict ("John Fitzgerald Kennedy" = "John
  Kennedy": the first name word is compared too).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from ..language import ENGLISH, LanguageProfile

_SURNAME_MIN = 85.0
_GIVEN_MIN = 85.0


def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened."""
    if text.isascii():  # nothing to decompose or straighten
        return text.casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.replace("\u2019", "'").casefold()


def _is_initial(tok: str) -> bool:
    return bool(re.fullmatch(r"\w\.?", tok)) and not tok.isdigit()


def _is_abbreviation(tok: str) -> bool:
    """'sgt.', 'rep.', 'det.': a shortened title. Single letters are initials, not titles."""
    return bool(re.fullmatch(r"[a-z]{2,5}\.", tok))


def _titleish(tok: str, profile: LanguageProfile, learned: set[str]) -> bool:
    """A title word: the profile's, an abbreviation, or one learned from the texts -- unless
    it is a known given name ("Mark" stays a name even where the text says "to mark")."""
    if tok in profile.title_words or tok.rstrip(".") in profile.title_words or _is_abbreviation(tok):
        return True
    return tok in learned and tok not in profile.stop_words and not known_given_name(tok)


@dataclass(frozen=True)
class NameParts:
    """A name split into role words, name words, and a suffix (all folded)."""

    role: tuple[str, ...]
    core: tuple[str, ...]  # name words: given names ... surname
    suffix: str | None

    @property
    def surname(self) -> str | None:
        return self.core[-1] if self.core else None

    @property
    def given(self) -> str | None:
        """The given name: the name word right before the surname."""
        return self.core[-2] if len(self.core) > 1 else None

    @property
    def first(self) -> str | None:
        return self.core[0] if len(self.core) > 1 else None


def _tokens(name: str) -> list[str]:
    return [t.strip(",") for t in fold(name).replace("-", " ").split() if t.strip(",")]


def parts(name: str, profile: LanguageProfile = ENGLISH, titles: Iterable[str] = ()) -> NameParts:
    """'Ostravian President Mykola Dorenkko' -> role ('ostravian', 'president'), core ('mykola', 'dorenkko').

    Everything up to the last title word is the role (``titles``: extra title words learned
    from the texts, see the module doc); initials are dropped from the core."""
    toks = _tokens(name)
    suffix = next((t.rstrip(".") for t in toks if t in profile.name_suffixes), None)
    toks = [t for t in toks if t not in profile.name_suffixes]
    learned = set(titles)

    def title(t: str) -> bool:
        return _titleish(t, profile, learned)

    last_title = max((i for i, t in enumerate(toks[:-1]) if title(t)), default=-1)
    role = tuple(toks[: last_title + 1])
    core = tuple(t for t in toks[last_title + 1 :] if not _is_initial(t) and t.strip(".'"))
    return NameParts(role, core, suffix)


def parse_name(name: str, profile: LanguageProfile = ENGLISH) -> tuple[list[str], str | None]:
    """'Ostravian President Mykola Dorenkko' -> (['mykola', 'dorenkko'], None)."""
    p = parts(name, profile)
    return list(p.core), p.suffix


def split_title(name: str, profile: LanguageProfile = ENGLISH, titles: Iterable[str] = ()) -> tuple[str | None, str]:
    """'NATO Secretary-General Mark Ellery' -> ('NATO Secretary-General', 'Mark Ellery').

    The role is every word up to the last title word (see ``parts``); the name keeps its
    own spelling."""
    words = name.split()
    learned = set(titles)
    cut = 0
    for i, w in enumerate(words[:-1]):
        toks = _tokens(w)
        if toks and all(_titleish(t, profile, learned) for t in toks):
            cut = i + 1
    # initials right before the name stay with it ("Ada Quennell", "George W. Bush" keep theirs)
    if cut == 0:
        return None, name.strip()
    return " ".join(words[:cut]).strip(" ,"), " ".join(words[cut:]).strip()


def looks_like_name(name: str, profile: LanguageProfile = ENGLISH) -> bool:
    """Capitalised words (particles aside): 'Mark Ellery' yes, 'U. S. Air Force plane' no."""
    _, bare = split_title(name, profile)
    words = re.findall(r"[\w'’.-]+", bare)
    if not words or len(words) > 5:
        return False
    return all(w[0].isupper() or w.casefold() in profile.name_particles for w in words if w[0].isalpha())


def looks_like_role(role: str, profile: LanguageProfile = ENGLISH) -> bool:
    """'US Vice President' yes; 'Attending the 61st Harlow Security Forum' no (a role does
    not open with a participle or a past form: the profile's ``participle_endings`` and
    ``past_endings``)."""
    words = role.split()
    verb_endings = profile.participle_endings + profile.past_endings
    return 0 < len(words) <= 8 and not words[0].casefold().endswith(verb_endings)


def surname_match(a: str, b: str) -> bool:
    """Two (folded) surnames within spelling variance: Dorenko / Dorenkko."""
    return a == b or (min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= _SURNAME_MIN)


@lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


@lru_cache(maxsize=4096)
def _name_forms(given: str) -> frozenset[str]:
    """A given name and its nickname family (James -> jim, jimmy, jamie ...; Jim -> james)."""
    nn = _nicknamer()
    forms = {given} | nn.nicknames_of(given) | nn.canonicals_of(given)
    for canonical in nn.canonicals_of(given):
        forms |= nn.nicknames_of(canonical)
    return frozenset(forms)


def known_given_name(word: str) -> bool:
    """A given name the nickname dataset knows (as a name or a nickname)."""
    nn = _nicknamer()
    return bool(nn.nicknames_of(word) or nn.canonicals_of(word))


def given_compatible(a: str, b: str) -> bool:
    """Same given name: equal, an initial of the other, a spelling variant, or a nickname."""
    if a == b:
        return True
    if min(len(a.rstrip(".")), len(b.rstrip("."))) <= 2:  # "jd" / "j." vs "james"
        return a[0] == b[0]
    if fuzz.ratio(a, b) >= _GIVEN_MIN:
        return True
    return b in _name_forms(a) or a in _name_forms(b)


def compatible(pa: NameParts, pb: NameParts) -> bool:
    if not pa.core or not pb.core or pa.suffix != pb.suffix or not surname_match(pa.core[-1], pb.core[-1]):
        return False
    if pa.given is None or pb.given is None:
        return True
    pairs = [(pa.given, pb.given), (pa.given, pb.first), (pa.first, pb.given)]
    return any(x and y and given_compatible(x, y) for x, y in pairs)


def same_person(a: str, b: str, profile: LanguageProfile = ENGLISH, titles: Iterable[str] = ()) -> bool:
    """Strict: same surname (fuzzy), no conflicting given name, same generational suffix."""
    return compatible(parts(a, profile, titles), parts(b, profile, titles))


def same_surname(a: str, b: str, profile: LanguageProfile = ENGLISH) -> bool:
    """Loose: could ``a`` and ``b`` be the same person? (for checking a quote's speaker)"""
    ta, _ = parse_name(a, profile)
    tb, _ = parse_name(b, profile)
    if not ta or not tb:
        return False
    return any(surname_match(ta[-1], y) for y in tb) or any(surname_match(tb[-1], x) for x in ta)


def learned_titles(names: Iterable[str], profile: LanguageProfile = ENGLISH) -> set[str]:
    """Words that some mention shows in front of a given name of the same surname.

    "Chief Ramon Alvarez" and "Chief Alvarez": "chief" stands before "ramon", the word before
    the surname in the first, so it is a title in the second too. Found per surname."""
    by_surname: dict[str, list[tuple[str, ...]]] = {}
    for n in names:
        toks = tuple(t for t in _tokens(n) if t not in profile.name_suffixes and not _is_initial(t))
        if len(toks) >= 2:
            by_surname.setdefault(toks[-1], []).append(toks)
    found: set[str] = set()
    for mentions in by_surname.values():
        givens = {m[-2] for m in mentions}
        for m in mentions:
            if len(m) >= 3 and m[-2] in givens:
                found.update(m[:-2])
    return found


def lowercase_words(text: str) -> set[str]:
    """Words the text writes in lower case somewhere: a capitalised one of these in a name is
    a common noun used as a title ("the commissioner" -> "Commissioner Whitfield")."""
    return {fold(w) for w in set(_LOWERCASE.findall(text))}


# a word in lower case, not right after a letter, digit or full stop: "(?<![\w.])[a-z][\w'-]+",
# its look-behind taken after the first letter (the same words, found faster)
_LOWERCASE = re.compile(r"[a-z](?<![\w.][a-z])[\w'-]+")


def used_as_place_or_thing(name: str, text: str, profile: LanguageProfile = ENGLISH) -> bool:
    """Does the text write ``name`` the way it writes places and organisations, not people?

    "in Varnel", "at the Ostrel", "the Citadel said": a place preposition or a determiner
    right before it, where the name ends its phrase (followed by punctuation, a function word
    or a speech verb -- not "the Tallis administration", where the name only qualifies a noun).
    One such use is enough: people are not written that way."""
    pattern = re.compile(r"(?<![\w])(\w+)\s+" + re.escape(name) + r"(?![\w'’])(\W*)(\w*)")
    for m in pattern.finditer(text):
        before, gap, after = m.group(1).casefold(), m.group(2), m.group(3).casefold()
        ends_phrase = bool(gap.strip()) or not after or after in profile.stop_words or after in profile.speech_verbs
        if ends_phrase and (before in profile.locative_prepositions or before in profile.place_articles):
            return True
    return False


_LOWER_WORD = re.compile(r"(?<![\w.])[a-z][\w'\u2019-]*")
_OPENS = re.compile(r"[.!?:;\u2014\u2013\"\u201c(]")  # punctuation before a word that opens a sentence
_POSSESSIVES = ("'s", "\u2019s")
# a word of a name: "[^\W_](?:[\w'\u2019&-]|\.(?=\w))*" (a full stop inside it only before a letter or
# digit: "U.S"), written with its loop unrolled (the same words, found faster)
_NAME_TOKEN = re.compile(r"[^\W_][\w'\u2019&-]*(?:\.(?=\w)[\w'\u2019&-]*)*")
# a capitalised word after a word (or a comma) and a space: "(?<=[\w,] )[A-Z][\w'\u2019&-]*", its
# look-behind taken after the capital (the same words, found faster)
_INNER_CAPITAL = re.compile(r"[A-Z](?<=[\w,] [A-Z])[\w'\u2019&-]*")


def inner_capitals(texts: Iterable[str]) -> set[str]:
    """Words the texts write capitalised inside a sentence (after a word or a comma): names,
    not sentence openers. Gathered over many articles, it tells "Tessaro" (which some article
    writes mid-sentence) from "Nobody" (which only ever opens one)."""
    return {w for t in texts for w in _INNER_CAPITAL.findall(t)}


def _not_in_names(profile: LanguageProfile) -> frozenset[str]:
    """Words never part of a name (``proper_names``): function words, titles, months, weekdays."""
    return frozenset(profile.stop_words | profile.title_words | set(profile.months) | set(profile.weekdays))


def proper_names(texts: Iterable[str], profile: LanguageProfile = ENGLISH, inner: Iterable[str] = ()) -> list[str]:
    """The names a text writes that no list types -- a product ("Halo 3"), a programme, a
    road, an event ("Pilot Assist", "Route 9") -- as runs of capitalised words inside its
    sentences, a short number glued on ("Halo 3"), possessives off; in order of first mention.

    A run is words next to each other with one space between (punctuation ends it). A
    capitalised word at a sentence's start is a name only when the texts never write it in
    lower case ("Police said" vs "the police") and either write it capitalised inside a
    sentence too -- here or in the other articles' ``inner`` (``inner_capitals``) -- or go on
    with another capitalised word ("Harbour United beat"): "Nobody", "Two", "Battery" opening
    a sentence are not. A sentence in title case (a headline: most
    words capitalised) is skipped, its capitals say nothing. Months, weekdays, titles and
    function words are never part of a name."""
    texts = list(texts)
    lower = set(_LOWER_WORD.findall("\n".join(texts)))  # (no word runs from one text into the next)
    skip = profile.compiled("names.not_in_names", _not_in_names)
    titles = profile.title_words
    here = inner_capitals(texts)
    feed = inner if isinstance(inner, AbstractSet) else set(inner)
    out: dict[str, None] = {}
    for text in texts:
        toks = list(_NAME_TOKEN.finditer(text))
        said = [m.group() for m in toks]
        if len(toks) >= 4 and sum(t[0].isupper() for t in said) > 0.6 * len(toks):
            continue  # a headline in title case
        run: list[str] = []
        for i, m in enumerate(toks):
            tok = said[i]
            if not run and not tok[0].isupper():
                continue  # a word in lower case (or a number) outside a name: nothing to do
            gap = text[toks[i - 1].end() : m.start()] if i else ""
            if run and gap != " ":
                out.setdefault(" ".join(run), None)
                run = []
            word = tok + ("." if "." in tok and text[m.end() : m.end() + 1] == "." else "")  # "U.S."
            bare = word[:-2] if word[-2:] in _POSSESSIVES else word
            if not word[0].isupper():  # a short number glued on ("Halo 3"), else the run ends
                if run and bare.isdigit() and len(bare) <= 3:
                    run.append(bare)
                    if bare != word:
                        out.setdefault(" ".join(run), None)
                        run = []
                elif run:
                    out.setdefault(" ".join(run), None)
                    run = []
                continue
            low = bare.casefold()
            name = low not in skip
            if name and (i == 0 or (gap != " " and _OPENS.search(gap))):  # opens a sentence
                known = word in here or bare in here or word in feed or bare in feed
                follows = i + 1 < len(toks) and text[m.end() : toks[i + 1].start()] == " " and said[i + 1][0].isupper()
                name = low not in lower and (known or follows)
            if name:
                run.append(bare)
                if bare != word:  # a possessive ends the name
                    out.setdefault(" ".join(run), None)
                    run = []
            elif run:
                if low not in titles:  # "Fire Commissioner": a role's words
                    out.setdefault(" ".join(run), None)
                run = []
        if run:
            out.setdefault(" ".join(run), None)
    return list(out)
