"""The units the fact merge compares: every claim (and key point) of every article, with its
words, figures, dates, names, frames and quoted phrases read once (``prepare``), and the pairs
of units that quote each other (``quoting_pairs``) or look ahead to other dates (``moved_dates``)."""

from __future__ import annotations

import datetime
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

from ..language import ENGLISH, LanguageProfile
from ..reading.quantities import find_quantities
from ..reading.text import WORD, folded, quoted_spans, stem_word, words
from ..schemas import (
    ArticleResult,
    Claim,
    Figure,
    Frame,
)
from .tuning import Weights


@dataclass
class Fig:
    figure: Figure
    noun: str | None  # stem
    measure: dict[str, float]  # what it measures: stems (and next figures) with their closeness
    was: Figure | None = None  # the earlier value the claim itself gives it ("22 contacts, up from 14")
    denied: bool = False  # its verb is negated wherever the claim uses it ("2,100 people are still not allowed back")


@dataclass
class Unit:
    """One claim of one article, prepared for comparison."""

    k: int
    source: str
    claim: Claim
    published: str | None
    voice: str
    position: float  # 0 = the article's first statement, 1 = its last
    stems: frozenset[str]  # content-word stems
    feats: frozenset[str]  # content stems, figures ("#hour:2"), dates ("@2025-08-22"), quoted phrases ("q:...")
    quote_fragments: frozenset[str]  # short quotations (``Weights.quoted_run`` to ``quoted_phrase_max`` words)
    quoted_text: str  # every quotation's words
    figs: list[Fig]
    direction: dict[int, int]
    negated: frozenset[str]  # stems a negation governs
    has_negative: bool  # any negation or negative verb ("rejected"): polarity is not clean
    places: frozenset[str]  # stems after a place preposition
    days: frozenset[str]  # day-precision dates
    words: tuple[str, ...]  # its words (``reading.text.words``), read once for every step that needs them
    future: dict[str, str] = field(default_factory=dict)  # dates it looks ahead to (key -> as written): "will leave on January 1"
    years: frozenset[str] = frozenset()  # years it names ("In 2019, ..."): another time than the report's
    frames: tuple[UFrame, ...] = ()  # its verbs with their arguments (who, what, whether, where)


@dataclass(frozen=True)
class UFrame:
    """A claim's frame prepared for comparison (``schemas.Frame``): stems and name keys."""

    verb: str
    doer: frozenset[str]  # name keys of the named doer
    doer_text: str
    subject: frozenset[str]
    patient: frozenset[str]
    negated: bool
    places: frozenset[str]  # name keys
    places_text: str
    tense: str = "present"
    by: bool = False


def uframe(f: Frame, profile: LanguageProfile) -> UFrame:
    def keys(text: str) -> frozenset[str]:
        """A name's words as keys, without titles ("Prime Minister", "Finance Minister" say who
        in office, not which person) and possessive endings."""
        names = (_POSSESSIVE.sub("", w) for w in _tokens_of(text) if w[:1].isupper())
        return frozenset(_entity_key(w.lower()) for w in names if w.lower() not in profile.title_words)

    return UFrame(
        verb="_".join(profile.stem(w) for w in f.verb.split("_")),
        doer=keys(f.doer or ""), doer_text=f.doer or "",
        subject=frozenset(profile.stem(w) for w in f.subject), patient=frozenset(profile.stem(w) for w in f.patient),
        negated=f.negated,
        places=frozenset(k for p in f.places for k in keys(p)), places_text=", ".join(f.places), tense=f.tense, by=f.by,
    )  # fmt: skip


@dataclass
class Slot:
    """A detail on which two claims differ."""

    kind: str  # number / direction / place / date
    subject: str
    a_value: str
    b_value: str
    evolution: bool = False
    a_key: str = ""  # which detail of each claim (a figure's offset, "dir:<stem>"): one disagreement per detail
    b_key: str = ""


_PUNCTUATION_BREAK = r"[,;:()\u2014\u2013]"


def _breaks(profile: LanguageProfile) -> re.Pattern[str]:
    """Where a figure's clause ends: punctuation, or a word that opens a new clause ("and", "but")."""
    words_ = "|".join(sorted(map(re.escape, profile.clause_openers)))
    return re.compile(rf"{_PUNCTUATION_BREAK}|\b(?:{words_})\b", re.IGNORECASE)


