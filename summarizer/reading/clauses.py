"""A sentence in its parts, by the parse: what it asserts, who says it, and its asides.

A statement often tells more than one thing: "The P7 road remains closed and is expected to
reopen on Friday, police said" holds two assertions and an attribution; "The authority, which
opened an inquiry on Monday, said its commissioner would lead it himself" an aside that refers
back to something known and an assertion that may be news. ``parts(text)`` cuts a sentence
where the parse puts its clauses:

* ``main`` -- the root clause, a clause joined to it by "and"/"but" (``conj``) and a reported
  clause (``ccomp``, ``parataxis``): what the sentence says happened or holds;
* ``say`` -- a reporting verb's own clause ("police said", "Lorrance said"): who says it;
* ``aside`` -- a relative or participle clause, an adverbial clause or an apposition: what it
  adds about a noun or the main clause ("which opened an inquiry on Monday", "a town of about
  18,000 people").

Each part's ``own`` words are its clause's tokens without the clauses inside it; its ``text``
reads on its own: a joined clause without a subject takes its partner's ("The P7 road ... is
expected to reopen on Friday"), a reported clause keeps who reports it ("Lorrance said the
eastern districts were now under threat", "..., police said"), an aside is shown with the noun
it is about ("Quenlow, a town of about 18,000 people"). By shape, not word lists (the profile's reporting verbs name ``say``).
Pure code: spaCy's installed pipeline, no network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

from ..language import ENGLISH, LanguageProfile
from .syntax import SUBJECT_DEPS, parse

Role = Literal["main", "say", "aside"]

_MAIN = frozenset({"ROOT", "conj", "ccomp", "parataxis"})
_ASIDE = frozenset({"relcl", "acl", "advcl", "appos"})
_VERBS = frozenset({"VERB", "AUX"})


@dataclass(frozen=True)
class Part:
    role: Role
    text: str  # reads on its own (a borrowed subject, the noun of an aside)
    own: str  # the clause's own words


def _head(t: Any) -> bool:
    """Does the token head a part of its own?"""
    if t.dep_ == "ROOT":
        return True
    if t.dep_ == "conj":  # "remains closed and is expected to ...", not "Harnoch and the north"
        return t.pos_ in _VERBS and t.head.pos_ in _VERBS
    if t.dep_ in ("ccomp", "parataxis", "relcl", "advcl"):
        return t.pos_ in _VERBS
    if t.dep_ == "acl":  # "the man found dead", not "the decision to ..."
        return t.pos_ == "VERB" and not any(c.tag_ == "TO" for c in t.children)
    return t.dep_ == "appos" and t.head.pos_ == "PROPN" and any(c.pos_ == "NUM" or c.dep_ == "prep" for c in t.subtree)


def _own(head: Any, heads: set[int]) -> list[Any]:
    """The head's subtree without the parts inside it."""
    out = [head]
    todo = [c for c in head.children if c.i not in heads]
    while todo:
        t = todo.pop()
        out.append(t)
        todo.extend(c for c in t.children if c.i not in heads)
    return sorted(out, key=lambda t: t.i)


def _trim(toks: list[Any]) -> list[Any]:
    """Without the punctuation, conjunctions and clause marks at its edges."""
    edge = ("cc", "mark", "punct", "preconj")
    while toks and (toks[0].dep_ in edge or toks[0].is_punct):
        toks = toks[1:]
    while toks and (toks[-1].dep_ in edge or toks[-1].is_punct):
        toks = toks[:-1]
    return toks


def _join(toks: list[Any]) -> str:
    """The tokens as written; where a part was cut out, the commas around it go, and one stays
    between two parts of a list ("as Osric Tamberly, a retired schoolteacher")."""
    kept = {t.i for t in toks}
    toks = [t for t in toks if not (t.text == "," and (t.i - 1 not in kept or t.i + 1 not in kept))]
    out = ""
    for k, t in enumerate(toks):
        if k > 0 and t.i != toks[k - 1].i + 1:
            doc = t.doc
            listed = doc[t.i - 1].text == "," and doc[toks[k - 1].i + 1].text == "," and t.pos_ not in _VERBS
            out = out.rstrip() + (", " if listed else " ")
        out += t.text_with_ws
    return re.sub(r"\s+([,.;:])", r"\1", out).strip(" ,")


def parts(text: str, profile: LanguageProfile = ENGLISH) -> list[Part]:
    """The parts of a sentence (or a short passage), in their order."""
    doc = parse(text, profile)
    heads = [t for t in doc if _head(t)]
    at = {t.i for t in heads}
    out: list[Part] = []
    for h in heads:
        own = _trim(_own(h, at))
        if not own:
            continue
        shown = own
        if h.dep_ == "conj" and not any(c.dep_ in SUBJECT_DEPS for c in h.children):
            subject = next((c for c in h.head.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is not None:  # "... remains closed and [the P7 road] is expected to reopen"
                shown = _trim(_own(subject, at)) + own
        elif h.dep_ in ("relcl", "acl", "appos") and h.head.pos_ in ("NOUN", "PROPN"):
            noun = _trim(_own(h.head, at))
            noun = [t for t in noun if t.i <= h.head.i]  # the noun phrase up to its noun
            comma = "," if own[0].i > 0 and doc[own[0].i - 1].text == "," else ""
            out.append(Part("aside", f"{_join(noun)}{comma} {_join(own)}" if noun else _join(own), _join(own)))
            continue
        if h.dep_ in _ASIDE:
            role: Role = "aside"
        elif _reporting(h, profile) and (h.dep_ == "parataxis" or any(c.dep_ in ("ccomp", "parataxis") for c in h.children)):
            role = "say"
        else:
            role = "main"
        if role == "main":  # with what identifies its nouns: "the man found dead in Harnoch on Tuesday"
            mine = {t.i for t in shown}
            shown = sorted(shown + [x for t in doc if t.i in at and t.dep_ in ("acl", "relcl") and t.head.i in mine
                                    and doc[t.left_edge.i - 1].text != "," for x in t.subtree], key=lambda t: t.i)  # fmt: skip
        said = _join(shown)
        who = _reporter(h, profile) if role == "main" else None
        if who is not None:  # whose words they are: "Lorrance said the eastern districts ...", "..., police said"
            by = _join(_trim(_own(who, at)))
            said = f"{said}, {by}" if who.i > h.i else f"{by} {said}"
        out.append(Part(role, said, _join(own)))
    return out


def _reporting(t: Any, profile: LanguageProfile) -> bool:
    return bool(t.pos_ == "VERB" and t.lemma_.lower() in profile.speech_verbs)


def _reporter(h: Any, profile: LanguageProfile) -> Any | None:
    """The reporting verb whose words a main clause is: the one it is the complement of (or
    the complement's partner), or one set beside it ("..., police said")."""
    r = h
    while r.dep_ == "conj" and r.head.i != r.i:
        r = r.head
    if r.dep_ == "ccomp" and _reporting(r.head, profile):
        return r.head
    return next((c for c in r.children if c.dep_ == "parataxis" and _reporting(c, profile)), None)
