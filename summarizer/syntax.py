"""Syntax by a parser, not by word lists: parts of speech and dependencies from spaCy's small
English pipeline (``LanguageProfile.syntax_pipeline``), loaded once per process.

What the rest of the package asks of it is small and about *shape*, so it holds when no list
knows the words:

* ``statement(text, start, end)`` -- does the span hold a clause of its own: a finite verb
  (``VBD``/``VBZ``/``VBP``/a modal, or a finite auxiliary of the verb) with a subject,
  outside a relative or adverbial clause? "Dismissing X, who has not." and "Two dead after
  fire tears through plant" have none; "Two workers were killed." has one.
* ``subject(text, start, end)`` -- that clause's subject, and whether it leans on the sentence
  before: a personal pronoun ("He", "It"), a demonstrative ("That money", "This year") or a
  bare definite description with nothing that identifies it ("The man, 54, ...").
* ``has_verb(text)`` -- a headline's verb ("Fire kills two"), finite or not.

Each paragraph (line) is parsed on its own and once (``parse`` keeps the last few documents);
spans are read from it by character offsets. Pure code: no model of ours, no network (the pipeline is a package).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .language import ENGLISH, LanguageProfile

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_CACHE_SIZE = 64


class SyntaxUnavailable(RuntimeError):
    """The parser pipeline is not installed."""


@lru_cache(maxsize=2)
def _pipeline(name: str) -> Any:
    try:
        import spacy
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise SyntaxUnavailable("spaCy is not installed: pip install spacy") from e
    try:
        return spacy.load(name)
    except OSError as e:  # pragma: no cover - a dependency of the package
        raise SyntaxUnavailable(f"the parser pipeline {name!r} is not installed: pip install {name.replace('_', '-')}") from e


_docs: OrderedDict[tuple[str, str], Any] = OrderedDict()


def parse(text: str, profile: LanguageProfile = ENGLISH) -> Any:
    """The parsed document of ``text`` (the last few are kept: one article's paragraphs are
    asked about several times)."""
    key = (profile.syntax_pipeline, text)
    doc = _docs.get(key)
    if doc is None:
        doc = _pipeline(profile.syntax_pipeline)(text)
        _docs[key] = doc
        if len(_docs) > _CACHE_SIZE:
            _docs.popitem(last=False)
    else:
        _docs.move_to_end(key)
    return doc


def _paragraph_doc(
    text: str, start: int, end: int, profile: LanguageProfile, para: tuple[int, int] | None = None
) -> tuple[Any, int]:
    """The parse of the paragraph that holds ``text[start:end]``: ``para`` when given (a body
    paragraph without its dateline), else the line around it."""
    if para is not None:
        p0, p1 = para
    else:
        p0 = text.rfind("\n", 0, start) + 1
        p1 = text.find("\n", end)
        p1 = len(text) if p1 < 0 else p1
    return parse(text[p0:p1], profile), p0


def _tokens(doc: Any, start: int, end: int) -> list[Any]:
    return [t for t in doc if start <= t.idx and t.idx + len(t.text) <= end]


def _finite(verb: Any) -> bool:
    return verb.tag_ in FINITE_TAGS or any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in verb.children)


def _main(verb: Any, inside: set[int]) -> bool:
    """Is the verb the span's own root, or joined to it by "and"/"but" (``conj``)? A verb
    inside a relative, adverbial or complement clause is not: "Also revealed that the leaders
    were taken aback" has no subject of its own."""
    t = verb
    while t.dep_ == "conj" and t.head.i in inside and t.head.i != t.i:
        t = t.head
    if any(c.dep_ == "mark" for c in t.children):  # "that the checkpoints would stay ...": a clause cut from its sentence
        return False
    return t.head.i == t.i or t.head.i not in inside


@dataclass(frozen=True)
class Clause:
    """The main clause found in a span: its verb and its subject (character offsets)."""

    verb_start: int
    verb_end: int
    subject_start: int
    subject_end: int
    subject_head: str  # the subject's head word, as written
    leans_back: bool  # the subject points to the sentence before ("He", "That money", "The man")