def _key_point_claims(r: ArticleResult, profile: LanguageProfile) -> list[Claim]:
    """Per-article JSON written before claims existed: its key points stand in for them."""
    out = []
    for k in r.key_points:
        if not k.evidence:
            continue  # not found in the article: not a statement the briefing can cite
        span = k.evidence[0]
        # offsets are into the key point's text: only their order and neighbours are used
        figures = [q.figure(span.start) for q in find_quantities(k.text, profile)]
        out.append(Claim(id=k.id, text=k.text, start=span.start, end=span.end, figures=figures, key=True))
    return out


def _tokens_of(text: str) -> list[str]:
    return WORD.findall(text)


def _date_key(d) -> str:
    """A date compared across articles: its ISO date, else its words (month and day as written)."""
    if d.date:
        return d.date
    return " ".join(w for w in words(d.surface) if w not in ("on", "in", "at", "the", "of", "by"))


def _entity_key(token: str) -> str:
    """Names compared loosely: the first six letters (Dorenko = Dorenkko, Ostravia = Ostravian)."""
    return "e:" + token.strip(".'")[:6]


_LOWER_WORD = re.compile(r"(?<![\w.])[a-z][\w'’-]*")  # a word the briefing writes in lower case
_POSSESSIVE = re.compile(r"['\u2019]s$")


class Lexicon:
    """What is read of a text once per plan: its words (``reading.text.words``), the stem of
    each word (``stem_words``) and its content stems (``reading.text.content_stems``). The
    copies, the units, the lead and the quotes all read the briefing's claims; one ``Lexicon``
    lives as long as its plan, so it holds that briefing's texts and words only."""

    def __init__(self, profile: LanguageProfile):
        self.profile = profile
        self._written: dict[str, list[str]] = {}
        self._quoted: dict[str, list[tuple[int, int]]] = {}
        self._words: dict[str, tuple[str, ...]] = {}
        self._content: dict[str, list[str]] = {}
        self._stems: dict[str, str] = {}  # word -> stem
        self._keep: dict[str, bool] = {}  # word -> a content word?
        self._text_stems: dict[str, list[str]] = {}

    def quoted(self, text: str) -> list[tuple[int, int]]:
        """``reading.text.quoted_spans`` of ``text`` (the list is shared: not to be changed)."""
        got = self._quoted.get(text)
        if got is None:
            got = self._quoted[text] = quoted_spans(text)
        return got

    def written(self, text: str) -> list[str]:
        """The words of ``text`` as written (``reading.text.WORD``; the list is shared: not to be changed)."""
        got = self._written.get(text)
        if got is None:
            got = self._written[text] = WORD.findall(text)
        return got

    def words(self, text: str) -> tuple[str, ...]:
        """``reading.text.words`` of ``text``: its words as written, ``folded``."""
        got = self._words.get(text)
        if got is None:
            got = self._words[text] = tuple(folded(self.written(text)))
        return got

    def stems(self, text: str) -> list[str]:
        """``stem_words`` of the words of ``text``, each word stemmed once per plan (the list is
        shared: not to be changed)."""
        got = self._text_stems.get(text)
        if got is None:
            ws, known = self.words(text), self._stems
            for t in set(ws).difference(known):  # words this plan has not stemmed yet
                known[t] = stem_word(t, self.profile)
            got = self._text_stems[text] = list(map(known.__getitem__, ws))
        return got

    def content_stems(self, text: str) -> list[str]:
        """``reading.text.content_stems`` of ``text`` (the list is shared: not to be changed)."""
        got = self._content.get(text)
        if got is None:
            ws, keep, stop = self.words(text), self._keep, self.profile.stop_words
            for w in set(ws).difference(keep):  # a content word: no stop word, no speech verb, two letters or more
                keep[w] = w not in stop and w not in self.profile.speech_verbs and len(w) > 1
            got = self._content[text] = [st for w, st in zip(ws, self.stems(text), strict=True) if keep[w] and st not in stop]
        return got


