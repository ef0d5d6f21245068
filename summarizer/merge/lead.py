"""The briefing's lead: the main news first, by code, from what the articles lead with.

A news article states its main news in its headline and its first sentences (the lede); the
other outlets on the same story lead with the same news in their own words. So the lead is
not the statement with the most sources (a detail every outlet repeats from the wire, a
background sentence) but the one the articles' *headlines and ledes* agree on -- as news
aggregators show a story under its most representative article's headline:

1. Each article's **lede bag**: the content stems of its own headline (``title_hint``, the
   line the page prints above the text; never a model-written title) and of its lede (its
   first news statement, and the second when it stands in the same paragraph), weighted by
   how rare each stem is across the story's statements ("Millbrook" in every sentence says
   little; "killed" in every lede says a lot).
2. **Representativeness** of an article: how many other *voices* (copies of one text are
   one) lead with the same news -- a lede statement of theirs is one fact with one of its
   own (the fact merge decides), or the two bags are alike (Ochiai similarity >= ``AGREE``)
   -- then the mean similarity to them. Names weigh less than other words (they say who, not what): a
   catch-all lede that names every actor of the story does not win by naming them.
3. The **headline**: among the articles that lead with what the most voices lead with, the
   headline whose words the other voices' headlines and ledes carry most (an announcement's
   headline, not a reaction's). It is the article's own headline when it is one that
   states news (it has a verb, is no question, does not open with "What"/"How"/"Why", holds
   a few content words; a one-word label such as "LIVE:" is cut off), else its lede
   sentence -- never a sentence whose subject leans on the one before ("He", "That money",
   "The man, 54, ...") or someone's quotation. A candidate stating a figure that outlets
   dispute, or an earlier value of a figure that changed over the days, gives way to the next
   most representative one. It cites the articles whose headline and lede carry at least
   ``COVER`` of its weight.
4. The **overview** is the lede sentences of the distinct sub-events: the chosen article's
   lede, then each other article's lede that no earlier overview sentence already covers
   (another day, another city), most representative first, at most ``OVERVIEW_MAX``; the main
   news first, the others in the order of their articles' dates, each dated when they differ. Each sentence cites the fact
   it belongs to (every article stating it), or its article alone.

Captions, datelines, bylines and fragments never reach the lead: they are not claims
(``summarizer.reading.notnews``). Pure code, no model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain

from ..language import LanguageProfile
from ..reading.quantities import find_quantities
from ..reading.syntax import has_verb, opens_with_question_word
from ..schemas import ArticleResult, BriefingFact, CitedSentence, Claim, Disagreement
from .tuning import Weights
from .units import Lexicon

LEDE_CLAIMS = 2  # the lede: an article's first statements (the second only in the same paragraph)
LEDE_SPAN = 400  # ... within this many characters of the first
COVER = 0.5  # share of a headline's weight an article's headline and lede must carry to be cited
OVERVIEW_MAX = 3
NEW_SUBEVENT_MAX_COVER = 0.75  # a lede this much covered by the overview so far adds nothing new
SAME_DAY_MAX_COVER = 0.4  # ... or this much, when an overview sentence comes from that day already
GIVE_WAY = 0.6  # a headline with a disputed figure gives way to one whose words the others carry this much
TITLE_MIN_STEMS = 3
AGREE = 0.45  # similarity of two articles' headline-and-lede bags that says they lead with the same news
NAME_WEIGHT = Weights.name_weight  # a name says who, not what happened: the fact merge's weight
_WORD = re.compile(r"[^\W\d_]+")
_PARTS = re.compile(r"\s*(?::|\|)\s+|\s+[\u2014\u2013-]\s+")  # "LIVE: ...", "Opinion | ...", "... - what we know"


@dataclass
class _Article:
    source: str
    voice: str
    published: str | None
    title: str | None
    lede: list[Claim]
    bag: dict[str, float] = field(default_factory=dict)
    agree: int = 0  # other voices whose headline and lede say much the same
    rep: float = 0.0  # mean similarity to the other voices' headlines and ledes


@dataclass
class Lead:
    headline: str | None = None
    headline_sources: list[str] = field(default_factory=list)
    headline_article: str | None = None
    sentences: list[CitedSentence] = field(default_factory=list)


def _name_stems(texts: list[str], profile: LanguageProfile, lexicon: Lexicon) -> set[str]:
    """Stems of the words the story writes only capitalised (names), never in lower case.

    A word here is a run of letters (``_WORD``): each lies inside one of the words the plan
    has read (``Lexicon.written``, runs of letters and digits with inner apostrophes), so the
    runs are found in each distinct word once, not in the texts again."""
    written: set[str] = set()
    for w in {w for t in texts for w in lexicon.written(t)}:
        if w.isalpha():  # one run of letters
            written.add(w)
        else:
            written.update(_WORD.findall(w))
    capital = {w.lower() for w in written if w[0].isupper()}
    lower = {w.lower() for w in written if not w[0].isupper()}
    return {profile.stem(w) for w in capital - lower}


def _title(text: str | None, profile: LanguageProfile, lexicon: Lexicon) -> str | None:
    """The article's own headline when it states news, else None. A one- or two-word label
    ("LIVE:", "Analysis:") and an explainer's part ("...: what it means for borrowers") are cut
    off; what is left must have a verb and a few content words and ask nothing."""
    if not text or text.strip().endswith("?"):
        return None
    parts = [p.strip() for p in _PARTS.split(text.strip()) if p.strip()]
    if len(parts) > 1 and len(parts[0].split()) <= 2:
        parts = parts[1:]
    parts = [p for p in parts if not opens_with_question_word(p, profile)]
    t = ": ".join(parts)
    if len(lexicon.content_stems(t)) < TITLE_MIN_STEMS or not has_verb(t, profile):
        return None
    return t


def _usable(c: Claim) -> bool:
    """A lede sentence that can lead: not someone's quotation, a clause of its own whose subject
    does not lean on the sentence before (read when the claim was made: ``Claim.leans``)."""
    return not (c.quoted or c.continues or c.leans)


def _lede(r: ArticleResult, texts: dict[str, str]) -> list[Claim]:
    claims = sorted(r.claims, key=lambda c: c.start)
    if not claims:
        return []
    out = [claims[0]]
    raw = texts.get(r.source.id)
    for c in claims[1:LEDE_CLAIMS]:
        same_paragraph = raw is None or "\n" not in raw[out[-1].end : c.start]
        if same_paragraph and c.start - claims[0].end <= LEDE_SPAN:
            out.append(c)
    return out


def _figures(text: str, profile: LanguageProfile) -> set[tuple[str, float]]:
    return {(q.unit, q.value) for q in find_quantities(text, profile)}


def _stale_figures(disagreements: Sequence[Disagreement], profile: LanguageProfile) -> tuple[set, set]:
    """Figures a headline should not state: (values outlets dispute, earlier values of a figure
    that changed between days)."""
    disputed: set[tuple[str, float]] = set()
    superseded: set[tuple[str, float]] = set()
    for d in disagreements:
        if d.kind != "number":
            continue
        for p in d.positions[:-1] if d.evolution else d.positions:
            (superseded if d.evolution else disputed).update(_figures(p.value, profile))
    return disputed, superseded


class _Story:
    """The articles of one story with their lede bags, weighed against the story's statements."""

    def __init__(self, results: Sequence[ArticleResult], facts: Sequence[BriefingFact], voices: dict[str, str],
                 texts: dict[str, str], profile: LanguageProfile, stated_by: Callable[[str, int], list[str]] | None,
                 lexicon: Lexicon):  # fmt: skip
        self.profile = profile
        self.lexicon = lexicon
        self.stated_by = stated_by
        arts = [
            _Article(r.source.id, voices.get(r.source.id, r.source.id), r.source.published.iso, r.source.title_hint, _lede(r, texts))
            for r in results
        ]
        self.arts = [a for a in arts if a.lede or a.title]
        # how rare each stem is across the story's statements; names weigh less
        read = lexicon.content_stems
        sentences = [read(c.text) for r in results for c in r.claims] + [read(a.title) for a in self.arts if a.title]
        self.sf = Counter(chain.from_iterable(map(set, sentences)))
        self.n = max(1, len(sentences))
        self.names = _name_stems([c.text for r in results for c in r.claims], profile, lexicon)
        self.titles = {profile.stem(w) for w in profile.title_words}  # "President", "Minister": who, not what
        for a in self.arts:
            for text in [a.title or "", *(c.text for c in a.lede)]:
                a.bag.update(self.bag(text))
        self.fact_of: dict[tuple[str, int], BriefingFact] = {
            (ev.source, ev.span.start): f for f in facts for ev in f.evidence if ev.span is not None
        }
        self.voices = {a.voice for a in self.arts}

    def bag(self, text: str) -> dict[str, float]:
        weight = lambda s: math.log(1 + self.n / self.sf.get(s, 1)) * (NAME_WEIGHT if s in self.names else 1.0)  # noqa: E731
        return {s: weight(s) for s in self.lexicon.content_stems(text) if s not in self.titles}

    def others(self, a: _Article, measure: Callable[[dict[str, float]], float]) -> list[float]:
        """The best ``measure`` of each other voice's bags, the voices in order (their sums are
        then the same in every run: a set's order changes with the process's string hashing,
        and a float sum with its order -- enough to swap two near-equal headlines)."""
        return [max(measure(b.bag) for b in self.arts if b.voice == v) for v in sorted(self.voices - {a.voice})]

    def shared(self, text: str, a: _Article) -> float:
        """How much of ``text`` the other voices' headlines and ledes carry (mean over voices)."""
        mine = self.bag(text)
        found = self.others(a, lambda b: _cover(mine, b))
        return sum(found) / len(found) if found else 0.0

    def states(self, a: _Article, c: Claim) -> list[str]:
        """The articles that state ``c`` (an article's claim) themselves."""
        if self.stated_by is not None:
            return self.stated_by(a.source, c.start)
        f = self.fact_of.get((a.source, c.start))
        return list(f.sources) if f is not None else []

    def ranked(self) -> list[_Article]:
        """Articles by how many other voices lead with the same news, then how alike."""
        lede_facts = {a.source: {self.fact_of[(a.source, c.start)].id for c in a.lede if (a.source, c.start) in self.fact_of} for a in self.arts}
        for a in self.arts:
            sims = self.others(a, partial(_sim, a.bag))
            a.rep = sum(sims) / len(sims) if sims else 0.0
            a.agree = sum(
                any(lede_facts[a.source] & lede_facts[b.source] or _sim(a.bag, b.bag) >= AGREE for b in self.arts if b.voice == v)
                for v in self.voices - {a.voice}
            )
        return sorted(self.arts, key=lambda a: (-a.agree, -a.rep, a.published or "", a.source))

    def headline(self, ranked: list[_Article], stale: tuple[set, set]) -> tuple[_Article, str, Claim | None] | None:
        """(article, headline, the lede claim it is or None for the article's own headline)."""
        profile = self.profile
        candidates: list[tuple[_Article, str, Claim | None]] = []
        for a in ranked:
            title = _title(a.title, profile, self.lexicon)
            first = None if title else next((c for c in a.lede if _usable(c)), None)
            if title or first is not None:
                candidates.append((a, title or first.text.strip(), first))  # type: ignore[union-attr]
        if not candidates:
            return None
        # among the articles that lead with what the most voices lead with, the headline whose own
        # words the other voices' headlines and ledes carry most (an announcement's, not a reaction's)
        top = max(c[0].agree for c in candidates)
        candidates.sort(key=lambda c: (c[0].agree != top, -self.shared(c[1], c[0]), ranked.index(c[0])))
        best = candidates[0]
        disputed, superseded = stale
        said = _figures(best[1], profile)
        if said & (disputed | superseded):
            # a figure the news has moved past gives way to any headline without one (the later
            # report is the news now, whoever leads with it); a disputed figure to a headline of
            # the same news whose words the others carry nearly as much
            moved_on = bool(said & superseded)
            floor = 0.0 if moved_on else GIVE_WAY * self.shared(best[1], best[0])
            pool = candidates if moved_on else [c for c in candidates if c[0].agree == best[0].agree]
            fresh = [c for c in pool if not (_figures(c[1], profile) & (disputed | superseded)) and self.shared(c[1], c[0]) >= floor]
            best = fresh[0] if fresh else best
        return best

    def overview(self, chosen: _Article, ranked: list[_Article], headline_claim: Claim | None) -> list[CitedSentence]:
        """The lede of each sub-event: the chosen article's, then the others' that say more."""
        picked: list[tuple[_Article, Claim]] = []
        covered: dict[str, float] = {}
        for a in [chosen, *(x for x in ranked if x is not chosen)]:
            if len(picked) >= OVERVIEW_MAX:
                break
            claim = next((c for c in a.lede if c is not headline_claim and _usable(c)), None)
            if claim is None:
                continue
            f = self.fact_of.get((a.source, claim.start))
            same_day = any(p.published == a.published for p, _ in picked)
            if f is not None and same_day and any(self.fact_of.get((b.source, c.start)) is f for b, c in picked):
                continue  # the same fact as an overview sentence of that day
            mine = self.bag(claim.text)
            if picked and _cover(mine, covered) >= (SAME_DAY_MAX_COVER if same_day else NEW_SUBEVENT_MAX_COVER):
                continue  # nothing new: another outlet's words for what the overview says (a later lede may say more)
            picked.append((a, claim))
            covered.update(mine)
        dated = len({a.published for a, _ in picked}) > 1
        picked[1:] = sorted(picked[1:], key=lambda p: (p[0].published or "", -p[0].rep))  # the main news, then by date
        out = []
        for a, c in picked:
            f = self.fact_of.get((a.source, c.start))
            others = set(self.states(a, c)) - {a.source}
            out.append(
                CitedSentence(
                    text=_as_sentence(c.text),
                    sources=[x.source for x in self.arts if x.source == a.source or x.source in others],
                    fact=f.id if f is not None else None,
                    published=a.published if dated else None,
                )
            )
        return out


