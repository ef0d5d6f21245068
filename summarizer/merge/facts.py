"""Facts across articles: each statement once with every outlet that makes it, and where they differ.

The units are the articles' **claims** (every statement of the body, found by code; see
``summarizer.reading.claims``), so the comparison does not depend on which five points a model
picked. For each candidate pair of claims from different articles (blocking: shared rare
words, figures, quoted words) code compares:

* **similarity** -- a weighted overlap (Ochiai, words weighted by rarity across the
  briefing's claims) of content-word stems, figures ("hour:2"), dates and short quoted
  phrases (“meaningful and frank”);
* **slots** -- the details that make two similar statements *different* facts: a figure
  that measures the same thing with another value ("four others were taken to hospital" vs
  "sent six people to hospital": matched by what is counted and the words around it), a
  direction ("rose" vs "fell"), a negation of the same word ("had not ruled out" vs "ruled
  out"), a place ("in the storage wing" vs "in the packing hall"), another day.

Decisions: similar with no differing slot -> **same**; similar with a differing figure but
otherwise the same statement (another figure agrees, or the rest is near-identical) ->
**same, disputed**: one fact, marked, plus a disagreement on that figure; a differing slot
in an otherwise related statement -> **conflict**; dissimilar -> **unrelated**. What code
cannot settle (a middle band of similarity) is **asked** -- all such pairs of a briefing in
one batched, grammar-constrained call (``summarizer.merge.adjudication``) -- and the model's
answer is checked: "conflict" is kept only where code finds a differing slot.

Facts are groups of "same" claims, joined with average linkage under a veto: every two
members from different articles must at least be related, none in conflict (so a chain
through a sentence that states two facts cannot glue those facts together); such a sentence
joins both facts. A figure that differs between articles
dated on different days is an **evolution** (a rising death toll), in date order.
Corroboration counts independent voices (``copies``): a wire story run twice is one.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import combinations

from ..language import ENGLISH, LanguageProfile
from ..reading.grounding import normalize
from ..reading.quantities import find_quantities
from ..reading.text import quoted_spans, stem_words, words
from ..schemas import (
    ArticleResult,
    BriefingEvent,
    BriefingFact,
    Claim,
    Disagreement,
    Evidence,
    Figure,
    Position,
    Span,
)
from .copies import count_voices
from .index import UnionFind, candidate_pairs, content_id, uniq


@dataclass(frozen=True)
class Thresholds:
    """What a user might tune: when two statements are one fact, and how many pairs to ask about.

    Chosen on the labelled seeds and test stories (README "Quality"); re-measure a change with
    ``summarizer evaluate``."""

    #: similarity at or above which two claims with no differing detail are one fact
    same: float = 0.45
    #: below: unrelated; between ``ask`` and ``same``: asked (or unrelated without a model)
    ask: float = 0.3
    #: two articles that share this many statements at ``same`` report one occasion ...
    aligned_min: int = 2
    #: ... and their other statements are compared with these (a prior, not a word list)
    same_aligned: float = 0.35
    ask_aligned: float = 0.25
    #: pairs sent to the model in the one adjudication call (most similar first)
    max_questions: int = 24


CONFLICT_MIN = 0.3  # similarity of the rest of two claims with a differing slot to call it a conflict
VALUE_RATIO_MAX = 10  # two figures further apart than this factor measure different things
ARGUMENT_WEIGHT = 0.5  # closeness given to the arguments of a figure's verb in what it measures
EQUAL_PREFERENCE = 1.3  # an equal value's match counts this much more when figures are paired
STRONG_MEASURE = 1.5  # two figures this alike in what they measure (noun, verb, words) are about one thing

DISPUTED_SAME_MIN = 0.55  # ... and to call them one fact with a disputed detail (or an agreeing figure)
NEGATION_MIN = 0.55  # "not X" vs "X": the rest must be this similar (negation is easy to misread)
CONTAIN_WEIGHT = 0.8  # weight of "the shorter claim is inside the longer one"
CONTAIN_MIN_SHARED = 3  # ... counted only when they share this many features ("The strike is open-ended" is in no long sentence)
SMALL_BRIEFING = 600  # claims (~25 articles); up to this many, every pair that shares a feature is compared
WINDOW = 4  # content words either side of a figure that say what it measures
MEASURE_MIN = 0.4  # closeness-weighted overlap of two figures' measures to compare their values
PRONOUN_WORDS = 4  # a pronoun among a statement's first words makes it lean on the sentence before
SUBJECT_WORDS = 3  # words of a disagreement's subject besides the noun
NOUN_BONUS = 0.5  # ... plus this when what one figure counts is named around the other
NEXT_FIGURE_CHARS = 12  # a figure this close to another is part of its measure ("six of the nine")
FIGURE_WEIGHT = 1.5  # a figure or a date two statements share says more than a word they share
NAME_WEIGHT = 0.45  # a name two statements share says less than a word they share (it says who, not what)
QUOTED_PHRASE_MAX = 6  # quoted words up to this many are a feature ("meaningful and frank")
QUOTED_RUN = 2  # a short quotation of this many words or more found inside another claim's quotation ...
SHARED_QUOTE_SCORE = 0.5  # ... makes the two claims at least this similar

Relation = str  # "same" | "disputed" | "conflict" | "unrelated" | "ask"


@dataclass
class Fig:
    figure: Figure
    noun: str | None  # stem
    measure: dict[str, float]  # what it measures: stems (and next figures) with their closeness
    was: Figure | None = None  # the earlier value the claim itself gives it ("22 contacts, up from 14")


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
    quote_fragments: frozenset[str]  # short quotations (QUOTED_RUN to QUOTED_PHRASE_MAX words)
    quoted_text: str  # every quotation's words
    figs: list[Fig]
    direction: dict[int, int]
    negated: frozenset[str]  # stems a negation governs
    has_negative: bool  # any negation or negative verb ("rejected"): polarity is not clean
    places: frozenset[str]  # stems after a place preposition
    days: frozenset[str]  # day-precision dates
    future: dict[str, str] = field(default_factory=dict)  # dates it looks ahead to (key -> as written): "will leave on January 1"
    years: frozenset[str] = frozenset()  # years it names ("In 2019, ..."): another time than the report's
    frames: tuple["UFrame", ...] = ()  # its verbs with their arguments (who, what, whether, where)


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


def _uframe(f, profile: LanguageProfile) -> UFrame:
    def keys(text: str) -> frozenset[str]:
        """A name's words as keys, without titles ("Prime Minister", "Finance Minister" say who
        in office, not which person) and possessive endings."""
        names = (re.sub(r"['\u2019]s$", "", w) for w in _tokens_of(text) if w[:1].isupper())
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


@dataclass
class Verdict:
    relation: Relation
    score: float
    slots: list[Slot] = field(default_factory=list)
    by: str = "code"


@dataclass
class Question:
    """A pair code could not settle, for the adjudication call."""

    number: int
    a: Unit
    b: Unit


# ----------------------------------------------------------------------------- units


_PUNCTUATION_BREAK = r"[,;:()\u2014\u2013]"


def _breaks(profile: LanguageProfile) -> re.Pattern[str]:
    """Where a figure's clause ends: punctuation, or a word that opens a new clause ("and", "but")."""
    words_ = "|".join(sorted(map(re.escape, profile.clause_openers)))
    return re.compile(rf"{_PUNCTUATION_BREAK}|\b(?:{words_})\b", re.IGNORECASE)


def _tokens_with_offsets(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().replace("\u2019", "'").lower(), m.start(), m.end()) for m in re.finditer(r"[^\W_]+(?:['\u2019][^\W_]+)*", text)]


def _key_point_claims(r: ArticleResult, profile: LanguageProfile) -> list[Claim]:
    """Per-article JSON written before claims existed: its key points stand in for them."""
    out = []
    for k in r.key_points:
        if not k.evidence:
            continue  # not found in the article: not a statement the briefing can cite
        span = k.evidence[0]
        figures = [  # offsets are into the key point's text: only their order and neighbours are used
            Figure(surface=q.surface, value=q.value, unit=q.unit, noun=q.noun, approximate=q.approximate,
                   start=span.start + q.start, end=span.start + q.end)
            for q in find_quantities(k.text, profile)
        ]  # fmt: skip
        out.append(Claim(id=k.id, text=k.text, start=span.start, end=span.end, figures=figures, key=True))
    return out