def main_clause(
    text: str, start: int = 0, end: int | None = None, profile: LanguageProfile = ENGLISH, para: tuple[int, int] | None = None
) -> Clause | None:
    """The first clause of ``text[start:end]`` with a finite verb and a subject that is not
    inside a relative or adverbial clause; None for a fragment. One paragraph is parsed at a
    time (a subhead without a full stop would otherwise be read as the start of the next
    sentence)."""
    end = len(text) if end is None else end
    doc, p0 = _paragraph_doc(text, start, end, profile, para)
    toks = _tokens(doc, start - p0, end - p0)
    inside = {t.i for t in toks}
    best = None
    for t in toks:
        if t.dep_ not in SUBJECT_DEPS or t.head.i not in inside:
            continue
        verb = t.head
        if not _finite(verb) or not _main(verb, inside):
            continue
        rank = (verb.dep_ == "conj", t.i)
        if best is None or rank < best[0]:
            best = (rank, t, verb)
    if best is None:
        return None
    _, subj, verb = best
    sub = [x for x in subj.subtree if x.i in inside] or [subj]
    return Clause(
        verb_start=p0 + verb.idx,
        verb_end=p0 + verb.idx + len(verb.text),
        subject_start=p0 + sub[0].idx,
        subject_end=p0 + sub[-1].idx + len(sub[-1].text),
        subject_head=subj.text,
        leans_back=_leans_back(subj),
    )


def _leans_back(subj: Any) -> bool:
    """A subject that needs the sentence before it to be understood."""
    if subj.tag_ in ("PRP", "EX") or subj.dep_ == "expl":  # "He said", "It was", "There were"
        return True
    if subj.tag_ in ("DT", "WDT") and subj.pos_ == "PRON":  # "That was", "This is"
        return True
    kids = list(subj.children)
    if any("Dem" in k.morph.get("PronType") for k in kids if k.dep_ == "det"):  # "That money", "These people"
        return True
    if subj.pos_ in ("PROPN", "NUM") or subj.ent_type_:
        return False
    # "The man, 54, ...": a definite article and a common noun, nothing that says which one
    # (no name, adjective, compound, possessor, number or prepositional phrase)
    det = [k for k in kids if k.dep_ == "det"]
    identifying = [k for k in kids if k.dep_ in ("amod", "compound", "poss", "nummod", "prep", "relcl", "acl", "nmod")]
    return bool(det) and det[0].lower_ == "the" and not identifying and subj.pos_ == "NOUN"


def statement(
    text: str, start: int = 0, end: int | None = None, profile: LanguageProfile = ENGLISH, para: tuple[int, int] | None = None
) -> bool:
    """Does ``text[start:end]`` hold a clause of its own (a subject and a finite verb)?

    The parse decides first (``main_clause``); a long sentence the small parser misreads
    ("The church, whose tower has been a landmark since the 1860s, is surrounded by water")
    is still a statement when the tags alone show one: it opens with a capital letter, a
    digit or a quotation mark (a clause cut from its sentence opens in lower case: "also
    revealed that ...") and holds a finite verb that no relative pronoun opens since the last
    comma ("Dismissing X, who has not." has none)."""
    end = len(text) if end is None else end
    if main_clause(text, start, end, profile, para) is not None:
        return True
    first = next((ch for ch in text[start:end] if ch.isalnum()), "")
    if not first or first.islower():
        return False
    doc, p0 = _paragraph_doc(text, start, end, profile, para)
    relative = False
    for t in _tokens(doc, start - p0, end - p0):
        if t.text in (",", ";", ":", "\u2014", "\u2013", "(", ")"):
            relative = False
        elif t.tag_ in ("WP", "WDT", "WP$"):
            relative = True
        elif t.tag_ in FINITE_TAGS and not relative:
            return True
    return False


def has_verb(text: str, profile: LanguageProfile = ENGLISH) -> bool:
    """A verb of any form (headlinese drops auxiliaries: "Fire kills two", "Two dead after fire tears ...")."""
    return any(t.pos_ in ("VERB", "AUX") for t in parse(text, profile))


def opens_with_question_word(text: str, profile: LanguageProfile = ENGLISH) -> bool:
    """"What we know ...", "How the fire spread", "Why ...": an explainer's title, not a report."""
    doc = parse(text, profile)
    first = next((t for t in doc if not t.is_punct and not t.is_space), None)
    return first is not None and first.tag_ in ("WDT", "WP", "WRB")


_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})
_NOUN_LINKS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod"})



@dataclass(frozen=True)
class FigureFrame:
    """What a figure counts, read from the parse: the verb that governs its phrase ("approved"
    in "parliament approved $3.1 billion"), that verb's other arguments, and the nouns that
    qualify the counted noun, each with its modifiers ("of the first patient" -> "patient/first",
    "who were in contact with the two other patients" -> "contact", "patient/other,two")."""

    verb: str | None
    arguments: tuple[str, ...]
    qualifier: tuple[str, ...]
    counted: str | None = None  # the noun it counts ("form" in "two main forms of the disease")


