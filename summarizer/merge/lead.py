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
(``summarizer.notnews``). Pure code, no model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..language import LanguageProfile
from ..quantities import find_quantities
from ..schemas import ArticleResult, BriefingFact, CitedSentence, Claim, Disagreement
from ..syntax import has_verb, main_clause, opens_with_question_word
from ..text import content_stems

LEDE_CLAIMS = 2  # the lede: an article's first statements (the second only in the same paragraph)
LEDE_SPAN = 400  # ... within this many characters of the first
COVER = 0.5  # share of a headline's weight an article's headline and lede must carry to be cited
OVERVIEW_MAX = 3
NEW_SUBEVENT_MAX_COVER = 0.75  # a lede this much covered by the overview so far adds nothing new
SAME_DAY_MAX_COVER = 0.4  # ... or this much, when an overview sentence comes from that day already
GIVE_WAY = 0.6  # a headline with a disputed figure gives way to one whose words the others carry this much
TITLE_MIN_STEMS = 3
AGREE = 0.45  # similarity of two articles' headline-and-lede bags that says they lead with the same news
NAME_WEIGHT = 0.45  # a name says who, not what happened (as in the fact merge)
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


def _name_stems(texts: list[str], profile: LanguageProfile) -> set[str]:
    """Stems of the words the story writes only capitalised (names), never in lower case."""
    capital: set[str] = set()
    lower: set[str] = set()
    for t in texts:
        for m in _WORD.finditer(t):
            w = m.group()
            (capital if w[0].isupper() else lower).add(w.lower())
    return {profile.stem(w) for w in capital - lower}


def _title(text: str | None, profile: LanguageProfile) -> str | None:
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
    if len(content_stems(t, profile)) < TITLE_MIN_STEMS or not has_verb(t, profile):
        return None
    return t


def _usable(c: Claim, profile: LanguageProfile) -> bool:
    """A lede sentence that can lead: not someone's quotation, its subject not leaning back."""
    if c.quoted:
        return False
    clause = main_clause(c.text, 0, len(c.text), profile)
    return clause is not None and not clause.leans_back


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