class _Words:
    """What is read of each word once per briefing (whether it says anything) and the profile's
    patterns, for reading every claim of the briefing."""

    def __init__(self, results: Sequence[ArticleResult], profile: LanguageProfile):
        self.profile = profile
        # the words the briefing writes in lower case somewhere (no word runs from one claim into the next)
        self.lower: set[str] = set(_LOWER_WORD.findall("\n".join(c.text for r in results for c in r.claims)))
        self.breaks = _breaks(profile)
        froms = [m for m in profile.update_markers if m.endswith(" from")]
        self.old_value = re.compile(rf"\b(?:{'|'.join(map(re.escape, froms))})\s*$", re.IGNORECASE) if froms else re.compile(r"(?!)")
        self.negative = {profile.stem(w) for pair in profile.direction_pairs for w in pair[1:]}
        self.directed = frozenset(st for pair in profile.direction_stems for st in pair)  # a claim without one has no direction
        self.marks = profile.negations | profile.locative_prepositions
        self._says: dict[str, bool] = {}
        self._frames: dict[tuple, UFrame] = {}

    def frame(self, f: Frame) -> UFrame:
        """``uframe``, once per frame the briefing's claims repeat (one verb with the same arguments)."""
        key = (f.verb, f.doer, tuple(f.subject), tuple(f.patient), f.negated, tuple(f.places), f.tense, f.by)
        got = self._frames.get(key)
        if got is None:
            got = self._frames[key] = uframe(f, self.profile)
        return got

    def says(self, t: str) -> bool:
        """Does the word say what happened (not a stop word, speech verb or title; two letters or more)?"""
        got = self._says.get(t)
        if got is None:
            p = self.profile
            got = self._says[t] = not (t in p.stop_words or t in p.speech_verbs or t in p.title_words or len(t) < 2)
        return got

    def content_and_names(
        self, c: Claim, ws: Sequence[str], written: list[str], stems_all: list[str], starts: list[int]
    ) -> tuple[set[str], set[str]]:
        """A claim's content-word stems and its names: a capitalised word is a name unless the
        briefing also writes it in lower case somewhere. ``ws``: its words (``reading.text.words``),
        ``written`` the same as written, ``stems_all`` their stems, ``starts`` their offsets (read
        for a claim with figures only)."""
        content: set[str] = set()
        names: set[str] = set()
        stop, lower, says = self.profile.stop_words, self.lower, self._says
        for t in set(ws).difference(says):
            self.says(t)
        rows: Iterable[tuple[str, str, str]] = zip(ws, stems_all, written, strict=True)
        if c.figures:  # "four", "billion": the figure feature speaks for them
            spans = [(f.start - c.start, f.end - c.start) for f in c.figures]
            rows = (row for row, s0 in zip(rows, starts, strict=True) if not any(a <= s0 < b for a, b in spans))
        for t, st, w in rows:
            if not says[t]:
                continue
            if w[0].isupper() and t not in lower:  # (``folded``: its apostrophes are straight)
                names.add(_entity_key(t))
            elif st not in stop:
                content.add(st)
        return content, names

    def turns(self, ws: Sequence[str], stems_all: list[str], content: set[str]) -> tuple[dict[int, int], set[str], bool, set[str]]:
        """A claim's directions (profile pair -> +1 / -1 / 0 for both), the stems a negation
        governs, whether it is negative at all, and the stems after a place preposition."""
        p, said = self.profile, set(stems_all)
        direction: dict[int, int] = {}
        for k, (pos, neg) in enumerate(p.direction_stems) if not self.directed.isdisjoint(said) else ():
            if pos in said:
                direction[k] = 1
            if neg in said:
                direction[k] = -1 if k not in direction else 0
        negated: set[str] = set()
        has_negative = bool(self.negative & said)
        places: set[str] = set()
        if self.marks.isdisjoint(ws) and "n't" not in " ".join(ws):
            return direction, negated, has_negative, places  # no negation and no place preposition in its words
        last = len(ws) - 1
        negations, prepositions = p.negations, p.locative_prepositions
        for i, t in enumerate(ws):
            if t in negations or t.endswith("n't"):
                has_negative = True
                nxt = [stems_all[j] for j in range(i + 1, min(i + 4, len(ws))) if stems_all[j] in content]
                if nxt:
                    negated.add(nxt[0])
            if i < last and t in prepositions:
                following = [stems_all[j] for j in range(i + 1, min(i + 5, len(ws))) if stems_all[j] in content]
                places.update(following[:3])
        return direction, negated, has_negative, places


