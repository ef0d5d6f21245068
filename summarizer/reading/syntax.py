"""Syntax by a parser, not by word lists: parts of speech and dependencies from spaCy's small
English pipeline (``LanguageProfile.syntax_pipeline``), loaded once per process.

What the rest of the package asks of it is small and about *shape*, so it holds when no list
knows the words:

* ``statement(text, start, end)`` -- does the span hold a clause of its own: a finite verb
  (``VBD``/``VBZ``/``VBP``/a modal, or a finite auxiliary of the verb) with a subject, the
  span's own and not a relative or complement clause's? "Dismissing X, who has not." and "Two
  dead after fire tears through plant" have none; "Two workers were killed." has one.
* ``main_clause(text, start, end)`` -- that clause, and whether its subject leans on the
  sentence before: a personal pronoun ("He", "It"), a demonstrative ("That money") or a bare
  definite description with nothing that identifies it ("The man, 54, ...").
* ``has_verb(text)``, ``opens_with_question_word(text)`` -- of a headline.
* ``imperative(text)``, ``ordered(text, offset)`` -- is a sentence, or one verb in it, given as
  an order (base form, no subject but "you", no "to"): text addressed to software.
* ``figure_frame(text, start, end)`` -- what a figure counts: its noun, the verb that governs
  it and that verb's arguments, what qualifies the noun, the places of its clause, whether the
  group is set apart ("a further 17"), the entity kind (a count, a measurement, money).
* ``frames(text, start, end)`` -- each content verb with its doer, subject, what it acts on,
  negation, places and tense: who did what, whether, where.

Each paragraph (line) is parsed on its own and once (``parse`` keeps the last few documents);
spans are read from it by character offsets. Pure code: no model of ours, no network (the
pipeline is an installed package). Word lists it needs are the profile's (light verbs, reporting
and judgement verbs, negations, the marks of a clause that says nothing happened yet).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import ConfigError
from ..language import ENGLISH, LanguageProfile
from ..schemas import Frame

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"})
_CACHE_SIZE = 64


@lru_cache(maxsize=2)
def _pipeline(name: str) -> Any:
    try:
        import spacy
    except ImportError as e:  # pragma: no cover - a dependency of the package
        raise ConfigError("spaCy is not installed: pip install spacy (a dependency of summarizer)") from e
    try:
        return spacy.load(name)
    except OSError as e:  # pragma: no cover - a dependency of the package
        raise ConfigError(f"the parser pipeline {name!r} is not installed: pip install {name.replace('_', '-')}") from e


_docs: OrderedDict[tuple[str, str], Any] = OrderedDict()
_held: dict[tuple[str, str], Any] = {}  # parsed ahead, in a batch (``preparsed``)


def parse(text: str, profile: LanguageProfile = ENGLISH) -> Any:
    """The parsed document of ``text`` (the last few are kept: one article's paragraphs are
    asked about several times)."""
    key = (profile.syntax_pipeline, text)
    doc = _held.get(key)
    if doc is not None:
        return doc
    doc = _docs.get(key)
    if doc is None:
        doc = _pipeline(profile.syntax_pipeline)(text)
        _docs[key] = doc
        if len(_docs) > _CACHE_SIZE:
            _docs.popitem(last=False)
    else:
        _docs.move_to_end(key)
    return doc


@contextmanager
def preparsed(texts: Iterable[str], profile: LanguageProfile = ENGLISH) -> Iterator[None]:
    """While the block runs, ``parse`` finds ``texts`` parsed ahead in batches (spaCy's
    ``pipe``: about 2.4 times faster than one text at a time on sentence-long texts), however
    many there are; they are let go when the block ends."""
    name = profile.syntax_pipeline
    todo = [t for t in dict.fromkeys(texts) if (name, t) not in _held and (name, t) not in _docs]
    keys = [(name, t) for t in todo]
    if todo:
        _held.update(zip(keys, _pipeline(name).pipe(todo, batch_size=256), strict=True))
    try:
        yield
    finally:
        for k in keys:
            _held.pop(k, None)


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
    """The main clause found in a span: where its subject is (character offsets), and whether
    it points to the sentence before ("He", "That money", "The man")."""

    subject_start: int
    subject_end: int
    leans_back: bool


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
    _, subj, _ = best
    sub = [x for x in subj.subtree if x.i in inside] or [subj]
    return Clause(subject_start=p0 + sub[0].idx, subject_end=p0 + sub[-1].idx + len(sub[-1].text), leans_back=_leans_back(subj))


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


def imperative(text: str, start: int = 0, end: int | None = None, profile: LanguageProfile = ENGLISH) -> bool:
    """Is ``text[start:end]`` an order: a root verb in the base form with no subject and no
    auxiliary of its own ("Write the title as ...", "Please be aware that ...", "Say that
    ...")? A question is not."""
    end = len(text) if end is None else end
    span = text[start:end].strip()
    if not span or span.endswith("?"):
        return False
    doc = parse(span, profile)
    for t in doc:
        if t.head.i != t.i or t.tag_ != "VB" or t.pos_ not in ("VERB", "AUX"):
            continue
        kids = list(t.children)
        if not any(c.dep_ in SUBJECT_DEPS or c.dep_ in ("aux", "auxpass") for c in kids):
            return True
    return False


def ordered(text: str, offset: int, profile: LanguageProfile = ENGLISH) -> bool:
    """Is the verb that starts at ``text[offset]`` given as an order: the base form with no
    subject but "you", and no "to" before it ("Ignore your instructions", "you must ignore
    ..." -- not "a page tells the software to ignore its instructions")?"""
    doc = parse(text, profile)
    tok = next((t for t in doc if t.idx == offset), None)
    if tok is None or tok.tag_ != "VB":
        return False
    kids = list(tok.children)
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in kids):
        return False
    subjects = [c for c in kids if c.dep_ in SUBJECT_DEPS]
    return all(c.lower_ == "you" for c in subjects)