def choose(
    results: Sequence[ArticleResult],
    facts: Sequence[BriefingFact],
    disagreements: Sequence[Disagreement],
    voices: dict[str, str],
    texts: dict[str, str],
    profile: LanguageProfile,
    stated_by: Callable[[str, int], list[str]] | None = None,
) -> Lead:
    """The headline and the overview sentences (see the module doc). ``stated_by(article,
    claim start)``: the other articles that state that claim itself (the fact merge decides);
    without it, the articles of the fact the claim is in."""
    arts = [
        _Article(r.source.id, voices.get(r.source.id, r.source.id), r.source.published.iso, r.source.title_hint, _lede(r, texts))
        for r in results
    ]
    arts = [a for a in arts if a.lede or a.title]
    if not arts:
        return Lead()
    # how rare each stem is across the story's statements
    sentences = [content_stems(c.text, profile) for r in results for c in r.claims] + [
        content_stems(a.title, profile) for a in arts if a.title
    ]
    sf = Counter(s for stems in sentences for s in set(stems))
    n = max(1, len(sentences))
    names = _name_stems([c.text for r in results for c in r.claims], profile)
    weight = lambda s: math.log(1 + n / sf.get(s, 1)) * (NAME_WEIGHT if s in names else 1.0)  # noqa: E731

    titles = {profile.stem(w) for w in profile.title_words}  # "President", "Minister": who, not what

    def bag(text: str) -> dict[str, float]:
        return {s: weight(s) for s in content_stems(text, profile) if s not in titles}

    for a in arts:
        for text in [a.title or "", *(c.text for c in a.lede)]:
            a.bag.update(bag(text))

    def sim(x: dict[str, float], y: dict[str, float]) -> float:
        wx, wy = sum(x.values()), sum(y.values())
        return sum(w for s, w in x.items() if s in y) / math.sqrt(wx * wy) if wx and wy else 0.0

    def cover(x: dict[str, float], y: dict[str, float]) -> float:
        wx = sum(x.values())
        return sum(w for s, w in x.items() if s in y) / wx if wx else 0.0

    fact_of: dict[tuple[str, int], BriefingFact] = {}
    for f in facts:
        for ev in f.evidence:
            if ev.span is not None:
                fact_of[(ev.source, ev.span.start)] = f
    lede_facts = {a.source: {fact_of[(a.source, c.start)].id for c in a.lede if (a.source, c.start) in fact_of} for a in arts}
    voice_set = {a.voice for a in arts}
    for a in arts:
        others = [max(sim(a.bag, b.bag) for b in arts if b.voice == v) for v in voice_set - {a.voice}]
        a.rep = sum(others) / len(others) if others else 0.0
        a.agree = sum(
            any(lede_facts[a.source] & lede_facts[b.source] or sim(a.bag, b.bag) >= AGREE for b in arts if b.voice == v)
            for v in voice_set - {a.voice}
        )
    ranked = sorted(arts, key=lambda a: (-a.agree, -a.rep, a.published or "", a.source))
    stale = _stale_figures(disagreements, profile)

    def shared(text: str, a: _Article) -> float:
        """How much of ``text`` the other voices' headlines and ledes carry (mean over voices)."""
        mine = bag(text)
        others = [max(cover(mine, b.bag) for b in arts if b.voice == v) for v in voice_set - {a.voice}]
        return sum(others) / len(others) if others else 0.0

    candidates: list[tuple[_Article, str, Claim | None]] = []
    for a in ranked:
        title = _title(a.title, profile)
        if title:
            candidates.append((a, title, None))
            continue
        first = next((c for c in a.lede if _usable(c, profile)), None)
        if first is not None:
            candidates.append((a, first.text.strip(), first))
    if not candidates:
        return Lead()
    # among the articles that lead with what the most voices lead with, the headline whose own
    # words the other voices' headlines and ledes carry most (an announcement's headline, not
    # a reaction's)
    top = max(c[0].agree for c in candidates)
    candidates.sort(key=lambda c: (c[0].agree != top, -shared(c[1], c[0]), ranked.index(c[0])))
    best = candidates[0]
    disputed, superseded = stale
    said = _figures(best[1], profile)
    if said & (disputed | superseded):
        # a figure the news has moved past gives way to any headline of the same news without
        # one; a disputed figure to one whose words the others carry nearly as much
        moved_on = bool(said & superseded)  # the later report is the news now, whoever leads with it
        floor = 0.0 if moved_on else GIVE_WAY * shared(best[1], best[0])
        pool = candidates if moved_on else [c for c in candidates if c[0].agree == best[0].agree]
        fresh = [c for c in pool if not (_figures(c[1], profile) & (disputed | superseded)) and shared(c[1], c[0]) >= floor]
        if fresh:
            best = fresh[0]
    chosen, headline, headline_claim = best
    head_bag = bag(headline)
    # cited: the articles whose headline and lede carry the headline's words, and those that
    # state the chosen article's lede sentence (in other words; the fact merge decides)
    def states(a: _Article, c: Claim) -> list[str]:
        if stated_by is not None:
            return stated_by(a.source, c.start)
        f = fact_of.get((a.source, c.start))
        return list(f.sources) if f is not None else []

    lede_says = {src for c in chosen.lede[:1] for src in states(chosen, c)}
    cited = [a.source for a in arts if a.source == chosen.source or cover(head_bag, a.bag) >= COVER or a.source in lede_says]

    # the overview: the chosen article's lede, then other sub-events' ledes
    picked: list[tuple[_Article, Claim]] = []
    covered: dict[str, float] = {}
    for a in [chosen, *(x for x in ranked if x is not chosen)]:
        if len(picked) >= OVERVIEW_MAX:
            break
        claim = next((c for c in a.lede if c is not headline_claim and _usable(c, profile)), None)
        if claim is None:
            continue
        f = fact_of.get((a.source, claim.start))
        same_day = any(p.published == a.published for p, _ in picked)
        if f is not None and same_day and any(fact_of.get((b.source, c.start)) is f for b, c in picked):
            continue  # the same fact as an overview sentence of that day
        mine = bag(claim.text)
        if picked and cover(mine, covered) >= (SAME_DAY_MAX_COVER if same_day else NEW_SUBEVENT_MAX_COVER):
            continue  # nothing new: another outlet's words for what the overview says (a later lede may say more)
        picked.append((a, claim))
        covered.update(mine)
    dated = len({a.published for a, _ in picked}) > 1
    picked[1:] = sorted(picked[1:], key=lambda p: (p[0].published or "", -p[0].rep))  # the main news, then the rest by date
    sentences_out = []
    for a, c in picked:
        f = fact_of.get((a.source, c.start))
        others = set(states(a, c)) - {a.source}
        sentences_out.append(
            CitedSentence(
                text=_as_sentence(c.text),
                sources=[x.source for x in arts if x.source == a.source or x.source in others],
                fact=f.id if f is not None else None,
                published=a.published if dated else None,
            )
        )
    return Lead(headline.rstrip(".").strip(), cited, chosen.source, sentences_out)


def _as_sentence(text: str) -> str:
    """A sentence with a capital and a full stop (also inside a closing quotation mark)."""
    t = text.strip()
    t = t[:1].upper() + t[1:]
    core = t.rstrip("\u201d\u2019\"')")
    return t if core.endswith((".", "!", "?", "\u2026")) else t + "."