def prepare(
    results: Sequence[ArticleResult], voices: dict[str, str], profile: LanguageProfile, weights: Weights = Weights(),
    lexicon: Lexicon | None = None,
) -> list[Unit]:
    """Claims -> units: content words (stems), names, figures, dates and quoted phrases.

    A capitalised word is a name unless the briefing also writes it in lower case somewhere
    ("Police arrested ..." vs "the police"); titles and speech verbs are neither: they say
    who, not what. ``weights``: how much around a figure or a quotation is read; ``lexicon``:
    the plan's, which keeps the claims' words for the steps after this one."""
    lexicon = lexicon if lexicon is not None else Lexicon(profile)
    read = _Words(results, profile)
    units: list[Unit] = []
    for r in results:
        claims = r.claims or _key_point_claims(r, profile)
        n = max(1, len(claims) - 1)
        for rank, c in enumerate(claims):
            ws = lexicon.words(c.text)
            stems_all = lexicon.stems(c.text)
            # where the words are and where a figure's clause ends: what only a figure needs
            # (``words`` lower-cases ASCII alone, which moves no word: its offsets are the text's)
            starts = [m.start() for m in WORD.finditer(c.text)] if c.figures else []
            breaks = [m.start() for m in read.breaks.finditer(c.text)] if c.figures else []
            content, names = read.content_and_names(c, ws, lexicon.written(c.text), stems_all, starts)
            figs = _figures(c, starts, stems_all, content, breaks, read.old_value, profile, weights)
            direction, negated, has_negative, places = read.turns(ws, stems_all, content)
            feats = set(content) | names
            fragments: set[str] = set()
            quoted_words: list[str] = []
            if figs:
                feats |= {f"#{f.figure.unit}:{f.figure.value:g}" for f in figs}
            if c.dates:
                feats |= {f"@{d.date}" for d in c.dates if d.date}
            for q0, q1 in lexicon.quoted(c.text):
                quoted = words(c.text[q0:q1])
                if len(quoted) <= weights.quoted_phrase_max:
                    feats.add("q:" + " ".join(quoted))
                    if len(quoted) >= weights.quoted_run:
                        fragments.add(" ".join(quoted))
                quoted_words.append(" ".join(quoted))
            units.append(
                Unit(
                    k=len(units), source=r.source.id, claim=c, published=r.source.published.iso,
                    voice=voices.get(r.source.id, r.source.id), position=rank / n, stems=frozenset(content),
                    feats=frozenset(feats), quote_fragments=frozenset(fragments), quoted_text=" | ".join(quoted_words), figs=figs, direction=direction,
                    negated=frozenset(negated), has_negative=has_negative,
                    places=frozenset(places),
                    days=frozenset(d.date for d in c.dates if d.date and d.precision == "day") if c.dates else frozenset(), words=ws,
                    future={_date_key(d): d.surface for d in c.dates if d.future} if c.dates else {},
                    years=frozenset([c.year] if c.year else ()),
                    frames=tuple(read.frame(f) for f in c.frames),
                )
            )  # fmt: skip
    return units


def _figures(
    c: Claim, starts: list[int], stems_all: list[str], content: set[str], breaks: list[int],
    old_value: re.Pattern[str], profile: LanguageProfile, weights: Weights,
) -> list[Fig]:
    """A claim's figures, each with what it measures; an earlier value ("up from 14") is kept
    on the figure before it, not counted as a figure of its own."""
    figs: list[Fig] = []
    for f in c.figures:
        a, b = f.start - c.start, f.end - c.start
        if old_value.search(c.text[max(0, a - 12) : a]):
            # "22 contacts, up from 14": the earlier value of the figure before it, not a figure of its own
            if figs and figs[-1].figure.unit == f.unit:
                figs[-1].was = f
            continue
        # what it measures: its noun, the nearest content words either side within its
        # clause (nearer weighs more), and a figure right next to it ("six of the nine")
        lo = max((x for x in breaks if x <= a), default=0)
        hi = min((x for x in breaks if x >= b), default=len(c.text))
        around = [(s0, st) for s0, st in zip(starts, stems_all, strict=True) if st in content and lo <= s0 < hi]
        before = [st for s0, st in around if s0 < a][-weights.window :]
        after = [st for s0, st in around if s0 >= b][: weights.window]
        measure: dict[str, float] = {}
        for side in (before[::-1], after):
            for d, st in enumerate(side, 1):
                measure[st] = max(measure.get(st, 0.0), 1 / (1 + d / 2))
        for g in c.figures:
            if g is not f and min(abs(g.start - f.end), abs(f.start - g.end)) <= weights.next_figure_chars:
                measure[f"#{g.unit}:{g.value:g}"] = 1.0
        counted = f.counted or f.noun  # the parse's noun, else the one the figure reader found
        noun = profile.stem(counted.lower().split("-")[-1]) if counted else None
        if noun:
            measure[noun] = 1.0
        for place in f.places:  # "at the port of Marlow": where it was counted
            measure["p:" + place.lower()] = 1.0
        for arg in f.arguments:  # what its verb acts on or with: "treated for minor injuries"
            st = profile.stem(arg)
            measure[st] = max(measure.get(st, 0.0), weights.argument_weight)
        own = [fr.negated for fr in c.frames if f.verb and fr.verb.split("_")[0] == f.verb]  # ("allow_back": the verb with its particle)
        figs.append(Fig(f, noun, measure, denied=bool(own) and all(own)))
    return figs