def _sim(x: dict[str, float], y: dict[str, float]) -> float:
    """Ochiai similarity of two weighted bags."""
    wx, wy = sum(x.values()), sum(y.values())
    return sum(w for s, w in x.items() if s in y) / math.sqrt(wx * wy) if wx and wy else 0.0


def _cover(x: dict[str, float], y: dict[str, float]) -> float:
    """The share of ``x``'s weight that ``y`` carries."""
    wx = sum(x.values())
    return sum(w for s, w in x.items() if s in y) / wx if wx else 0.0


def choose(
    results: Sequence[ArticleResult],
    facts: Sequence[BriefingFact],
    disagreements: Sequence[Disagreement],
    voices: dict[str, str],
    texts: dict[str, str],
    profile: LanguageProfile,
    stated_by: Callable[[str, int], list[str]] | None = None,
    lexicon: Lexicon | None = None,
) -> Lead:
    """The headline and the overview sentences (see the module doc). ``stated_by(article,
    claim start)``: the other articles that state that claim itself (the fact merge decides);
    without it, the articles of the fact the claim is in. ``lexicon``: the plan's (the claims'
    words, read once)."""
    story = _Story(results, facts, voices, texts, profile, stated_by, lexicon if lexicon is not None else Lexicon(profile))
    if not story.arts:
        return Lead()
    ranked = story.ranked()
    best = story.headline(ranked, _stale_figures(disagreements, profile))
    if best is None:
        return Lead()
    chosen, headline, headline_claim = best
    # cited: the articles whose headline and lede carry the headline's words, and those that
    # state the chosen article's lede sentence (in other words; the fact merge decides)
    head_bag = story.bag(headline)
    lede_says = {src for c in chosen.lede[:1] for src in story.states(chosen, c)}
    cited = [a.source for a in story.arts if a.source == chosen.source or _cover(head_bag, a.bag) >= COVER or a.source in lede_says]
    return Lead(headline.rstrip(".").strip(), cited, chosen.source, story.overview(chosen, ranked, headline_claim))


def _as_sentence(text: str) -> str:
    """A sentence with a capital and a full stop (also inside a closing quotation mark)."""
    t = text.strip()
    t = t[:1].upper() + t[1:]
    core = t.rstrip("\u201d\u2019\"')")
    return t if core.endswith((".", "!", "?", "\u2026")) else t + "."