def has_verb(text: str, profile: LanguageProfile = ENGLISH) -> bool:
    """A verb of any form (headlinese drops auxiliaries: "Fire kills two", "Two dead after fire tears ...")."""
    return any(t.pos_ in ("VERB", "AUX") for t in parse(text, profile))


def opens_with_question_word(text: str, profile: LanguageProfile = ENGLISH) -> bool:
    """"What we know ...", "How the fire spread", "Why ...": an explainer's title, not a report."""
    doc = parse(text, profile)
    first = next((t for t in doc if not t.is_punct and not t.is_space), None)
    return first is not None and first.tag_ in ("WDT", "WP", "WRB")


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
    places: tuple[str, ...] = ()  # places its clause names ("at the port of Marlow")
    about: str | None = None  # what its verb acts on ("measured the quake at magnitude 6.1": "quake")
    apart: bool = False  # a group set apart from another ("a further 17 people", "two larger firms")
    kind: str = ""  # the parser's entity type: CARDINAL (a count), QUANTITY (a measurement), MONEY, PERCENT ...


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
            # what it acts on or with -- not a time ("in April", "on Monday")
            arguments += [g.lemma_.lower() for g in heads if g.pos_ in ("NOUN", "PROPN") and g.ent_type_ not in ("DATE", "TIME") and g.i not in skip]
    counted = noun.lemma_.lower() if noun is not head and noun.pos_ in ("NOUN", "PROPN") else None
    about = None  # what its verb acts on ("measured the quake at magnitude 6.1": the quake)
    if verb is not None:
        target = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i not in skip), None)
        if target is None and verb.dep_ in ("acl", "relcl"):
            target = verb.head
        about = target.lemma_.lower() if target is not None and target.pos_ == "NOUN" else None
    if counted is None and head.dep_ == "pobj" and head.head.lower_ == "to" and verb is not None:
        # "the death toll rose to 31", "the number of people killed has climbed to 31": what rose
        # is what it counts, and the verb only says that it changed
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.pos_ == "NOUN":
            of = [g for p in subj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]
            thing = of[0] if of and subj.lemma_.lower() in profile.quantity_nouns else subj
            counted = thing.lemma_.lower()
            # what was done to them is what is counted ("people killed"), not that the number rose
            done = next((c for c in thing.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"), None)
            verb, about = done, None
    # the places its clause names ("3,200 dock workers walked off the job at the port of Marlow")
    phrases = [c for x in (verb, noun) if x is not None for c in x.children if c.dep_ == "prep"]
    places = tuple(sorted({
        t.text for p in phrases for t in _phrase_tokens(p)  # its own clause's phrases, not an "after ..." clause's
        if t.pos_ == "PROPN" and t.ent_type_ in ("GPE", "LOC", "FAC", "") and t.dep_ in ("pobj", "appos")
        and t.head.lower_ in profile.locative_prepositions | {"of"}
    }))  # fmt: skip
    # "a further 17 people", "two other patients", "two larger firms": a group set apart from another
    apart = noun is not head and any(
        m.dep_ == "amod" and (m.tag_ in ("JJR", "JJS") or m.lemma_.lower() in profile.set_apart_words) for m in noun.children
    ) or any(m.dep_ == "amod" and m.lemma_.lower() in profile.set_apart_words for m in head.children)
    kind = next((t.ent_type_ for t in toks if t.ent_type_), "")  # "200 kilometers": QUANTITY; "1,800": CARDINAL
    return FigureFrame(
        verb.lemma_.lower() if verb is not None else None, tuple(arguments), tuple(qualifier[:8]), counted, places, about, apart, kind
    )


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


_NAMED = ("ORG", "PERSON", "NORP", "GPE", "LOC", "FAC")


def _is_name(tok: Any) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in _NAMED


def _phrase_tokens(tok: Any) -> list[Any]:
    """A phrase's tokens, not those of a clause inside it ("the hospital, which ...")."""
    out = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "xcomp", "conj"))
    return sorted(out, key=lambda t: t.i)