def quoting_pairs(units: list[Unit]) -> set[tuple[int, int]]:
    """Pairs (i < j) where one claim's short quotation occurs in the other's quoted words: one
    search per quotation through all quoted words at once, instead of one per pair."""
    quoted = [(u.k, u.quoted_text) for u in units if u.quoted_text]
    if not quoted:
        return set()
    starts, parts, pos = [], [], 0
    for _, text in quoted:
        starts.append(pos)
        parts.append(text)
        pos += len(text) + 1
    haystack = "\x00".join(parts)  # no quotation holds a NUL: none is found across two claims
    out: set[tuple[int, int]] = set()
    for u in units:
        for frag in u.quote_fragments:
            at = haystack.find(frag)
            while at >= 0:
                k = quoted[bisect_right(starts, at) - 1][0]
                if k != u.k:
                    out.add((min(k, u.k), max(k, u.k)))
                at = haystack.find(frag, at + 1)
    return out


def statement(
    members: list[Unit], disputed: set[int], borrowed: AbstractSet[int] = frozenset(), profile: LanguageProfile = ENGLISH,
    support: dict[int, int] | None = None, weights: Weights = Weights(),
) -> Unit:
    """The member to show: its own (not one it shares with another fact), the one the most
    other articles state directly (``support``), undisputed, not someone's speech, readable
    alone (no pronoun in its first words: "Tallis called it ..."), a key point, then the
    shortest."""

    def rank(u: Unit) -> tuple:
        w = u.words
        leans = any(t in profile.pronouns for t in w[: weights.pronoun_words])
        return (u.claim.continues, u.k in borrowed, -(support or {}).get(u.k, 0), u.k in disputed, u.claim.quoted, leans,
                not u.claim.key, len(w) < 5, len(w), u.source, u.claim.start)  # fmt: skip

    return min(members, key=rank)


def sentence_case(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


_ISO_DATE = re.compile(r"(\d{4})-(\d\d)(?:-(\d\d))?")


def _date_parts(key: str, profile: LanguageProfile) -> tuple[int | None, int | None, int | None]:
    """(month, day, weekday) of a date key: an ISO date or the words as written ("end february")."""
    m = _ISO_DATE.fullmatch(key)
    if m:
        month, day = int(m.group(2)), int(m.group(3)) if m.group(3) else None
        weekday = None
        if day is not None:
            weekday = datetime.date(int(m.group(1)), month, day).weekday()
        return month, day, weekday
    ws = key.split()
    named_month = next((profile.months[w.rstrip(".")] for w in ws if w.rstrip(".") in profile.months), None)
    day = next((int(w) for w in ws if w.isdigit() and 1 <= int(w) <= 31), None)
    weekday = next((profile.weekdays[w] for w in ws if w in profile.weekdays), None)
    return named_month, day, weekday


def moved_dates(a: Unit, b: Unit, profile: LanguageProfile) -> tuple[str, str] | None:
    """Both claims look ahead to a date and no date of one is a date of the other: (a's words,
    b's words). Dates are compared by month, then day, then weekday, where both give them."""
    if not a.future or not b.future:
        return None
    for ka in a.future:
        for kb in b.future:
            pa, pb = _date_parts(ka, profile), _date_parts(kb, profile)
            comparable = [(x, y) for x, y in zip(pa, pb, strict=True) if x is not None and y is not None]
            if not comparable or all(x == y for x, y in comparable):
                return None  # the same date (or one that cannot be told apart)
    return ", ".join(a.future.values()), ", ".join(b.future.values())