def figure_frame(
    text: str, start: int, end: int, profile: LanguageProfile = ENGLISH, para: tuple[int, int] | None = None
) -> FigureFrame:
    """The frame of the figure at ``text[start:end]`` (lemmas, lower case)."""
    doc, p0 = _paragraph_doc(text, start, end, profile, para)
    toks = _tokens(doc, start - p0, end - p0) or [t for t in doc if t.idx <= start - p0 < t.idx + len(t.text)]
    if not toks:
        return FigureFrame(None, (), ())
    inside = {t.i for t in toks}
    head = next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[-1])
    noun = head.head if head.dep_ in _NOUN_LINKS and head.head.i not in inside else head
    skip = inside | {noun.i}
    qualifier = []
    for child in noun.rights:
        if child.dep_ in ("prep", "relcl", "acl"):
            for t in child.subtree:
                if t.pos_ in ("NOUN", "PROPN") and t.i not in skip:
                    mods = sorted(m.lemma_.lower() for m in t.children if m.dep_ in ("amod", "nummod") and m.i not in skip)
                    qualifier.append(t.lemma_.lower() + ("/" + ",".join(mods) if mods else ""))
    verb, t = None, noun
    for _ in range(5):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            verb = t
            break
        if t.head.i == t.i:
            break
        t = t.head
    arguments: list[str] = []
    if verb is not None:
        for child in verb.children:
            if child.i in skip or child.dep_ not in ("nsubj", "nsubjpass", "dobj", "attr", "prep", "agent", "dative"):
                continue
            heads = [g for g in child.children if g.dep_ == "pobj"] if child.dep_ in ("prep", "agent") else [child]
            arguments += [g.lemma_.lower() for g in heads if g.pos_ in ("NOUN", "PROPN") and g.i not in skip]
    counted = noun.lemma_.lower() if noun is not head and noun.pos_ in ("NOUN", "PROPN") else None
    return FigureFrame(verb.lemma_.lower() if verb is not None else None, tuple(arguments), tuple(qualifier[:8]), counted)


def _name_phrase(tok: Any, inside: set[int]) -> str:
    """A noun's name as written: its compounds, possessor and flat parts ("Prime Minister Helene
    Varga's office", "the Ardenan Dockworkers' Federation (ADF)")."""
    keep = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.i in inside and (c.dep_ in ("compound", "poss", "case", "flat", "nmod", "amod") or (c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > t.i)):
                keep.append(c)
                stack.append(c)
    keep.sort(key=lambda t: t.i)
    first, last = keep[0], keep[-1]
    doc = tok.doc
    out = doc[first.i : last.i + 1].text
    if last.i + 1 < len(doc) and doc[last.i + 1].text == ")" and "(" in out:
        out += ")"
    return out


def actors(
    text: str, start: int, end: int, profile: LanguageProfile = ENGLISH, para: tuple[int, int] | None = None
) -> list[tuple[str, str]]:
    """Who did what in ``text[start:end]``: (verb lemma, the doer's name) for each verb whose
    doer is named -- the "by X" of a passive ("was called by the Federation"), else a subject
    that is a name or an organisation ("Parliament approved ..."). A reporting verb with what
    was said ("X said that ...") and pronoun subjects are left out."""
    doc, p0 = _paragraph_doc(text, start, end, profile, para)
    toks = _tokens(doc, start - p0, end - p0)
    inside = {t.i for t in toks}
    out: list[tuple[str, str]] = []
    for v in toks:
        if v.pos_ != "VERB":
            continue
        reporting = v.lemma_.lower() in profile.speech_verbs or v.text.lower() in profile.speech_verbs
        if reporting and (any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in v.children) or v.dep_ == "parataxis"):
            continue  # "X said (that) ...": who speaks, not who did it
        doer = None
        for c in v.children:
            if c.dep_ == "agent":
                doer = next((g for g in c.children if g.dep_ == "pobj"), None)
                break
        if doer is None:
            doer = next((c for c in v.children if c.dep_ == "nsubj"), None)
            if doer is not None and not (doer.pos_ == "PROPN" or doer.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")):
                doer = None
        if doer is None and v.dep_ == "conj":  # "drawn up and proposed by X": the agent of the pair
            continue
        if doer is not None and doer.pos_ != "PRON" and doer.i in inside:
            out.append((v.lemma_.lower(), _name_phrase(doer, inside)))
    return out