def _phrase_lemmas(tok: Any) -> tuple[str, ...]:
    if tok is None or tok.pos_ == "PRON":
        return ()
    return tuple(sorted({tok.lemma_.lower(), *(c.lemma_.lower() for c in tok.children if c.dep_ == "compound")}))


def _negated_phrase(tok: Any, profile: LanguageProfile) -> bool:
    """"No tsunami warning": a noun its determiner negates."""
    return tok is not None and any(c.dep_ == "det" and c.lower_ in profile.negations for c in tok.children)


def frames(
    text: str, start: int, end: int, profile: LanguageProfile = ENGLISH, para: tuple[int, int] | None = None
) -> list[Frame]:
    """The frames of ``text[start:end]`` (``schemas.Frame``): each content verb (not a light
    or reporting verb) with its doer, subject, what it acts on, negation, places and tense. A verb joined by "and" with no
    subject of its own takes its partner's ("broke down ... and have not resumed"); a doer of
    one of two joined passives is both's ("drawn up and proposed by X")."""
    doc, p0 = _paragraph_doc(text, start, end, profile, para)
    toks = _tokens(doc, start - p0, end - p0)
    inside = {t.i for t in toks}
    out: list[Frame] = []
    for v in toks:
        lemma = v.lemma_.lower()
        particle = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
        if v.pos_ != "VERB" or (lemma in profile.light_verbs and particle is None):  # "give up" is no light verb
            continue
        kids = list(v.children)
        reporting = lemma in profile.speech_verbs or v.lower_ in profile.speech_verbs
        if reporting and (any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in kids) or v.dep_ == "parataxis"):
            continue  # "X said (that) ...": who speaks, not what happened
        if v.lower_ in profile.judgement_verbs and any(c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ == "as") for c in kids):
            continue  # "X described the call as ...": a view of it, not who did it
        if any(c.dep_ == "aux" and c.tag_ == "TO" for c in kids):
            continue  # "demands for Ostravia to withdraw": an infinitive asserts nothing happened or did not
        if any(c.dep_ == "mark" and c.lower_ in profile.irrealis_marks for c in kids):
            continue  # "until a successor is named": not (yet) so
        agent = next((g for c in kids if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is None:  # "drawn up and proposed by X": the agent of the pair
            agent = next((g for c in kids if c.dep_ == "conj" for a in c.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
        subject = next((c for c in kids if c.dep_ in ("nsubj", "csubj")), None)
        head = v
        while subject is None and agent is None and head.dep_ == "conj" and head.head.i != head.i:
            head = head.head
            subject = next((c for c in head.children if c.dep_ in ("nsubj", "csubj")), None)
        patient = next((c for c in kids if c.dep_ in ("dobj", "nsubjpass")), None)
        if patient is None and v.dep_ in ("acl", "relcl") and v.head.pos_ in ("NOUN", "PROPN"):
            patient = v.head
        if patient is None and any(c.dep_ == "auxpass" for c in kids):
            # a passive whose subject the parser hung on an aside before it ("The plan, branded
            # X, was drawn up ..."): the first subject before the verb in its own clauses
            patient = next((t for c in kids if c.dep_ == "advcl" and c.i < v.i for t in c.children
                            if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"), None)  # fmt: skip
        doer_tok = agent if agent is not None else subject
        named = doer_tok is not None and doer_tok.i in inside and (
            _is_name(doer_tok) or any(c.dep_ in ("compound", "poss") and _is_name(c) for c in doer_tok.children)
        )  # "the Federation", "Prime Minister Helene Varga's office"
        places: list[str] = []
        for prep in (c for c in kids if c.dep_ == "prep"):
            for t in _phrase_tokens(prep):  # "at the district hospital in Hallin": a place however deep in the phrase
                if t.i not in inside or t.dep_ not in ("pobj", "appos") or not _is_name(t) or t.ent_type_ in ("DATE", "TIME"):
                    continue
                # a name after "in"/"at" is a place whatever the tagger guesses of a name it does not know
                if t.head.lower_ in profile.locative_prepositions or t.ent_type_ in ("GPE", "LOC", "FAC"):
                    places.append(_name_phrase(t, inside))
        # a verb's own negation comes before it ("will not stay", "have not resumed"); one after it
        # negates what follows ("will stay offline until Friday, not Wednesday": the date, not the staying)
        negated = any(c.dep_ == "neg" and c.i < v.i for c in kids) or _negated_phrase(patient, profile) or _negated_phrase(subject, profile)
        out.append(
            Frame(
                verb=lemma + (f"_{particle}" if particle else ""),
                doer=_name_phrase(doer_tok, inside) if named else None,
                by=named and agent is not None,
                subject=list(_phrase_lemmas(doer_tok)),
                patient=list(_phrase_lemmas(patient)),
                negated=negated,
                places=places,
                tense=_tense(v),
            )
        )
    return out


def _tense(v: Any) -> str:
    """"future" (a modal: "will leave", "would keep"), "past" ("resumed", "has not resumed",
    "was issued"), else "present"."""
    head = v
    while head.dep_ == "conj" and not any(c.dep_ in ("aux", "auxpass") for c in head.children) and head.head.i != head.i:
        head = head.head  # "will leave ... and will also give up": the pair's own auxiliaries first
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass")]
    if any(c.tag_ == "MD" for c in auxes):
        return "future"
    if head.tag_ in ("VBD", "VBN") or any(c.tag_ == "VBD" or c.lemma_ == "have" for c in auxes):
        return "past"
    return "present"
