"""Reading phrases around a quotation: the sentence as tokens (each quotation one token),
word classes from the profile's lists ("-ed" forms, capitals, auxiliaries; no part-of-speech
model), noun phrases to the left and right of a verb, and a verb's subject. ``Phrases`` is the
first floor of the speakers' ``Reader``."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from ..language import LanguageProfile
from .marks import Piece
from .text import looks_past

_NP_MAX = 30  # tokens a subject phrase may span (lists of countries are long)
_ASIDE_MAX = 12  # tokens of an aside between a subject and its verb (", in an interview,")

TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w(?:[\w'\u2019\-]*\w)?(?:(?<=s)['\u2019](?!\w))?|[^\w\s]")


@dataclass
class Tok:
    s: int
    e: int
    w: str
    kind: str  # "w" word, "p" punctuation, "q" a quotation (its index in ``q``)
    q: int = -1
    first: bool = False  # the sentence's first word
    possessive: bool = False  # "Tallis's", "nations'"

    @property
    def low(self) -> str:
        return self.w.replace("\u2019", "'").lower()

    @property
    def cap(self) -> bool:
        return self.kind == "w" and self.w[0].isupper()


@dataclass
class Who:
    name: str
    span: tuple[int, int]
    kind: str  # person / organisation / group


@dataclass
class Sentence:
    s: int
    e: int
    para: int
    toks: list[Tok] = field(default_factory=list)

    @property
    def narrative(self) -> bool:  # words of the reporter, not only quoted ones
        return any(t.kind == "w" for t in self.toks)


class Phrases:
    """Tokens, word classes and noun phrases of one text (see ``speakers.Reader``)."""

    # set by ``Reader.__init__``: the text, its paragraphs, the profile and what is read once
    text: str
    spans: list[tuple[int, int]]
    p: LanguageProfile
    titles: set[str]
    names: list[str]
    groups: list[list[Piece]]
    reporting: AbstractSet[str]
    roles: AbstractSet[str]
    sents: list[Sentence]
    starts: list[int]
    midcaps: set[str]
    _subjects: dict[int, object]
    _speakers: dict[int, Who]
    _tag_sentence: dict[int, int]
    _fulls: dict[str, str | None]
    people: list[tuple[str, set[str], tuple[int, int]]]
    genders: dict[str, str]

    def _classify(self, toks: list[Tok], a: int, b: int) -> object:
        """What the phrase ``toks[a..b]`` names (``persons.Persons._classify``): an apposition
        that names a person ends a subject phrase."""
        raise NotImplementedError

    # -- tokens

    def _tokens(self, s: int, e: int, outer: list[tuple[int, int, int]]) -> list[Tok]:
        toks: list[Tok] = []
        cursor = s
        for qs, qe, gi in outer:
            if qe <= s or qs >= e:
                continue
            toks += self._words(cursor, max(cursor, qs))
            toks.append(Tok(max(qs, s), min(qe, e), "", "q", gi))
            cursor = min(qe, e)
        toks += self._words(cursor, e)
        for t in toks:
            if t.kind != "p":
                t.first = t.kind == "w"
                break
        return toks

    def _words(self, a: int, b: int) -> list[Tok]:
        out: list[Tok] = []
        for m in TOKEN.finditer(self.text, a, b):
            w = m.group()
            kind = "w" if w[0].isalnum() else "p"
            end = m.end()
            if (
                kind == "w"
                and end < b
                and self.text[end] == "."
                and (len(w) == 1 or w.lower() in self.p.title_words or w.lower() + "." in self.p.name_suffixes)
            ):
                end += 1  # "Mr.", "J.", "Jr." keep their dot
            if out and out[-1].e > m.start():
                continue
            w = self.text[m.start() : end]
            out.append(Tok(m.start(), end, w, kind, possessive=kind == "w" and w.endswith(self.p.possessive_endings)))
        return out

    # -- word classes (the profile's lists, "-ed" forms, capitals)

    def _unpossess(self, w: str) -> str:
        for end in self.p.possessive_endings:
            if w.endswith(end):
                return w[: len(w) - len(end) + (1 if end[0] not in "'\u2019" else 0)]
        return w

    def _adverb(self, toks: list[Tok], i: int) -> bool:
        t = toks[i]
        if t.kind != "w" or t.cap:
            return False
        if t.low in self.p.verb_adverbs:
            return True
        before = toks[i - 1].low if i > 0 else ""
        return (
            len(t.low) > 4
            and t.low.endswith(self.p.adverb_endings)
            and before not in self.p.determiners | self.p.possessives
        )

    def _verbish(self, t: Tok) -> bool:
        if t.kind != "w" or (t.cap and not t.first):
            return False
        p = self.p
        low = next((t.low.removesuffix(n) for n in p.negations if "'" in n and t.low.endswith(n)), t.low)
        if low in p.auxiliaries or low in self.reporting or low in p.judgement_verbs:
            return True
        return looks_past(low, p) and "-" not in low and low not in p.number_words

    def _finite(self, toks: list[Tok], i: int) -> bool:
        t = toks[i]
        if not self._verbish(t) or t.low.endswith(self.p.participle_endings):
            return False
        prev = toks[i - 1] if i > 0 else None
        if prev is not None and (prev.low in self.p.determiners or prev.low in self.p.possessives or prev.possessive):
            return False  # "the proposed ceasefire", "his claims"
        return not (t.first and t.low not in self.p.auxiliaries and t.low.endswith(self.p.past_endings))

    def _np_word(self, t: Tok) -> bool:
        if t.kind != "w":
            return False
        low, p = t.low, self.p
        if low in p.determiners or low in p.possessives or low in p.pronouns:
            return False
        if t.cap and not t.first:
            return True
        if low in p.stop_words or low in p.subordinators or low in p.prepositions or low in p.relative_pronouns:
            return False
        if t.first and low.endswith(p.adverb_endings + p.participle_endings):
            return False
        return not self._verbish(t) and low not in p.verb_adverbs

    # -- noun phrases

    def _np_left(self, toks: list[Tok], j: int, lo: int = 0) -> tuple[int, int] | None:
        """(a, j): the noun phrase that ends with toks[j], or None."""
        if j < lo:
            return None
        p = self.p
        t = toks[j]
        if t.kind == "w" and t.low in p.singular_pronouns | p.plural_pronouns:
            return j, j
        if not self._np_word(t) and not (t.kind == "p" and t.w == ")"):
            return None
        a = j if self._np_word(t) else None
        k, listed, joints = j - 1, False, []
        while k >= lo and j - k < _NP_MAX:
            t = toks[k]
            if t.kind == "q":
                break
            if t.kind == "p":
                if t.w in "()":
                    k -= 1
                    continue
                if t.w == "," and k > lo and toks[k - 1].kind == "w" and (listed or toks[k + 1].low in p.conjunctions):
                    joints.append(k)
                    k -= 1
                    continue
                break
            low = t.low
            if low in p.determiners or low in p.possessives:
                a, k = k, k - 1
                if k >= lo and (toks[k].low in p.conjunctions or toks[k].w == ","):
                    continue
                if k > lo and toks[k].low in p.prepositions and self._np_word(toks[k - 1]):
                    k -= 1
                    continue
                break
            if low in p.conjunctions:
                if k > lo and (self._np_word(toks[k - 1]) or toks[k - 1].w == ","):
                    listed = True
                    joints.append(k)
                    k -= 1
                    continue
                break
            if low in p.prepositions and a is not None and k > lo and self._np_word(toks[k - 1]):
                k -= 1
                continue
            if self._np_word(t):
                a, k = k, k - 1
                continue
            break
        if a is None:
            return None
        if (
            listed
            and a > lo
            and toks[a - 1].kind == "w"
            and (self._verbish(toks[a - 1]) or toks[a - 1].low in p.prepositions)
        ):
            a = max(x for x in joints if x >= a) + 1  # "met Orlin and Tallis said": only the last item is the subject
            while a <= j and toks[a].kind != "w":
                a += 1
        return a, j

    def _np_right(self, toks: list[Tok], k: int) -> tuple[int, int] | None:
        """The noun phrase that starts at toks[k] ("said Mr. Berg", "according to the ministry")."""
        p = self.p
        if k >= len(toks) or toks[k].kind != "w":
            return None
        if toks[k].low in p.singular_pronouns | p.plural_pronouns:
            return k, k
        a, b = k, None
        while k < len(toks) and k - a < 10:
            t = toks[k]
            if t.kind == "w" and (t.low in p.determiners or t.low in p.possessives) and b is None:
                k += 1
                continue
            if t.kind == "w" and t.low == "of" and b is not None and k + 1 < len(toks) and toks[k + 1].cap:
                k += 1
                continue
            if t.kind == "p" and t.w in "()" and b is not None:
                k += 1
                continue
            if not self._np_word(t) and not (t.cap and t.kind == "w"):
                break
            b, k = k, k + 1
        return (a, b) if b is not None else None

    def _subject(self, toks: list[Tok], vi: int, lo: int = 0):
        """The noun phrase the verb at ``vi`` has for its subject: (a, b), "coord" (none of its own:
        "…, but said", "…, saying"), or None."""
        p = self.p
        if toks[vi].low.endswith(p.participle_endings):
            return "coord"
        j = vi - 1
        while j >= lo and self._adverb(toks, j):
            j -= 1
        if j < lo:
            return None
        t = toks[j]
        if t.kind == "p" and t.w == ",":  # an aside: "Quennell, in an interview, said"
            k = j - 1
            while k >= lo and toks[k].w != "," and toks[k].kind != "q" and j - k <= _ASIDE_MAX:
                k -= 1
            if k - 2 >= lo and toks[k].w == "," and toks[k - 1].w.isdigit() and toks[k - 2].w == ",":
                k -= 2  # an age before the aside: "Brenn, 44, a former railway engineer, is"
            aside = toks[k + 1 : j]
            relative = bool(aside) and aside[0].low in p.relative_pronouns | p.subordinators
            # a place or a time set aside may hold a clause of its own: "Quennell, in the council
            # chamber after the result was read out, declared"
            relative = relative or (bool(aside) and aside[0].low in p.locative_prepositions)
            if (
                k > lo
                and toks[k].w == ","
                and aside
                and (relative or not any(self._finite(toks, x) for x in range(k + 1, j)))
            ):
                named = None if relative else self._classify(toks, k + 1, j - 1)
                if isinstance(named, Who) and named.kind == "person":
                    return k + 1, j - 1  # an apposition that names: "the regional police chief, Dana Okoro, said"
                return self._np_left(toks, k - 1, lo)
            return "coord"
        if t.kind == "w" and (t.low in p.conjunctions or t.low in p.clause_openers):
            return "coord"
        if t.kind == "w" and t.low in p.relative_pronouns:  # "Dorenkko, who …, said"
            j -= 1
            if j >= lo and toks[j].w == ",":
                j -= 1
        return self._np_left(toks, j, lo)
