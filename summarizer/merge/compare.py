"""How two units compare: similarity (a weighted overlap of words, figures, dates, names and
quoted phrases, weights from the whole briefing) and the slots that make two similar
statements different facts (a figure measuring the same thing, a direction, a negation, a
place, another day); ``Comparer.verdict`` decides same, same but disputed, conflict, unrelated
or ask. What it is tuned by is ``tuning.Thresholds`` (with its ``Weights``)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import chain

from ..language import LanguageProfile
from ..reading.quantities import same_value
from ..schemas import (
    Figure,
)
from .index import uniq
from .tuning import Thresholds, Weights
from .units import Fig, Slot, Unit, moved_dates, quoting_pairs

Relation = str  # "same" | "disputed" | "conflict" | "unrelated" | "ask"


@dataclass(slots=True)
class Verdict:
    relation: Relation
    score: float
    slots: Sequence[Slot] = ()  # a briefing holds one verdict per pair compared: none keeps a list of its own
    by: str = "code"


@dataclass
class Question:
    """A pair code could not settle, for the adjudication call."""

    number: int
    a: Unit
    b: Unit


def _bits(sets: list[frozenset[str]]) -> list[int]:
    """Each set as an int with one bit per distinct member: two sets meet when their ints do."""
    index: dict[str, int] = {}
    return [sum(1 << index.setdefault(x, len(index)) for x in s) for s in sets]


def _kind_weight(feature: str, w: Weights) -> float:
    if feature.startswith(("#", "@")):
        return w.figure_weight
    if feature.startswith("e:"):
        return w.name_weight
    return 1.0


class FigureRules:
    """The figure rules of ``Comparer``: whether two figures measure the same thing, and the
    pairs of figures that agree or differ between two units."""

    profile: LanguageProfile
    w: Weights
    _fig_bits: list[int]  # each unit's units of figures, as bits (``Comparer``)
    _spelt: dict[int, list[tuple[str, str]]]  # unit -> its words with their stems, read when first asked for

    def spelt(self, u: Unit) -> list[tuple[str, str]]:
        """The claim's words, each with its stem: where a stem is shown, it is in the article's own spelling."""
        got = self._spelt.get(u.k)
        if got is None:
            stem = self.profile.stem
            got = self._spelt[u.k] = [(w, stem(w)) for w in u.words]
        return got

    def _other_measures(self, fa: Fig, fb: Fig, a: Unit, b: Unit) -> bool:
        """Do two figures of one unit count different things, whatever the words around them
        share? What they count (``Figure.noun``: "diseases" vs "forms"; two nouns for people --
        "workers", "employees", "others" -- are one measure), whom (the same noun qualified apart: "of the first patient"
        vs "with the two other patients"), what was done with it (the governing verbs
        differ, neither claim uses the other's, and the verbs share no argument: "requested $14
        billion" vs "approved $3.1 billion"; one verb, denied in one: "5,400 were allowed to
        return" vs "2,100 are still not allowed back" count those it was done to and the rest),
        and when (one names a year the other does not report: "In 2019, ... 100 people" vs this
        week's 14)."""
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
        if fa.denied != fb.denied and fa.figure.value and fb.figure.value and fa.figure.verb and fb.figure.verb \
                and stem(fa.figure.verb) == stem(fb.figure.verb):
            return True  # "5,400 people were allowed to return" / "2,100 are still not allowed back": those it was done to, and the rest
        if fa.figure.kind and fb.figure.kind and fa.figure.kind != fb.figure.kind:
            return True  # a distance ("200 kilometers") is no count ("1,800 dock workers")
        if fa.figure.unit == "count" and bool(na) != bool(nb) and (na or nb) not in (fb.measure if na else fa.measure):
            return True  # "in one case" and a bare "two": what one counts must be named around the other
        if any(qa[n] and qb[n] and not (qa[n] & qb[n]) for n in qa.keys() & qb.keys()):
            return True
        va, vb = fa.figure.verb, fb.figure.verb
        beside = {k for k in fa.measure if k.startswith("#")} & {k for k in fb.measure if k.startswith("#")}
        # one total beside both ("six of the nine" / "seven of the nine"): one measure whatever the verbs
        valued = bool(na and na == nb) and not self._people(fa) and (va in self.profile.value_verbs or vb in self.profile.value_verbs)
        if va and vb and not beside and not valued:  # ("were on the fire": the noun says what is counted)
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
        if va_ and vb_ and max(abs(va_), abs(vb_)) > self.w.value_ratio_max * min(abs(va_), abs(vb_)):
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
        if not self._fig_bits[a.k] & self._fig_bits[b.k]:
            return [], []  # no unit in common: nothing to pair
        cands = []
        for fa in a.figs:
            for fb in b.figs:
                told = (fb.was is not None and same_value(fa.figure, fb.was)) or (fa.was is not None and same_value(fb.figure, fa.was))
                if told and fa.figure.unit == fb.figure.unit and not same_value(fa.figure, fb.figure):
                    # one says "22, up from 14" and the other "14": the writer says it is one measure
                    cands.append((self.w.strong_measure + 1.0, False, fa, fb))
                    continue
                if fa.figure.unit != fb.figure.unit or self._other_measures(fa, fb, a, b):
                    continue
                score = sum(min(w, fb.measure[k]) for k, w in fa.measure.items() if k in fb.measure)
                # what one counts is named next to the other ("two workers" / "... a worker died")
                score += self.w.noun_bonus * ((fa.noun is not None and fa.noun in fb.measure) + (fb.noun is not None and fb.noun in fa.measure))
                if score < self.w.measure_min:
                    continue
                # ... and what was done to it: "killed two workers" pairs with "killed two employees"
                # before "four others were taken to hospital" does
                if fa.figure.verb and fb.figure.verb and self.profile.stem(fa.figure.verb) == self.profile.stem(fb.figure.verb):
                    score += self.w.noun_bonus
                cands.append((score, same_value(fa.figure, fb.figure), fa, fb))
        # agreement is the likelier reading: an equal value close to the best match is taken first
        cands.sort(key=lambda c: (-c[0] * (self.w.equal_preference if c[1] else 1.0), not c[1]))
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

    def _subject(self, fa: Fig, fb: Fig, a: Unit) -> str:
        """What the figures measure, in a's words: its noun and the closest words both share."""
        shared = sorted((k for k in set(fa.measure) & set(fb.measure) if not k.startswith("#")),
                        key=lambda k: (-min(fa.measure[k], fb.measure[k]), k))[: self.w.subject_words]  # fmt: skip
        keep = set(shared) | ({fa.noun} if fa.noun else set())
        shown = uniq(w for w, st in self.spelt(a) if st in keep)  # the article's own spelling
        return " ".join(shown) or fa.figure.noun or fa.figure.unit

    def _shared_words(self, a: Unit, b: Unit) -> str:
        shared = a.stems & b.stems
        return " ".join(uniq(w for w, st in self.spelt(a) if st in shared)[: self.w.subject_words + 2])


class Comparer(FigureRules):
    """Similarity and slot comparison of two claims, with weights from the whole briefing."""

    def __init__(self, units: list[Unit], profile: LanguageProfile, thresholds: Thresholds = Thresholds()):
        self.units = units
        self.profile = profile
        self.t, self.w = thresholds, thresholds.weights
        df = Counter(chain.from_iterable(u.feats for u in units))
        n = max(1, len(units))
        self.df = df
        self.weight = {f: math.log(1 + n / c) * _kind_weight(f, self.w) for f, c in df.items()}
        self.total = [math.fsum(map(self.weight.__getitem__, u.feats)) for u in units]  # fsum: order-independent
        self.cache: dict[tuple[int, int], Measure] = {}
        self._spelt = {}
        self.aligned: set[frozenset[str]] = set()  # article pairs that report the same occasion
        self._aligned: set[tuple[str, str]] = set()  # ... both ways round, for a quick look-up
        self.ask_floor = min(thresholds.ask, thresholds.ask_aligned)
        self.fig_units = [frozenset(x.figure.unit for x in u.figs) for u in units]
        self.frame_verbs = [frozenset(f.verb for f in u.frames) for u in units]
        self.titles = frozenset(profile.stem(w) for w in profile.title_words)
        self.cumulative = frozenset(profile.stem(w) for w in profile.cumulative_words)
        self.opposites = frozenset(frozenset(pair) for pair in profile.direction_stems)
        # read once per unit for the pair checks below: the verbs' heads ("give" of "give_up"),
        # the stems and heads a shorter claim's verbs are looked for in, the verbs opposite its
        # own ("rise" for "fall"), and what could relate two units whatever their words
        # (``may_differ``) as bits: units of figures, frame verbs, directions either way
        self.heads = [frozenset(f.verb.split("_")[0] for f in u.frames) for u in units]
        self.inside = [u.stems | h for u, h in zip(units, self.heads, strict=True)]
        self.opposite_of: dict[str, set[str]] = defaultdict(set)  # verb -> y where {verb, y} is an opposite pair
        for pair in self.opposites:
            for x in pair:
                self.opposite_of[x] |= pair - {x} or {x}
        self.opposed = [frozenset(y for v in verbs for y in self.opposite_of.get(v, ())) for verbs in self.frame_verbs]
        self._fig_bits = _bits(self.fig_units)
        self._verb_bits = _bits(self.frame_verbs)
        self._rises = [sum(1 << k for k, s in u.direction.items() if s == 1) for u in units]
        self._falls = [sum(1 << k for k, s in u.direction.items() if s == -1) for u in units]
        self._negated_stems = [u.negated & u.stems for u in units]
        self._negative = [u.has_negative for u in units]
        self._stems = [u.stems for u in units]
        self.quoting = quoting_pairs(units)  # below it, "unrelated" whatever the alignment

    def align(self, verdicts: dict[tuple[int, int], Verdict]) -> None:
        """Mark the article pairs that share ``aligned_min`` statements (strict thresholds)."""
        shared: dict[tuple[str, str], set[int]] = defaultdict(set)  # (article, article), in order -> claims
        sources = [u.source for u in self.units]
        for (i, j), v in verdicts.items():
            if v.relation in ("same", "disputed", "conflict"):
                x, y = sources[i], sources[j]
                shared[(x, y) if x <= y else (y, x)].add(i)
        self.aligned = {frozenset(pair) for pair, claims in shared.items() if len(claims) >= self.t.aligned_min}
        self._aligned = {(x, y) for pair in self.aligned for x in pair for y in pair if x != y or len(pair) == 1}

    def is_aligned(self, a: Unit, b: Unit) -> bool:
        """Do the two claims' articles report one occasion (``align``)?"""
        return bool(self._aligned) and (a.source, b.source) in self._aligned

    def thresholds(self, a: Unit, b: Unit) -> tuple[float, float]:
        if self._aligned and (a.source, b.source) in self._aligned:  # ``is_aligned``
            return self.t.same_aligned, self.t.ask_aligned
        return self.t.same, self.t.ask

    def similarity(self, a: Unit, b: Unit, drop: AbstractSet[str] = frozenset()) -> float:
        """Weighted overlap of what two claims say (not who says it).

        Ochiai (shared weight / geometric mean) -- or, when at least two features are shared,
        ``Weights.contain_weight`` x containment in the shorter claim, whichever is higher: a short
        statement inside a long sentence that says two things is still the same statement."""
        weight = self.weight
        if drop:
            both = (a.feats & b.feats) - drop
            wa = self.total[a.k] - math.fsum(weight[f] for f in a.feats & drop)
            wb = self.total[b.k] - math.fsum(weight[f] for f in b.feats & drop)
        else:
            both = a.feats & b.feats
            total = self.total
            wa, wb = total[a.k], total[b.k]
        shared = math.fsum(map(weight.__getitem__, both))
        if wa <= 0 or wb <= 0:
            return 0.0
        score = shared / math.sqrt(wa * wb)
        w = self.w
        if len(both) >= w.contain_min_shared:
            # what the shorter says happened (its verbs) in the longer? Not "grain loading was halted" in one with no halt
            short, long = (a, b) if wa <= wb else (b, a)
            verbs = self.heads[short.k]
            if not verbs or not verbs.isdisjoint(self.inside[long.k]):
                held = w.contain_weight * shared / (wa if wa <= wb else wb)
                score = held if held > score else score
        if (a.quote_fragments and b.quoted_text and any(f in b.quoted_text for f in a.quote_fragments)) or (
            b.quote_fragments and a.quoted_text and any(f in a.quoted_text for f in b.quote_fragments)
        ):
            score = max(score, w.shared_quote_score)  # one quotes a part of what the other quotes: one statement
        return score

    def settled_by_weight(self, i: int, others: list[int], shared: Sequence[float], count: Sequence[int]) -> dict[int, float]:
        """The score of each pair (``i``, j in ``others``) that is "unrelated" whose features in common (``count[j]``
        of them, ``shared[j]`` weight) cannot reach the lowest "ask" threshold, when nothing else
        could relate them (``may_differ``); the other pairs are compared in full. The bound is the
        similarity itself (Ochiai, or the containment score for two or more shared features),
        with a margin for the order in which the weights were summed; it is kept as the verdict's
        score, which nothing reads below the thresholds. One call per claim: this runs for every
        pair of a small briefing that shares a word."""
        out: dict[int, float] = {}
        total, wa = self.total, self.total[i]
        if wa <= 0:
            return out
        floor, least, contain = self.ask_floor - 1e-9, self.w.contain_min_shared, self.w.contain_weight
        figs, verbs, rises, falls = self._fig_bits, self._verb_bits, self._rises, self._falls
        fig_i, verb_i, rise_i, fall_i = figs[i], verbs[i], rises[i], falls[i]
        negative, negated, stems, quoting = self._negative, self._negated_stems, self._stems, self.quoting
        negative_i, negated_i, stems_i = negative[i], negated[i], stems[i]
        sqrt = math.sqrt
        for j in others:
            wb = total[j]
            if wb <= 0:
                continue
            weight = shared[j]
            bound = weight / sqrt(wa * wb)
            if count[j] >= least and (held := contain * weight / (wa if wa <= wb else wb)) > bound:
                bound = held  # (``max`` and ``min`` written out: this loop is hot)
            if bound >= floor or fig_i & figs[j] or verb_i & verbs[j] or rise_i & falls[j] or fall_i & rises[j]:
                continue
            # ``may_differ``, its bits just read: a word negated on one side only, a shared quotation
            if negative_i != negative[j] and not (negated_i.isdisjoint(stems[j]) and negated[j].isdisjoint(stems_i)):
                continue
            if not (quoting and (i, j) in quoting):
                out[j] = bound
        return out

    def may_differ(self, i: int, j: int) -> bool:
        """Could a detail relate units ``i`` and ``j`` whatever the weight of what they share?
        Figures in the same unit, opposite directions, a word negated on one side only, a
        shared quotation, or one verb in both (its arguments may say they differ: who, whether,
        where)."""
        if self._fig_bits[i] & self._fig_bits[j] or self._verb_bits[i] & self._verb_bits[j]:
            return True
        if self._rises[i] & self._falls[j] or self._falls[i] & self._rises[j]:
            return True
        if self._negative[i] != self._negative[j] and not (
            self._negated_stems[i].isdisjoint(self._stems[j]) and self._negated_stems[j].isdisjoint(self._stems[i])
        ):
            return True
        return (i, j) in self.quoting

    def verdict(self, a: Unit, b: Unit) -> Verdict:
        """The relation of two claims. What they share and where they differ is measured once
        per pair (``_measure``, cached); the thresholds -- stricter or, once their articles are
        aligned, more lenient -- are applied on every call (``decide``)."""
        lo, hi = (a, b) if a.k < b.k else (b, a)
        key = (lo.k, hi.k)
        m = self.cache.get(key)
        if m is None:
            m = self.cache[key] = self._measure(lo, hi)
        t, aligned = self.t, self._aligned and (lo.source, hi.source) in self._aligned  # (``thresholds``)
        v = decide(m, t.same_aligned if aligned else t.same, t.ask_aligned if aligned else t.ask, self.w)
        return v if a.k < b.k else swap(v)

    def _measure(self, a: Unit, b: Unit) -> Measure:
        score = self.similarity(a, b)
        agree, differ = self._figure_slots(a, b)
        slots: list[Slot] = []
        drop: set[str] = set()  # the differing details' features, left out of the rest's similarity
        turned: set[str] = set()  # ... of the direction and negation details alone
        evolving = bool(a.published and b.published and a.published != b.published)
        strong: list[Slot] = []
        for fa, fb, alike in differ:
            subject = self._subject(fa, fb, a)
            slot = Slot("number", subject, fa.figure.surface, fb.figure.surface, evolving, f"fig{fa.figure.start}", f"fig{fb.figure.start}")
            # counting one thing (its noun, its verb, the words around it) says the claims are
            # about one thing however little else they share
            told = alike > self.w.strong_measure + 0.5  # "22, up from 14" against a "14"
            (strong if told or (alike >= self.w.strong_measure and fa.noun and fa.noun == fb.noun) else slots).append(slot)
            drop |= {f"#{fa.figure.unit}:{fa.figure.value:g}", f"#{fb.figure.unit}:{fb.figure.value:g}"}
        framed = strong + self._frame_slots(a, b, evolving, score)  # who, whether, where, read from the parse
        if differ and any(fa.figure.value == 0 or fb.figure.value == 0 for fa, fb, _ in differ):
            # "no ships were damaged" / "three ships were damaged": one disagreement, on the count
            framed = [s for s in framed if s.kind != "direction"]
        if framed:
            drop |= {k for s in framed for k in s.a_key.split("|")[1:] + s.b_key.split("|")[1:]}
        whether = bool(framed) and any(s.kind == "direction" for s in framed)
        for k, sa in (a.direction.items() if b.direction and not whether else ()):
            sb = b.direction.get(k)
            if sa and sb and sa == -sb:
                pos, neg = self.profile.direction_pairs[k]
                words_a, words_b = (pos, neg) if sa > 0 else (neg, pos)
                slots.append(Slot("direction", self._shared_words(a, b), words_a, words_b, evolving, f"dir{k}", f"dir{k}"))
                turned |= set(self.profile.direction_stems[k])
        if a.has_negative != b.has_negative and not whether and not (a.frames and b.frames):  # one says "not X", the other "X"
            counted = {f.noun for u in (a, b) for f in u.figs if f.figure.value == 0}  # "no ships": a figure
            for s in ((a.negated | b.negated) & a.stems & b.stems) - counted:
                neg_a = s in a.negated
                said = _word_for(self.spelt(a if neg_a else b), s)
                slots.append(Slot("direction", self._shared_words(a, b), f"not {said}" if neg_a else said,
                                  said if neg_a else f"not {said}", evolving, f"neg:{s}", f"neg:{s}"))
                turned.add(s)
        moved = moved_dates(a, b, self.profile) if a.future and b.future else None
        if moved:  # "will resign at the end of February" / "will leave on January 1"
            date_slot = Slot("date", self._shared_words(a, b), moved[0], moved[1], evolving, "date", "date")
            drop |= {f for f in a.feats | b.feats if f.startswith("@")}
            if any(fa.tense == fb.tense and (fa.subject & fb.subject or fa.patient & fb.patient) for fa in a.frames for fb in b.frames):
                framed.append(date_slot)  # one thing planned for two dates ("a replacement aircraft would fly ...")
            else:
                slots.append(date_slot)
        dropped = drop | turned
        rest = self.similarity(a, b, dropped) if dropped else score
        if turned and rest < self.w.negation_min:  # negation is easy to misread: only in an otherwise near-identical pair
            slots = [s for s in slots if s.kind != "direction"]
            rest = self.similarity(a, b, drop) if drop else score
        slots += framed
        other_days = bool(a.days and b.days and not (a.days & b.days)) and not moved
        # a count that only grows, told on two days ("killing at least 14" on Monday, "has climbed
        # to 31" on Tuesday), is one count: its days differ because the news moved on
        accruing = bool(strong) and all(u.stems & self.cumulative for u in (a, b))
        other = other_days and not accruing
        other = other or (bool(a.years or b.years) and _other_time(a, b)) or self._other_figures(a, b, agree, differ)
        return Measure(score, rest, slots, bool(agree), other, bool(framed))

    def _other_figures(self, a: Unit, b: Unit, agree: list, differ: list) -> bool:
        """Both count something (a figure with its noun) of one unit that nothing pairs, with other values ("one of three
        diseases" / "one of two main forms"): they count different things, so they are not one
        statement."""
        if differ or not self._fig_bits[a.k] & self._fig_bits[b.k]:
            return False  # a figure they both count, told differently: a disagreement, not two occasions
        paired = {id(f) for pair in agree for f in pair}
        left_a = [f for f in a.figs if id(f) not in paired and f.noun]
        left_b = [f for f in b.figs if id(f) not in paired and f.noun]
        return any(fa.figure.unit == fb.figure.unit and not same_value(fa.figure, fb.figure) for fa in left_a for fb in left_b)

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
        verbs_b = self.frame_verbs[b.k]
        if verbs_b.isdisjoint(self.frame_verbs[a.k]) and verbs_b.isdisjoint(self.opposed[a.k]):
            return []  # no verb of one is the other's or its opposite: no frames about one thing
        out: list[Slot] = []
        seen: set[str] = set()
        for fa in a.frames:
            opposed = self.opposite_of.get(fa.verb, set())
            if fa.verb not in verbs_b and verbs_b.isdisjoint(opposed):
                continue  # no frame of b is about it
            for fb in b.frames:
                same_verb = fa.verb == fb.verb
                if not (same_verb or fb.verb in opposed) or fa.tense != fb.tense:
                    continue  # another verb, or another time ("was cut off" / "would never again be cut off")
                doers_differ = bool(fa.doer and fb.doer and fa.doer.isdisjoint(fb.doer))
                if fa.patient and fb.patient:  # (one subject: "President" says who in office, not who)
                    about = not fa.patient.isdisjoint(fb.patient)
                    if not about and not same_verb:  # "controllers cleared the jet" / "controllers refused permission"
                        about = bool((fa.subject & fb.subject) - self.titles) and score >= self.ask_floor
                elif not fa.patient and not fb.patient:  # "talks have not resumed" / "talks resumed": one subject
                    about = not doers_differ and bool((fa.subject & fb.subject) - self.titles)
                else:  # one says what it acts on, the other does not: only who did it ("... was drawn up by X"), in related sentences
                    about = doers_differ and (fa.by or fb.by) and score >= self.ask_floor
                if not about:
                    continue
                if same_verb and doers_differ and fa.negated == fb.negated and f"who:{fa.verb}" not in seen:
                    seen.add(f"who:{fa.verb}")
                    out.append(Slot("who", _word_for(self.spelt(a), fa.verb.split("_")[0]), fa.doer_text, fb.doer_text, evolving,
                                    "|".join([f"who:{fa.verb}", *fa.doer]), "|".join([f"who:{fa.verb}", *fb.doer])))
                elif not doers_differ and (fb.verb in opposed or (same_verb and fa.negated != fb.negated)):
                    key = f"whether:{min(fa.verb, fb.verb)}"
                    if key in seen:
                        continue
                    seen.add(key)
                    said_a = ("not " if fa.negated else "") + _word_for(self.spelt(a), fa.verb.split("_")[0])
                    said_b = ("not " if fb.negated else "") + _word_for(self.spelt(b), fb.verb.split("_")[0])
                    out.append(Slot("direction", self._shared_words(a, b), said_a, said_b, evolving, key, key))
                elif same_verb and fa.places and fb.places and not (fa.places & fb.places) and fa.negated == fb.negated \
                        and not (fa.places & b.feats) and not (fb.places & a.feats) and "place" not in seen:
                    seen.add("place")
                    out.append(Slot("place", self._shared_words(a, b), fa.places_text, fb.places_text, evolving,
                                    "|".join(["place", *fa.places]), "|".join(["place", *fb.places])))
        return out

    def hint(self, a: Unit, b: Unit) -> list[Slot]:
        """Details code sees differing that its rules did not weigh (for checking a model's "conflict")."""
        slots = []
        if a.places and b.places and not (a.places & b.places):
            slots.append(Slot("place", self._shared_words(a, b), _place_words(self.spelt(a), a.places), _place_words(self.spelt(b), b.places), False, "place", "place"))
        for fa in a.figs:
            for fb in b.figs:
                if fa.figure.unit == fb.figure.unit and not same_value(fa.figure, fb.figure):
                    slots.append(Slot("number", self._subject(fa, fb, a), fa.figure.surface, fb.figure.surface,
                                      bool(a.published and b.published and a.published != b.published),
                                      f"fig{fa.figure.start}", f"fig{fb.figure.start}"))
        if a.days and b.days and not (a.days & b.days):
            slots.append(Slot("date", self._shared_words(a, b), ", ".join(sorted(a.days)), ", ".join(sorted(b.days)), False, "date", "date"))
        return slots


@dataclass(slots=True)
class Measure:
    """What two claims share and where they differ, before any threshold (one per pair compared,
    cached: not changed once made)."""

    score: float
    rest: float  # the similarity without the differing details
    slots: list[Slot]
    agree: bool  # a figure both give with the same value
    other_days: bool  # another occasion: both name days, none in common; another year; figures of one unit nothing pairs
    framed: bool = False  # a detail differs within frames about one thing (who, whether, where); whether


def decide(m: Measure, same_min: float, ask_min: float, w: Weights) -> Verdict:
    if m.slots:
        if all(s.kind != "direction" for s in m.slots) and m.rest >= same_min and (m.agree or m.rest >= w.disputed_same_min):
            return Verdict("disputed", m.rest, m.slots)  # the same statement, one detail differs: one fact, and a disagreement on that detail
        if m.rest >= w.conflict_min or (m.framed and (not m.other_days or any(s.kind == "direction" for s in m.slots))):
            return Verdict("conflict", m.rest, m.slots)
        return Verdict("unrelated", m.rest, m.slots)
    if m.other_days:
        return Verdict("unrelated", m.score)  # the same words about other days, years or figures
    if m.score >= same_min:
        return Verdict("same", m.score)
    if m.score >= ask_min:
        return Verdict("ask", m.score)
    return Verdict("unrelated", m.score)


def swap(v: Verdict) -> Verdict:
    slots = [Slot(s.kind, s.subject, s.b_value, s.a_value, s.evolution, s.b_key, s.a_key) for s in v.slots]
    return Verdict(v.relation, v.score, slots, v.by)


def _other_time(a: Unit, b: Unit) -> bool:
    """One claim is set in a year the other does not report ("In 2019, health authorities
    confirmed two cases ..." against this week's case): another occasion."""
    return any(x.years and not (x.years & (y.years | ({y.published[:4]} if y.published else set()))) for x, y in ((a, b), (b, a)))


def _word_for(spelt: list[tuple[str, str]], stem: str) -> str:
    """The claim's own word for a stem ("ruled" for "rule"), of its words with their stems (``spelt``)."""
    return next((w for w, st in spelt if st == stem), stem)


def _qualified(f: Figure) -> dict[str, set[str]]:
    """A figure's qualifying nouns with their modifiers ("patient/first" -> {"patient": {"first"}})."""
    out: dict[str, set[str]] = {}
    for q in f.qualifier:
        noun, _, mods = q.partition("/")
        out.setdefault(noun, set()).update(m for m in mods.split(",") if m)
    return out


def _place_words(spelt: list[tuple[str, str]], places: frozenset[str]) -> str:
    return " ".join(uniq(w for w, st in spelt if st in places))


@dataclass
class FactPlan:
    """Everything about the facts that code can decide, plus the pairs it cannot."""

    units: list[Unit]
    comparer: Comparer
    verdicts: dict[tuple[int, int], Verdict]
    questions: list[Question]
    profile: LanguageProfile
    #: pairs the weight of what they share settles "unrelated" (``Comparer.settled_by_weight``),
    #: with that score: most pairs of a briefing, kept as numbers, not verdicts
    settled: Mapping[tuple[int, int], float] = field(default_factory=dict)
    moved_on: set[frozenset[int]] = field(default_factory=set)  # claim pairs an update sets apart (earlier / later report)

    @property
    def pairs_compared(self) -> int:
        return len(self.verdicts) + len(self.settled)