def _tokens_of(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['\u2019][^\W_]+)*", text)


def _date_key(d) -> str:
    """A date compared across articles: its ISO date, else its words (month and day as written)."""
    if d.date:
        return d.date
    return " ".join(w for w in words(d.surface) if w not in ("on", "in", "at", "the", "of", "by"))


def _entity_key(token: str) -> str:
    """Names compared loosely: the first six letters (Zelensky = Zelenskyy, Ukraine = Ukrainian)."""
    return "e:" + token.strip(".'")[:6]


def _prepare(results: Sequence[ArticleResult], voices: dict[str, str], profile: LanguageProfile) -> list[Unit]:
    """Claims -> units: content words (stems), names, figures, dates and quoted phrases.

    A capitalised word is a name unless the briefing also writes it in lower case somewhere
    ("Police arrested ..." vs "the police"); titles and speech verbs are neither: they say
    who, not what."""
    lower: set[str] = set()
    for r in results:
        for c in r.claims:
            lower.update(m.group() for m in re.finditer(r"(?<![\w.])[a-z][\w'’-]*", c.text))
    units: list[Unit] = []
    dir_stems = profile.direction_stems
    break_re = _breaks(profile)
    froms = [m for m in profile.update_markers if m.endswith(" from")]
    old_value = re.compile(rf"\b(?:{'|'.join(map(re.escape, froms))})\s*$", re.IGNORECASE) if froms else re.compile(r"(?!)")
    negative = {profile.stem(w) for pair in profile.direction_pairs for w in pair[1:]}
    for r in results:
        claims = r.claims or _key_point_claims(r, profile)
        n = max(1, len(claims) - 1)
        for rank, c in enumerate(claims):
            toks = _tokens_with_offsets(c.text)
            stems_all = stem_words([t for t, _, _ in toks], profile)
            content: set[str] = set()
            names: set[str] = set()
            in_figure = [(f.start - c.start, f.end - c.start) for f in c.figures]
            for (t, s0, _), st in zip(toks, stems_all):
                if any(a <= s0 < b for a, b in in_figure):
                    continue  # "four", "billion": the figure feature speaks for them
                if t in profile.stop_words or t in profile.speech_verbs or t in profile.title_words or len(t) < 2:
                    continue
                if c.text[s0].isupper() and t not in lower and t.replace("’", "'") not in lower:
                    names.add(_entity_key(t))
                elif st not in profile.stop_words:
                    content.add(st)
            figs: list[Fig] = []
            breaks = [m.start() for m in break_re.finditer(c.text)]
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
                around = [(s0, st) for (t, s0, _), st in zip(toks, stems_all) if st in content and lo <= s0 < hi]
                before = [st for s0, st in around if s0 < a][-WINDOW:]
                after = [st for s0, st in around if s0 >= b][:WINDOW]
                measure: dict[str, float] = {}
                for side in (before[::-1], after):
                    for d, st in enumerate(side, 1):
                        measure[st] = max(measure.get(st, 0.0), 1 / (1 + d / 2))
                for g in c.figures:
                    if g is not f and min(abs(g.start - f.end), abs(f.start - g.end)) <= NEXT_FIGURE_CHARS:
                        measure[f"#{g.unit}:{g.value:g}"] = 1.0
                counted = f.counted or f.noun  # the parse's noun, else the one the figure reader found
                noun = profile.stem(counted.lower().split("-")[-1]) if counted else None
                if noun:
                    measure[noun] = 1.0
                for place in f.places:  # "at the port of Marlow": where it was counted
                    measure["p:" + place.lower()] = 1.0
                for arg in f.arguments:  # what its verb acts on or with: "treated for minor injuries"
                    st = profile.stem(arg)
                    measure[st] = max(measure.get(st, 0.0), ARGUMENT_WEIGHT)
                figs.append(Fig(f, noun, measure))
            direction: dict[int, int] = {}
            for k, (pos, neg) in enumerate(dir_stems):
                if pos in stems_all:
                    direction[k] = 1
                if neg in stems_all:
                    direction[k] = -1 if k not in direction else 0
            negated = set()
            has_negative = bool(negative & set(stems_all))
            for i, (t, _, _) in enumerate(toks):
                if t in profile.negations or t.endswith("n't"):
                    has_negative = True
                    nxt = [stems_all[j] for j in range(i + 1, min(i + 4, len(toks))) if stems_all[j] in content]
                    if nxt:
                        negated.add(nxt[0])
            places = set()
            for i, (t, _, _) in enumerate(toks[:-1]):
                if t in profile.locative_prepositions:
                    following = [stems_all[j] for j in range(i + 1, min(i + 5, len(toks))) if stems_all[j] in content]
                    places.update(following[:3])
            feats = set(content) | names
            fragments: set[str] = set()
            quoted_words: list[str] = []
            feats |= {f"#{f.figure.unit}:{f.figure.value:g}" for f in figs}
            feats |= {f"@{d.date}" for d in c.dates if d.date}
            for q0, q1 in quoted_spans(c.text):
                quoted = words(c.text[q0:q1])
                if len(quoted) <= QUOTED_PHRASE_MAX:
                    feats.add("q:" + " ".join(quoted))
                    if len(quoted) >= QUOTED_RUN:
                        fragments.add(" ".join(quoted))
                quoted_words.append(" ".join(quoted))
            units.append(
                Unit(
                    k=len(units), source=r.source.id, claim=c, published=r.source.published.iso,
                    voice=voices.get(r.source.id, r.source.id), position=rank / n, stems=frozenset(content),
                    feats=frozenset(feats), quote_fragments=frozenset(fragments), quoted_text=" | ".join(quoted_words), figs=figs, direction=direction,
                    negated=frozenset(negated), has_negative=has_negative,
                    places=frozenset(places),
                    days=frozenset(d.date for d in c.dates if d.date and d.precision == "day"),
                    future={_date_key(d): d.surface for d in c.dates if d.future},
                    years=frozenset([c.year] if c.year else ()),
                    frames=tuple(_uframe(f, profile) for f in c.frames),
                )
            )  # fmt: skip
    return units


# ----------------------------------------------------------------------------- comparing two claims


def _kind_weight(feature: str) -> float:
    if feature.startswith(("#", "@")):
        return FIGURE_WEIGHT
    if feature.startswith("e:"):
        return NAME_WEIGHT
    return 1.0


class Comparer:
    """Similarity and slot comparison of two claims, with weights from the whole briefing."""

    def __init__(self, units: list[Unit], profile: LanguageProfile, thresholds: Thresholds = Thresholds()):
        self.units = units
        self.profile = profile
        self.t = thresholds
        df = Counter(f for u in units for f in u.feats)
        n = max(1, len(units))
        self.df = df
        self.weight = {f: math.log(1 + n / c) * _kind_weight(f) for f, c in df.items()}
        self.total = [math.fsum(self.weight[f] for f in u.feats) for u in units]  # fsum: order-independent
        self.cache: dict[tuple[int, int], Measure] = {}
        self.aligned: set[frozenset[str]] = set()  # article pairs that report the same occasion
        self.ask_floor = min(thresholds.ask, thresholds.ask_aligned)
        self.fig_units = [frozenset(x.figure.unit for x in u.figs) for u in units]
        self.frame_verbs = [frozenset(f.verb for f in u.frames) for u in units]
        self.titles = frozenset(profile.stem(w) for w in profile.title_words)
        self.cumulative = frozenset(profile.stem(w) for w in profile.cumulative_words)
        self.opposites = frozenset(frozenset(pair) for pair in profile.direction_stems)

        self.quoting = _quoting_pairs(units)  # below it, "unrelated" whatever the alignment

    def align(self, verdicts: dict[tuple[int, int], Verdict]) -> None:
        """Mark the article pairs that share ``aligned_min`` statements (strict thresholds)."""
        shared: dict[frozenset[str], set[int]] = defaultdict(set)
        for (i, j), v in verdicts.items():
            if v.relation in ("same", "disputed", "conflict"):
                pair = frozenset((self.units[i].source, self.units[j].source))
                shared[pair] |= {i}
        self.aligned = {pair for pair, claims in shared.items() if len(claims) >= self.t.aligned_min}

    def thresholds(self, a: Unit, b: Unit) -> tuple[float, float]:
        if frozenset((a.source, b.source)) in self.aligned:
            return self.t.same_aligned, self.t.ask_aligned
        return self.t.same, self.t.ask

    def similarity(self, a: Unit, b: Unit, drop: AbstractSet[str] = frozenset()) -> float:
        """Weighted overlap of what two claims say (not who says it).

        Ochiai (shared weight / geometric mean) -- or, when at least two features are shared,
        ``CONTAIN_WEIGHT`` x containment in the shorter claim, whichever is higher: a short
        statement inside a long sentence that says two things is still the same statement."""
        weight = self.weight
        if drop:
            both = (a.feats & b.feats) - drop
            wa = self.total[a.k] - math.fsum(weight[f] for f in a.feats & drop)
            wb = self.total[b.k] - math.fsum(weight[f] for f in b.feats & drop)
        else:
            both = a.feats & b.feats
            wa, wb = self.total[a.k], self.total[b.k]
        shared = math.fsum(map(weight.__getitem__, both))
        if wa <= 0 or wb <= 0:
            return 0.0
        score = shared / math.sqrt(wa * wb)
        if len(both) >= CONTAIN_MIN_SHARED and (self._verbs_inside(a, b) if wa <= wb else self._verbs_inside(b, a)):
            score = max(score, CONTAIN_WEIGHT * shared / min(wa, wb))
        if (a.quote_fragments and b.quoted_text and any(f in b.quoted_text for f in a.quote_fragments)) or (
            b.quote_fragments and a.quoted_text and any(f in a.quoted_text for f in b.quote_fragments)
        ):
            score = max(score, SHARED_QUOTE_SCORE)  # one quotes a part of what the other quotes: one statement
        return score

    def _verbs_inside(self, short: Unit, long: Unit) -> bool:
        """Is what the shorter claim says happened (its verbs) in the longer one? "Grain loading
        was halted" is not inside a sentence that names grain, a port and the north but no halt."""
        verbs = {f.verb.split("_")[0] for f in short.frames}
        return not verbs or bool(verbs & (long.stems | {f.verb.split("_")[0] for f in long.frames}))

    def settled_by_weight(self, a: Unit, b: Unit, shared: float, count: int) -> Verdict | None:
        """"unrelated" for a pair whose features in common (``count`` of them, ``shared``
        weight) cannot reach the lowest "ask" threshold, when nothing else could relate them:
        no figures in the same unit, no opposite directions, no word negated on one side only,
        no shared quotation. Else None (compare in full). The bound is the similarity itself
        (Ochiai, or the containment score for two or more shared features), with a margin for
        the order in which the weights were summed; it is kept as the verdict's score, which
        nothing reads below the thresholds."""
        wa, wb = self.total[a.k], self.total[b.k]
        if wa <= 0 or wb <= 0:
            return None
        bound = shared / math.sqrt(wa * wb)
        if count >= CONTAIN_MIN_SHARED:
            bound = max(bound, CONTAIN_WEIGHT * shared / min(wa, wb))
        if bound >= self.ask_floor - 1e-9:
            return None
        if self.fig_units[a.k] & self.fig_units[b.k]:
            return None
        if a.direction and b.direction:
            for k, sa in a.direction.items():
                if sa and b.direction.get(k) == -sa:
                    return None
        if a.has_negative != b.has_negative and (a.negated | b.negated) & a.stems & b.stems:
            return None
        if (a.k, b.k) in self.quoting:
            return None
        if self.frame_verbs[a.k] & self.frame_verbs[b.k]:
            return None  # one verb in both: its arguments may say they differ (who, whether, where)
        return Verdict("unrelated", bound)

    def _other_measures(self, fa: Fig, fb: Fig, a: Unit, b: Unit) -> bool:
        """Do two figures of one unit count different things, whatever the words around them
        share? What they count (``Figure.noun``: "diseases" vs "forms"; two nouns for people --
        "workers", "employees", "others" -- are one measure), whom (the same noun qualified apart: "of the first patient"
        vs "with the two other patients"), what was done with it (the governing verbs
        differ, neither claim uses the other's, and the verbs share no argument: "requested $14
        billion" vs "approved $3.1 billion"), and when (one names a year the other does not
        report: "In 2019, ... 100 people" vs this week's 14)."""
        stem = self.profile.stem
        na, nb = fa.noun, fb.noun
        qa, qb = _qualified(fa.figure), _qualified(fb.figure)
        # ... unless one's noun is the other's verb ("no arrests had been made" / "police arrested two")
        verbed = (fb.figure.verb and na == stem(fb.figure.verb)) or (fa.figure.verb and nb == stem(fa.figure.verb))
        if na and nb and na != nb and not (self._people(fa) and self._people(fb)) and not verbed:
            return True
        if fa.figure.apart != fb.figure.apart:
            return True  # "a further 17 people" are not the 14 counted before
        if (fa.figure.value == 0) != (fb.figure.value == 0):
            # "no passengers were hurt" counts the hurt, not the 186 on board: a "none" is one
            # measure with a count only when its verb or noun is what the other's verb does
            zero, other = (fa, fb) if fa.figure.value == 0 else (fb, fa)
            does = {stem(w) for w in [other.figure.verb or "", *other.figure.arguments] if w}
            if not ({stem(zero.figure.verb)} if zero.figure.verb else set()) & does and zero.noun not in does:
                return True
        if fa.figure.kind and fb.figure.kind and fa.figure.kind != fb.figure.kind:
            return True  # a distance ("200 kilometers") is no count ("1,800 dock workers")
        if fa.figure.unit == "count" and bool(na) != bool(nb) and (na or nb) not in (fb.measure if na else fa.measure):
            return True  # "in one case" and a bare "two": what one counts must be named around the other
        if any(qa[n] and qb[n] and not (qa[n] & qb[n]) for n in qa.keys() & qb.keys()):
            return True
        va, vb = fa.figure.verb, fb.figure.verb
        beside = {k for k in fa.measure if k.startswith("#")} & {k for k in fb.measure if k.startswith("#")}
        # one total beside both ("six of the nine" / "seven of the nine"): one measure whatever the verbs
        if va and vb and not beside:
            sa, sb = stem(va), stem(vb)
            args_a = {stem(x) for x in fa.figure.arguments}
            args_b = {stem(x) for x in fb.figure.arguments}
            if sa != sb and sa not in fb.measure and sb not in fa.measure and not (args_a & args_b):
                return True  # "requested $14 billion" / "approved $3.1 billion"; "carrying seven crew" / "none ... injured"
            oa, ob = fa.figure.about, fb.figure.about
            if sa == sb and oa and ob and stem(oa) != stem(ob) and stem(oa) not in b.stems and stem(ob) not in a.stems:
                return True  # "measured the quake at 6.1" / "the aftershock, measured at 4.9"
        for x, y in ((a, b), (b, a)):
            if x.years and not (x.years & (y.years | ({y.published[:4]} if y.published else set()))):
                return True
        va_, vb_ = fa.figure.value, fb.figure.value
        if fa.figure.unit == "count" and (float(va_).is_integer() != float(vb_).is_integer()):
            return True  # a magnitude of 6.4 and a count of 200 are not one measure
        if va_ and vb_ and max(abs(va_), abs(vb_)) > VALUE_RATIO_MAX * min(abs(va_), abs(vb_)):
            return True  # outlets differ on a figure, not by an order of magnitude
        pa, pb = set(fa.figure.places), set(fb.figure.places)
        return bool(pa and pb and not (pa & pb))  # 3,200 at Marlow, 1,800 at Trevanne

    def _people(self, f: Fig) -> bool:
        """Does the figure count people ("workers", "rate-setters", "others")? Such nouns are
        one measure in other words (workers = employees); an ending no list knows counts as a
        different thing, which only keeps two figures apart."""
        noun = (f.figure.noun or f.figure.counted or "").lower().split("-")[-1]
        return noun in self.profile.generic_nouns or noun.endswith(self.profile.person_noun_endings)

    def _figure_slots(self, a: Unit, b: Unit) -> tuple[list[tuple[Fig, Fig]], list[tuple[Fig, Fig, float]]]:
        """(agreeing, differing) figure pairs: same kind of unit, measuring the same thing; the
        differing ones with how alike their measures are."""
        cands = []
        for fa in a.figs:
            for fb in b.figs:
                told = (fb.was is not None and _same_value(fa.figure, fb.was)) or (fa.was is not None and _same_value(fb.figure, fa.was))
                if told and fa.figure.unit == fb.figure.unit and not _same_value(fa.figure, fb.figure):
                    # one says "22, up from 14" and the other "14": the writer says it is one measure
                    cands.append((STRONG_MEASURE + 1.0, False, fa, fb))
                    continue
                if fa.figure.unit != fb.figure.unit or self._other_measures(fa, fb, a, b):
                    continue
                score = sum(min(w, fb.measure[k]) for k, w in fa.measure.items() if k in fb.measure)
                # what one counts is named next to the other ("two workers" / "... a worker died")
                score += NOUN_BONUS * ((fa.noun is not None and fa.noun in fb.measure) + (fb.noun is not None and fb.noun in fa.measure))
                if score < MEASURE_MIN:
                    continue
                # ... and what was done to it: "killed two workers" pairs with "killed two employees"
                # before "four others were taken to hospital" does
                if fa.figure.verb and fb.figure.verb and self.profile.stem(fa.figure.verb) == self.profile.stem(fb.figure.verb):
                    score += NOUN_BONUS
                cands.append((score, _same_value(fa.figure, fb.figure), fa, fb))
        # agreement is the likelier reading: an equal value close to the best match is taken first
        cands.sort(key=lambda c: (-c[0] * (EQUAL_PREFERENCE if c[1] else 1.0), not c[1]))
        used_a, used_b = set(), set()
        agree, differ = [], []
        for score, equal, fa, fb in cands:
            if id(fa) in used_a or id(fb) in used_b:
                continue
            used_a.add(id(fa))
            used_b.add(id(fb))
            if equal:
                agree.append((fa, fb))
            else:
                differ.append((fa, fb, score))
        return agree, differ

    def verdict(self, a: Unit, b: Unit) -> Verdict:
        """The relation of two claims. What they share and where they differ is measured once
        per pair (``_measure``, cached); the thresholds -- stricter or, once their articles are
        aligned, more lenient -- are applied on every call (``_decide``)."""
        lo, hi = (a, b) if a.k < b.k else (b, a)
        key = (lo.k, hi.k)
        m = self.cache.get(key)
        if m is None:
            m = self.cache[key] = self._measure(lo, hi)
        v = _decide(m, *self.thresholds(lo, hi))
        return v if a.k < b.k else _swap(v)

    def _measure(self, a: Unit, b: Unit) -> Measure:
        score = self.similarity(a, b)
        agree, differ = self._figure_slots(a, b)
        slots: list[Slot] = []
        drop: set[str] = set()  # the differing details' features, left out of the rest's similarity
        turned: set[str] = set()  # ... of the direction and negation details alone
        evolving = bool(a.published and b.published and a.published != b.published)
        strong: list[Slot] = []
        for fa, fb, alike in differ:
            subject = _subject(fa, fb, a, b)
            slot = Slot("number", subject, fa.figure.surface, fb.figure.surface, evolving, f"fig{fa.figure.start}", f"fig{fb.figure.start}")
            # counting one thing (its noun, its verb, the words around it) says the claims are
            # about one thing however little else they share
            told = alike > STRONG_MEASURE + 0.5  # "22, up from 14" against a "14"
            (strong if told or (alike >= STRONG_MEASURE and fa.noun and fa.noun == fb.noun) else slots).append(slot)
            drop |= {f"#{fa.figure.unit}:{fa.figure.value:g}", f"#{fb.figure.unit}:{fb.figure.value:g}"}
        framed = strong + self._frame_slots(a, b, evolving, score)  # who, whether, where, read from the parse
        if any(fa.figure.value == 0 or fb.figure.value == 0 for fa, fb, _ in differ):
            # "no ships were damaged" / "three ships were damaged": one disagreement, on the count
            framed = [s for s in framed if s.kind != "direction"]
        drop |= {k for s in framed for k in s.a_key.split("|")[1:] + s.b_key.split("|")[1:]}
        whether = any(s.kind == "direction" for s in framed)
        for k, sa in ([] if whether else a.direction.items()):
            sb = b.direction.get(k)
            if sa and sb and sa == -sb:
                pos, neg = self.profile.direction_pairs[k]
                words_a, words_b = (pos, neg) if sa > 0 else (neg, pos)
                slots.append(Slot("direction", _shared_words(a, b), words_a, words_b, evolving, f"dir{k}", f"dir{k}"))
                turned |= set(self.profile.direction_stems[k])
        if a.has_negative != b.has_negative and not whether and not (a.frames and b.frames):  # one says "not X", the other "X"
            counted = {f.noun for u in (a, b) for f in u.figs if f.figure.value == 0}  # "no ships": a figure
            for s in ((a.negated | b.negated) & a.stems & b.stems) - counted:
                neg_a = s in a.negated
                said = _word_for(a if neg_a else b, s)
                slots.append(Slot("direction", _shared_words(a, b), f"not {said}" if neg_a else said,
                                  said if neg_a else f"not {said}", evolving, f"neg:{s}", f"neg:{s}"))
                turned.add(s)
        moved = _moved_dates(a, b, self.profile)
        if moved:  # "will resign at the end of February" / "will leave on January 1"
            date_slot = Slot("date", _shared_words(a, b), moved[0], moved[1], evolving, "date", "date")
            drop |= {f for f in a.feats | b.feats if f.startswith("@")}
            if any(fa.tense == fb.tense and (fa.subject & fb.subject or fa.patient & fb.patient) for fa in a.frames for fb in b.frames):
                framed.append(date_slot)  # one thing planned for two dates ("a replacement aircraft would fly ...")
            else:
                slots.append(date_slot)
        rest = self.similarity(a, b, drop | turned) if drop | turned else score
        if turned and rest < NEGATION_MIN:  # negation is easy to misread: only in an otherwise near-identical pair
            slots = [s for s in slots if s.kind != "direction"]
            rest = self.similarity(a, b, drop) if drop else score
        slots += framed
        other_days = bool(a.days and b.days and not (a.days & b.days)) and not moved
        # a count that only grows, told on two days ("killing at least 14" on Monday, "has climbed
        # to 31" on Tuesday), is one count: its days differ because the news moved on
        accruing = bool(strong) and all(u.stems & self.cumulative for u in (a, b))
        other = other_days and not accruing
        return Measure(score, rest, slots, bool(agree), other or self._other_time(a, b) or self._other_figures(a, b, agree, differ), bool(framed))

    def _other_time(self, a: Unit, b: Unit) -> bool:
        """One claim is set in a year the other does not report ("In 2019, health authorities
        confirmed two cases ..." against this week's case): another occasion."""
        for x, y in ((a, b), (b, a)):
            if x.years and not (x.years & (y.years | ({y.published[:4]} if y.published else set()))):
                return True
        return False

    def _other_figures(self, a: Unit, b: Unit, agree: list, differ: list) -> bool:
        """Both count something (a figure with its noun) of one unit that nothing pairs, with other values ("one of three
        diseases" / "one of two main forms"): they count different things, so they are not one
        statement."""
        if differ:
            return False  # a figure they both count, told differently: a disagreement, not two occasions
        paired = {id(f) for pair in agree for f in pair}
        left_a = [f for f in a.figs if id(f) not in paired and f.noun]
        left_b = [f for f in b.figs if id(f) not in paired and f.noun]
        return any(fa.figure.unit == fb.figure.unit and not _same_value(fa.figure, fb.figure) for fa in left_a for fb in left_b)

    def _frame_slots(self, a: Unit, b: Unit, evolving: bool, score: float) -> list[Slot]:
        """Details that differ between two claims' frames of one verb about one thing (the
        same patient, or the same subject): who did it (two named doers with no name in
        common: "called by the Federation" / "called by the Union"), whether it happened (one
        negated: "have not resumed" / "resumed"; "no tsunami warning was issued" / "issued a
        tsunami warning"; or verbs of a direction pair: "keep her seat" / "give up her seat"),
        and where (places with no name in common: "treated in Dorsk" / "treated in Hallin").
        The frames say the claims are about one thing, so these are disagreements however
        little else the sentences share. Of the same tense only (another time asserts nothing
        of this one); verbs of a direction pair with two patients need one subject and related
        sentences (the "ask" threshold); with one patient missing, only who did it counts, when
        one doer is a passive's "by X" and the sentences are related."""
        out: list[Slot] = []
        opposite = lambda x, y: frozenset((x, y)) in self.opposites  # noqa: E731
        seen: set[str] = set()
        for fa in a.frames:
            for fb in b.frames:
                same_verb = fa.verb == fb.verb
                if not (same_verb or opposite(fa.verb, fb.verb)) or fa.tense != fb.tense:
                    continue  # another verb, or another time ("was cut off" / "would never again be cut off")
                doers_differ = bool(fa.doer and fb.doer and not (fa.doer & fb.doer))
                one_subject = bool((fa.subject & fb.subject) - self.titles)  # "President" says who in office, not who
                if fa.patient and fb.patient:
                    about = bool(fa.patient & fb.patient)
                    if not about and not same_verb:  # "controllers cleared the jet" / "controllers refused permission"
                        about = one_subject and score >= self.ask_floor
                elif not fa.patient and not fb.patient:  # "talks have not resumed" / "talks resumed": one subject
                    about = one_subject and not doers_differ
                else:  # one says what it acts on, the other does not: only who did it ("... was drawn up by X"), in related sentences
                    about = doers_differ and (fa.by or fb.by) and score >= self.ask_floor
                if not about:
                    continue
                if same_verb and doers_differ and fa.negated == fb.negated and f"who:{fa.verb}" not in seen:
                    seen.add(f"who:{fa.verb}")
                    out.append(Slot("who", _word_for(a, fa.verb.split("_")[0]), fa.doer_text, fb.doer_text, evolving,
                                    "|".join([f"who:{fa.verb}", *fa.doer]), "|".join([f"who:{fa.verb}", *fb.doer])))
                elif not doers_differ and (opposite(fa.verb, fb.verb) or (same_verb and fa.negated != fb.negated)):
                    key = f"whether:{min(fa.verb, fb.verb)}"
                    if key in seen:
                        continue
                    seen.add(key)
                    said_a = ("not " if fa.negated else "") + _word_for(a, fa.verb.split("_")[0])
                    said_b = ("not " if fb.negated else "") + _word_for(b, fb.verb.split("_")[0])
                    out.append(Slot("direction", _shared_words(a, b), said_a, said_b, evolving, key, key))
                elif same_verb and fa.places and fb.places and not (fa.places & fb.places) and fa.negated == fb.negated \
                        and not (fa.places & b.feats) and not (fb.places & a.feats) and "place" not in seen:
                    seen.add("place")
                    out.append(Slot("place", _shared_words(a, b), fa.places_text, fb.places_text, evolving,
                                    "|".join(["place", *fa.places]), "|".join(["place", *fb.places])))
        return out

    def hint(self, a: Unit, b: Unit) -> list[Slot]:
        """Details code sees differing that its rules did not weigh (for checking a model's "conflict")."""
        slots = []
        if a.places and b.places and not (a.places & b.places):
            slots.append(Slot("place", _shared_words(a, b), _place_words(a), _place_words(b), False, "place", "place"))
        for fa in a.figs:
            for fb in b.figs:
                if fa.figure.unit == fb.figure.unit and not _same_value(fa.figure, fb.figure):
                    slots.append(Slot("number", _subject(fa, fb, a, b), fa.figure.surface, fb.figure.surface,
                                      bool(a.published and b.published and a.published != b.published),
                                      f"fig{fa.figure.start}", f"fig{fb.figure.start}"))
        if a.days and b.days and not (a.days & b.days):
            slots.append(Slot("date", _shared_words(a, b), ", ".join(sorted(a.days)), ", ".join(sorted(b.days)), False, "date", "date"))
        return slots


@dataclass(frozen=True)
class Measure:
    """What two claims share and where they differ, before any threshold."""

    score: float
    rest: float  # the similarity without the differing details
    slots: list[Slot]
    agree: bool  # a figure both give with the same value
    other_days: bool  # another occasion: both name days, none in common; another year; figures of one unit nothing pairs
    framed: bool = False  # a detail differs within frames about one thing (who, whether, where); whether
    # it happened may differ between reports of other days ("have not resumed" / "resumed on Wednesday")


def _decide(m: Measure, same_min: float, ask_min: float) -> Verdict:
    if m.slots:
        if all(s.kind != "direction" for s in m.slots) and m.rest >= same_min and (m.agree or m.rest >= DISPUTED_SAME_MIN):
            return Verdict("disputed", m.rest, m.slots)  # the same statement, one detail differs: one fact, and a disagreement on that detail
        if m.rest >= CONFLICT_MIN or (m.framed and (not m.other_days or any(s.kind == "direction" for s in m.slots))):
            return Verdict("conflict", m.rest, m.slots)
        return Verdict("unrelated", m.rest, m.slots)
    if m.other_days:
        return Verdict("unrelated", m.score)  # the same words about other days, years or figures
    if m.score >= same_min:
        return Verdict("same", m.score)
    if m.score >= ask_min:
        return Verdict("ask", m.score)
    return Verdict("unrelated", m.score)


def _swap(v: Verdict) -> Verdict:
    slots = [Slot(s.kind, s.subject, s.b_value, s.a_value, s.evolution, s.b_key, s.a_key) for s in v.slots]
    return Verdict(v.relation, v.score, slots, v.by)


def _same_value(a: Figure, b: Figure, tolerance: float = 1e-9) -> bool:
    if a.unit != b.unit:
        return False
    return abs(a.value - b.value) <= tolerance * max(1.0, abs(a.value), abs(b.value))


def _subject(fa: Fig, fb: Fig, a: Unit, b: Unit) -> str:
    """What the figures measure, in a's words: its noun and the closest words both share."""
    shared = sorted((k for k in set(fa.measure) & set(fb.measure) if not k.startswith("#")),
                    key=lambda k: (-min(fa.measure[k], fb.measure[k]), k))[:SUBJECT_WORDS]  # fmt: skip
    keep = set(shared) | ({fa.noun} if fa.noun else set())
    shown = uniq(w for w in words(a.claim.text) if ENGLISH.stem(w) in keep)  # the article's own spelling
    return " ".join(shown) or fa.figure.noun or fa.figure.unit


def _shared_words(a: Unit, b: Unit) -> str:
    shared = a.stems & b.stems
    return " ".join(uniq(w for w in words(a.claim.text) if ENGLISH.stem(w) in shared)[: SUBJECT_WORDS + 2])


def _word_for(u: Unit, stem: str) -> str:
    """The claim's own word for a stem ("ruled" for "rule")."""
    return next((w for w in words(u.claim.text) if ENGLISH.stem(w) == stem), stem)


def _qualified(f: Figure) -> dict[str, set[str]]:
    """A figure's qualifying nouns with their modifiers ("patient/first" -> {"patient": {"first"}})."""
    out: dict[str, set[str]] = {}
    for q in f.qualifier:
        noun, _, mods = q.partition("/")
        out.setdefault(noun, set()).update(m for m in mods.split(",") if m)
    return out


def _date_parts(key: str, profile: LanguageProfile) -> tuple[int | None, int | None, int | None]:
    """(month, day, weekday) of a date key: an ISO date or the words as written ("end february")."""
    m = re.fullmatch(r"(\d{4})-(\d\d)(?:-(\d\d))?", key)
    if m:
        month, day = int(m.group(2)), int(m.group(3)) if m.group(3) else None
        weekday = None
        if day is not None:
            import datetime

            weekday = datetime.date(int(m.group(1)), month, day).weekday()
        return month, day, weekday
    ws = key.split()
    named_month = next((profile.months[w.rstrip(".")] for w in ws if w.rstrip(".") in profile.months), None)
    day = next((int(w) for w in ws if w.isdigit() and 1 <= int(w) <= 31), None)
    weekday = next((profile.weekdays[w] for w in ws if w in profile.weekdays), None)
    return named_month, day, weekday


def _moved_dates(a: Unit, b: Unit, profile: LanguageProfile) -> tuple[str, str] | None:
    """Both claims look ahead to a date and no date of one is a date of the other: (a's words,
    b's words). Dates are compared by month, then day, then weekday, where both give them."""
    if not a.future or not b.future:
        return None
    for ka in a.future:
        for kb in b.future:
            pa, pb = _date_parts(ka, profile), _date_parts(kb, profile)
            comparable = [(x, y) for x, y in zip(pa, pb) if x is not None and y is not None]
            if not comparable or all(x == y for x, y in comparable):
                return None  # the same date (or one that cannot be told apart)
    return ", ".join(a.future.values()), ", ".join(b.future.values())


def _place_words(u: Unit) -> str:
    return " ".join(uniq(w for w in words(u.claim.text) if ENGLISH.stem(w) in u.places))


# ----------------------------------------------------------------------------- the plan


@dataclass
class FactPlan:
    """Everything about the facts that code can decide, plus the pairs it cannot."""

    units: list[Unit]
    comparer: Comparer
    verdicts: dict[tuple[int, int], Verdict]
    questions: list[Question]
    profile: LanguageProfile
    moved_on: set[frozenset[int]] = field(default_factory=set)  # claim pairs an update sets apart (earlier / later report)

    @property
    def pairs_compared(self) -> int:
        return len(self.verdicts)


def plan_facts(
    results: Sequence[ArticleResult], voices: dict[str, str], profile: LanguageProfile = ENGLISH,
    thresholds: Thresholds = Thresholds(), events: Sequence[BriefingEvent] = (),
) -> FactPlan:
    """Compare candidate claim pairs; list the ones code cannot settle (most similar first).

    ``events``: the merged events. Two articles' sentences that report one merged event
    (its evidence) are compared even when their words differ, and asked before the rest."""
    units = _prepare(results, voices, profile)
    comparer = Comparer(units, profile, thresholds)
    keys = [set(u.feats) for u in units]
    for e in events:
        if len(e.sources) < 2:
            continue
        for ev in e.evidence:
            if ev.span is None:
                continue
            for u in units:
                if u.source == ev.source and u.claim.start < ev.span.end and ev.span.start < u.claim.end:
                    keys[u.k].add(f"event:{e.id}")
    # blocking: pairs that share one of their rarest features; a briefing of a few stories is
    # small enough to compare every pair that shares any feature (found with the shared weight,
    # summed once over an inverted index): most of those share a common word or two and nothing
    # that could differ, and that weight settles them ("unrelated") without a full comparison
    quick: dict[tuple[int, int], Verdict] = {}
    if len(units) <= SMALL_BRIEFING:
        pairs = []
        for i, row in enumerate(_shared_weights(keys, comparer.weight)):
            for j in sorted(row):
                if units[i].source == units[j].source:
                    continue
                pairs.append((i, j))
                v = comparer.settled_by_weight(units[i], units[j], *row[j])
                if v is not None:
                    quick[(i, j)] = v
    else:
        df = Counter(k for ks in keys for k in ks)
        pairs = [(i, j) for i, j in candidate_pairs(keys, rarest=8, max_df=100, df=df, min_shared=2) if units[i].source != units[j].source]
    with_event = [any(k.startswith("event:") for k in ks) for ks in keys]
    comparer.align({(i, j): comparer.verdict(units[i], units[j]) for i, j in pairs if (i, j) not in quick})
    verdicts: dict[tuple[int, int], Verdict] = {}
    bridged: set[tuple[int, int]] = set()
    for i, j in pairs:
        a, b = units[i], units[j]
        v = quick.get((i, j)) or comparer.verdict(a, b)
        if v.relation == "unrelated" and not v.slots and with_event[i] and with_event[j] and any(
            k.startswith("event:") for k in keys[i] & keys[j]
        ):
            v = Verdict("ask", v.score)  # one event in both: worth a look whatever the words
            bridged.add((i, j))
        verdicts[(i, j)] = v
    asked = sorted(
        ((k in bridged, v.score, k) for k, v in verdicts.items() if v.relation == "ask"), reverse=True
    )[: thresholds.max_questions]
    questions = [Question(n + 1, units[i], units[j]) for n, (i, j) in enumerate(sorted(k for _, _, k in asked))]
    return FactPlan(units, comparer, verdicts, questions, profile)


def _quoting_pairs(units: list[Unit]) -> set[tuple[int, int]]:
    """Pairs (i < j) where one claim's short quotation occurs in the other's quoted words: one
    search per quotation through all quoted words at once, instead of one per pair."""
    quoted = [(u.k, u.quoted_text) for u in units if u.quoted_text]
    if not quoted:
        return set()
    starts, parts, pos = [], [], 0
    for k, text in quoted:
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


def _shared_weights(keys: list[set[str]], weight: dict[str, float]) -> list[dict[int, tuple[float, int]]]:
    """For each claim i: j (> i) -> (weight, number) of the keys they share, over an inverted
    index; keys without a weight (the events) make the pair but count for neither."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            postings[k].append(i)
    out: list[dict[int, tuple[float, int]]] = []
    for i, ks in enumerate(keys):
        acc: dict[int, float] = {}
        cnt: dict[int, int] = {}
        for k in ks:
            plist = postings[k]
            if len(plist) < 2:
                continue
            wk = weight.get(k)
            for j in plist[bisect_right(plist, i) :]:
                if wk is None:  # an event both report: a pair, weighing nothing
                    acc.setdefault(j, 0.0)
                    cnt.setdefault(j, 0)
                else:
                    acc[j] = acc.get(j, 0.0) + wk
                    cnt[j] = cnt.get(j, 0) + 1
        out.append({j: (acc[j], cnt[j]) for j in acc})
    return out


def apply_answers(plan: FactPlan, answers: dict[int, str] | None) -> tuple[int, int]:
    """Fold the model's answers (question number -> same/conflict/unrelated) into the verdicts.

    "same" is kept as it is (code found nothing differing, or it would not have asked);
    "conflict" is kept only where code finds a differing detail (else it is "unrelated": a
    disagreement must say what differs). Returns (kept, rejected)."""
    kept = rejected = 0
    for q in plan.questions:
        key = (q.a.k, q.b.k)
        answer = (answers or {}).get(q.number)
        v = plan.verdicts[key]
        if answer == "same":
            plan.verdicts[key] = Verdict("same", v.score, by="model")
            kept += 1
        elif answer == "conflict":
            slots = plan.comparer.hint(q.a, q.b)
            if slots:
                plan.verdicts[key] = Verdict("conflict", v.score, slots, by="model")
                kept += 1
            else:
                plan.verdicts[key] = Verdict("unrelated", v.score, by="model")
                rejected += 1
        elif answer == "unrelated":
            plan.verdicts[key] = Verdict("unrelated", v.score, by="model")
            kept += 1
        else:  # not asked (adjudication off) or no answer: code's default
            plan.verdicts[key] = Verdict("unrelated", v.score)
    for key, v in plan.verdicts.items():
        if v.relation == "ask":  # beyond max_questions
            plan.verdicts[key] = Verdict("unrelated", v.score)
    return kept, rejected


# ----------------------------------------------------------------------------- facts


def _related(plan: FactPlan, a: Unit, b: Unit) -> Verdict:
    key = (min(a.k, b.k), max(a.k, b.k))
    v = plan.verdicts.get(key)
    if v is None:  # never a candidate: compare now (within two groups only)
        v = plan.comparer.verdict(plan.units[key[0]], plan.units[key[1]])
        if v.relation == "ask":
            v = Verdict("unrelated", v.score)
        plan.verdicts[key] = v
    return v if a.k < b.k else _swap(v)


def _linkable(plan: FactPlan, ga: list[int], gb: list[int]) -> bool:
    """Two groups are one fact when every two members from different articles are at least
    related (no conflict, none the model called unrelated, none below the ask threshold) and on
    average the same: a chain through a sentence that states two facts cannot glue them."""
    scores = []
    for x in ga:
        for y in gb:
            a, b = plan.units[x], plan.units[y]
            if a.source == b.source:
                continue
            v = _related(plan, a, b)
            if v.relation in ("same", "disputed"):
                scores.append(max(v.score, plan.comparer.thresholds(a, b)[0]))
                continue
            if v.relation == "conflict" or v.by == "model" or v.score < plan.comparer.thresholds(a, b)[1]:
                return False
            scores.append(v.score)
    if not scores:
        return True
    return sum(scores) / len(scores) >= min(plan.comparer.thresholds(plan.units[x], plan.units[y])[0] for x in ga for y in gb)


def build_facts(plan: FactPlan) -> tuple[list[tuple[list[int], set[int]]], dict[tuple[int, int], Verdict]]:
    """Groups of unit indexes that are one fact, each with the members that also sit in
    another fact (a sentence that states two facts), and the conflicts."""
    units = plan.units
    edges = sorted(
        ((v.score, i, j) for (i, j), v in plan.verdicts.items() if v.relation in ("same", "disputed")), reverse=True
    )
    uf = UnionFind(len(units))
    left = []
    for _, i, j in edges:
        if uf.find(i) == uf.find(j):
            continue
        if _linkable(plan, uf.group(i), uf.group(j)):
            uf.union(i, j)
        else:
            left.append((i, j))
    groups = {uf.find(i): list(uf.group(i)) for i in range(len(units))}
    secondary: dict[int, set[int]] = defaultdict(set)
    # a claim that states two facts ("after the two-hour conversation, Putin described the call
    # as 'very meaningful and frank'") also joins the second fact, when it fits all its members
    for i, j in left:
        gi, gj = groups[uf.find(i)], groups[uf.find(j)]
        for x, g in ((i, gj), (j, gi)):
            if x not in g and _linkable(plan, [x], g) and units[x].source not in {units[m].source for m in g}:
                g.append(x)
                secondary[uf.find(g[0])].add(x)
    conflicts = {k: v for k, v in plan.verdicts.items() if v.relation in ("conflict", "disputed")}
    return [(sorted(g), secondary[root]) for root, g in groups.items()], conflicts


def _statement(
    members: list[Unit], disputed: set[int], borrowed: AbstractSet[int] = frozenset(), profile: LanguageProfile = ENGLISH,
    support: dict[int, int] | None = None,
) -> Unit:
    """The member to show: its own (not one it shares with another fact), the one the most
    other articles state directly (``support``), undisputed, not someone's speech, readable
    alone (no pronoun in its first words: "Trump called it ..."), a key point, then the
    shortest."""

    def rank(u: Unit) -> tuple:
        w = words(u.claim.text)
        leans = any(t in profile.pronouns for t in w[:PRONOUN_WORDS])
        return (u.claim.continues, u.k in borrowed, -(support or {}).get(u.k, 0), u.k in disputed, u.claim.quoted, leans,
                not u.claim.key, len(w) < 5, len(w), u.source, u.claim.start)  # fmt: skip

    return min(members, key=rank)


def _sentence_case(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] if text else text


def _states(plan: FactPlan, a: Unit, b: Unit) -> bool:
    """Does ``b`` state what ``a`` states (one statement, maybe with a disputed figure, but not
    an earlier or later report of a figure that changed)?"""
    return (
        a.source != b.source
        and _related(plan, a, b).relation in ("same", "disputed")
        and frozenset((a.k, b.k)) not in plan.moved_on
    )


def _cited(plan: FactPlan, group: list[int], disputed: set[int], borrowed: set[int]) -> list[tuple[Unit, list[Unit]]]:
    """A group of claims as facts whose every source states the shown statement itself.

    Average linkage may join A and C through B; a reader takes "[A][B][C]" to mean each of
    them says the shown words. So the shown statement is the member the most other articles
    state directly (then the most readable), and only members that state it stay; the rest
    are grouped again the same way."""
    left = [plan.units[i] for i in group]
    out: list[tuple[Unit, list[Unit]]] = []
    while left:
        support = {u.k: len({m.source for m in left if _states(plan, u, m)}) for u in left}
        shown = _statement(left, disputed, borrowed, plan.profile, support)
        kept = [shown] + [m for m in left if m is not shown and _states(plan, shown, m)]
        out.append((shown, kept))
        left = [m for m in left if m not in kept]
    return out


def _also_stated(plan: FactPlan, shown: Unit, kept: list[Unit], partners: dict[int, list[int]]) -> list[Unit]:
    """A statement of one article, checked against the other articles' claims before it is
    printed as "single source": any that states it itself, though the grouping (average
    linkage, its veto) left it in another fact. ``partners``: each claim's pairs that were
    compared and found the same statement (a pair that shares no feature cannot be)."""
    have = {u.source for u in kept}
    found: dict[str, Unit] = {}
    for k in partners.get(shown.k, ()):
        m = plan.units[k]
        if m.source not in have and m.source not in found and _states(plan, shown, m):
            found[m.source] = m
    return list(found.values())


def stated_by(plan: FactPlan, members_of: dict[str, list[int]]) -> Callable[[str, int], list[str]]:
    """(article, claim start) -> the articles whose own statement in the same fact says what
    that claim says (for citing a sentence that is not the fact's shown statement)."""
    unit_at = {(u.source, u.claim.start): u for u in plan.units}
    fact_of = {k: fid for fid, ks in members_of.items() for k in ks}

    def sources(source: str, start: int) -> list[str]:
        u = unit_at.get((source, start))
        if u is None or u.k not in fact_of:
            return [source]
        return uniq([source] + [plan.units[k].source for k in members_of[fact_of[u.k]] if _states(plan, u, plan.units[k])])

    return sources


def finish_facts(plan: FactPlan) -> tuple[list[BriefingFact], list[Disagreement], dict[str, list[int]]]:
    """The briefing's facts and disagreements; also fact id -> member units (for topics).

    Every source of a fact states the shown statement itself (``_cited``); a statement one
    article makes is re-checked against every other article's claims (``_also_stated``)."""
    groups, conflicts = build_facts(plan)
    disagreements, disputed_units, unit_disagreements = _disagreements(plan, conflicts)
    real_disagreements = {d.id for d in disagreements if not d.evolution}
    partners: dict[int, list[int]] = defaultdict(list)
    for (i, j), v in plan.verdicts.items():
        if v.relation in ("same", "disputed"):
            partners[i].append(j)
            partners[j].append(i)
    facts: list[BriefingFact] = []
    members_of: dict[str, list[int]] = {}
    taken: set[str] = set()
    for g, borrowed in groups:
        for shown, members in _cited(plan, g, disputed_units, borrowed):
            if shown.claim.continues:
                continue  # a clause with no subject of its own cannot stand as a fact
            if len({u.source for u in members}) < 2:
                members = members + _also_stated(plan, shown, members, partners)
            sources = uniq(u.source for u in sorted(members, key=lambda u: (u.source, u.claim.start)))
            key = any(u.claim.key for u in members)
            if len(sources) < 2 and not key:
                continue  # one article's statement that the model did not pick: no fact of the briefing
            # (a statement of two copies of one text is listed: two sources, one voice, not corroborated)
            voices = count_voices([(u.source, u.claim.text) for u in members], {u.source: u.voice for u in members})
            anchor = min(members, key=lambda u: (u.k in borrowed, u.source, u.claim.start))
            fid = content_id("fact", anchor.source, normalize(anchor.claim.text), taken=taken)
            disputed = uniq(d for u in members for d in unit_disagreements.get(u.k, []) if d in real_disagreements)
            facts.append(
                BriefingFact(
                    id=fid,
                    statement=_sentence_case(shown.claim.text),
                    sources=sources,
                    voices=voices,
                    corroborated=voices >= 2,
                    key=key,
                    disputed=disputed if shown.k in disputed_units else [],
                    evidence=[
                        Evidence(source=u.source, span=Span(start=u.claim.start, end=u.claim.end, status="exact", score=100), text=u.claim.text)
                        for u in sorted(members, key=lambda u: (u.source, u.claim.start))
                    ],
                )
            )
            members_of[fid] = [u.k for u in members]
    prominence = {f.id: min(plan.units[i].position for i in members_of[f.id]) for f in facts}
    facts.sort(key=lambda f: (-f.voices, -len(f.sources), bool(f.disputed), prominence[f.id], f.id))
    return facts, disagreements, members_of


# ----------------------------------------------------------------------------- disagreements


def _disagreements(
    plan: FactPlan, conflicts: dict[tuple[int, int], Verdict]
) -> tuple[list[Disagreement], set[int], dict[int, list[str]]]:
    """One disagreement per subject: conflicting pairs about the same measure are grouped, and
    each side lists every article that says the same value."""
    units = plan.units
    # one disagreement per detail: the details (a figure of one claim, a direction word ...)
    # that conflicting pairs connect form one subject
    slot_edges: list[tuple[int, int, Slot, str]] = [
        (i, j, s, v.by) for (i, j), v in sorted(conflicts.items()) for s in v.slots
    ]
    nodes = sorted({(i, s.a_key) for i, _, s, _ in slot_edges} | {(j, s.b_key) for _, j, s, _ in slot_edges})
    node_id = {n: k for k, n in enumerate(nodes)}
    topics = UnionFind(len(nodes))
    for i, j, s, _ in slot_edges:
        topics.union(node_id[(i, s.a_key)], node_id[(j, s.b_key)])
    by_topic: dict[int, list[tuple[int, int, Slot, str]]] = defaultdict(list)
    for e in slot_edges:
        by_topic[topics.find(node_id[(e[0], e[2].a_key)])].append(e)
    out: list[Disagreement] = []
    disputed_units: set[int] = set()
    unit_dis: dict[int, list[str]] = defaultdict(list)
    for edges in by_topic.values():
        kind = edges[0][2].kind
        subject = edges[0][2].subject

        values: dict[str, list[int]] = defaultdict(list)
        for i, j, s, _ in edges:
            for u, val in ((i, s.a_value), (j, s.b_value)):
                if u not in values[_value_key(val)]:
                    values[_value_key(val)].append(u)
        if len(values) < 2:
            continue
        # a unit on two sides (it said both?) stays on its first
        seen: set[int] = set()
        positions = []
        sides: list[list[int]] = []
        for key, us in values.items():
            us = [u for u in us if u not in seen]
            seen.update(us)
            if not us:
                continue
            sides.append(us)
            members = sorted((units[u] for u in us), key=lambda u: (u.source, u.claim.start))
            shown = _statement(members, set(), profile=plan.profile)
            raw_value = next(
                (s.a_value if u == i else s.b_value) for i, j, s, _ in edges for u in (i, j) if u in us and _value_key(s.a_value if u == i else s.b_value) == key
            )
            published = sorted({u.published for u in members if u.published})
            positions.append(
                Position(
                    value=raw_value,
                    statement=_sentence_case(shown.claim.text),
                    sources=uniq(u.source for u in members),
                    published=published[0] if published else None,
                    evidence=[
                        Evidence(source=u.source, span=Span(start=u.claim.start, end=u.claim.end, status="exact", score=100), text=u.claim.text)
                        for u in members
                    ],
                )
            )
        if len(positions) < 2:
            continue
        order = _update_order(positions, kind, plan.profile, {u.source: u.published for u in units})
        evolution = order is not None
        if order is not None:
            positions = order
            # a later report does not state the earlier figure: never a source of it
            plan.moved_on |= {frozenset((x, y)) for s1, s2 in combinations(sides, 2) for x in s1 for y in s2}
        anchor = min((units[u] for e in edges for u in e[:2]), key=lambda u: (u.source, u.claim.start))
        did = content_id("disagreement", anchor.source, normalize(anchor.claim.text), kind, subject)
        involved = {u for e in edges for u in e[:2]}
        for u in involved:
            unit_dis[u].append(did)
            if not evolution:
                disputed_units.add(u)
        out.append(
            Disagreement(
                id=did,
                subject=subject,
                kind=kind,
                evolution=evolution,
                decided_by="model" if any(e[3] == "model" for e in edges) else "code",
                positions=positions,
                sources=uniq(s for p in positions for s in p.sources),
            )
        )
    out = _one_per_detail(out, unit_dis, plan.profile)
    out.sort(key=lambda d: (d.evolution, -len(d.sources), d.id))
    return out, disputed_units, unit_dis


def _one_per_detail(found: list[Disagreement], unit_dis: dict[int, list[str]], profile: LanguageProfile) -> list[Disagreement]:
    """Disagreements on the same values of one kind are one ("6.4" / "6.1" from two pairs of
    articles that were never compared with each other): their positions joined by value."""
    def value(v: str) -> str:
        q = find_quantities(v, profile)
        return f"{q[0].unit}:{q[0].value:g}" if len(q) == 1 else normalize(v)

    merged: dict[tuple, Disagreement] = {}
    renamed: dict[str, str] = {}
    for d in found:
        key = (d.kind, d.evolution, frozenset(value(p.value) for p in d.positions))
        first = merged.get(key)
        if first is None:
            merged[key] = d
            continue
        renamed[d.id] = first.id
        for p in d.positions:
            same = next(q for q in first.positions if value(q.value) == value(p.value))
            same.sources = uniq(same.sources + p.sources)
            same.evidence = same.evidence + [e for e in p.evidence if e not in same.evidence]
        first.sources = uniq(first.sources + d.sources)
    for ids in unit_dis.values():
        ids[:] = uniq(renamed.get(i, i) for i in ids)
    return list(merged.values())


def _update_order(
    positions: list[Position], kind: str, profile: LanguageProfile, published: dict[str, str | None]
) -> list[Position] | None:
    """The positions in time order when they are an update, not a conflict: each side's
    articles (the dated ones) all come no earlier than the previous side's, one strictly
    later -- and the words say the news moved on ("has risen to", "now", "up from", "have
    not resumed", "no injuries were reported"; ``profile.update_markers``), or the detail is
    a date something was planned for (plans move), or a count that only grows grew (the dead,
    the arrested). A side with no dated article is ordered by its words alone: of two sides,
    the one that marks the change ("almost two months earlier than planned") is the later.
    Else None: outlets that differ on the same day, or with nothing that marks a change,
    disagree."""
    dated = []
    for p in positions:
        days = sorted({d for d in (published.get(src) for src in p.sources) if d})
        if not days:  # an undated report: the words decide
            return _ordered_by_words(positions, profile)
        dated.append((days[0], days[-1], p))
    dated.sort(key=lambda x: (x[0], x[1]))
    for (_, last, _), (first, _, _) in zip(dated, dated[1:]):
        if first < last:
            return None
    if dated[0][1] >= dated[-1][1] and dated[0][0] >= dated[-1][0]:
        return _ordered_by_words(positions, profile)  # one day: two editions, told apart by their words
    texts = [e.text or "" for _, _, p in dated for e in p.evidence]
    marked = any(_marks(t, profile.update_markers) or _marks(t, profile.early_markers) for t in texts)
    if kind == "date" or marked or (kind == "number" and _accrues(dated, texts, profile)):
        return [p for _, _, p in dated]
    return None


def _ordered_by_words(positions: list[Position], profile: LanguageProfile) -> list[Position] | None:
    """Two reports with no dates to order them: the one that says the news moved on ("has
    risen", "now", "earlier than planned") is the later, the one that says what is known so far
    ("no injuries were reported", "have not yet") the earlier -- when the words agree."""
    if len(positions) != 2:
        return None
    said = lambda p, markers: any(_marks(e.text or "", markers) for e in p.evidence)  # noqa: E731
    # "rose", "has fallen" may be what one side says happened ("exports rose" / "exports fell"):
    # with no dates, only words that say the report itself moved on order two reports
    turning = {w for pair in profile.direction_pairs for w in pair}
    moved_on = [m for m in profile.update_markers if not set(m.split()) & turning]
    a, b = positions
    later_a, later_b = said(a, moved_on), said(b, moved_on)
    early_a, early_b = said(a, profile.early_markers), said(b, profile.early_markers)
    if (later_b or early_a) and not (later_a or early_b):
        return [a, b]
    if (later_a or early_b) and not (later_b or early_a):
        return [b, a]
    return None


def _accrues(dated: list[tuple[str, str, Position]], texts: list[str], profile: LanguageProfile) -> bool:
    """A count that only grows as news comes in (the dead, the injured, the arrested:
    ``profile.cumulative_words``) and grew from report to report."""
    said = {profile.stem(w) for t in texts for w in words(t)}
    if not said & {profile.stem(w) for w in profile.cumulative_words}:
        return False
    values = [find_quantities(p.value, profile) for _, _, p in dated]
    if not all(values):
        return False
    firsts = [v[0].value for v in values]
    return all(x < y for x, y in zip(firsts, firsts[1:]))


def _marks(text: str, markers: Sequence[str]) -> bool:
    low = " " + " ".join(words(text)) + " "
    return any(f" {m} " in low for m in markers)


def _value_key(value: str) -> str:
    return normalize(value)
