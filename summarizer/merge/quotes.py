"""Quotes across articles: the same words once, with every article that carries them.

Two quotes (verbatim inside the article's quotation marks: ``summarizer.reading.quotes`` finds them)
are one when their words are the same after grounding's normalisation, or one is a fragment
of the other (20+ characters) by the same speaker. A fact that paraphrases a quote is linked
to it (``related``), not merged with it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from ..language import ENGLISH, LanguageProfile
from ..reading.grounding import normalize
from ..reading.names import parts, same_person
from ..reading.text import words
from ..schemas import ArticleResult, BriefingFact, BriefingQuote, Change, Evidence, Quote
from .index import UnionFind, candidate_pairs, content_id, uniq
from .people import PeopleIndex
from .units import Lexicon

QUOTE_LINK_MIN = 85.0


@dataclass(frozen=True)
class Entry:
    source: str
    quote: Quote
    speaker: str  # the article's own attribution when code found one
    norm: str
    status: str  # verified / corrected / unverified


def _shingles(norm: str) -> set[str]:
    """The same words, or one inside the other, share a 3-word run ("meaningful and frank"
    inside "very meaningful and frank")."""
    w = words(norm)
    if len(w) < 3:
        return {" ".join(w)}
    return set(map(" ".join, zip(w, w[1:], w[2:], strict=False)))  # each run of three words


class _Links:
    """The facts a quote's words may be linked to: indexed by their content stems once per
    briefing; a fact's statement normalised, and a speaker's name read, when first needed."""

    def __init__(self, facts: list[BriefingFact], profile: LanguageProfile, stems: Callable[[str], list[str]]):
        self.facts, self.profile, self.stems = facts, profile, stems
        self.index: dict[str, list[int]] = defaultdict(list)
        for k, f in enumerate(facts):
            for t in set(stems(f.statement)):
                self.index[t].append(k)
        self.norm: dict[int, str] = {}
        self.cores: dict[str, tuple[str, ...]] = {}  # speaker -> the words of the name

    def related(self, top: Entry) -> list[str]:
        """A fact that paraphrases (or quotes) these words is linked, not merged; candidates
        name the speaker and share one of the quote's rarer words."""
        if top.speaker not in self.cores:
            self.cores[top.speaker] = parts(top.speaker, self.profile).core
        core, index = self.cores[top.speaker], self.index
        naming = set(index.get(self.profile.stem(core[-1]), ())) if core else set()
        if not naming or len(top.quote.text) < 12:
            return []
        rare = sorted(
            (t for t in set(self.stems(top.quote.text)) if 0 < len(index.get(t, ())) <= 200), key=lambda t: (len(index[t]), t)
        )
        candidates = sorted({k for t in rare[:3] for k in index[t] if k in naming})[:100]
        for k in candidates:
            if k not in self.norm:
                self.norm[k] = normalize(self.facts[k].statement)
        hits = process.extract(
            top.norm, [self.norm[k] for k in candidates], scorer=fuzz.partial_ratio, score_cutoff=QUOTE_LINK_MIN, limit=None
        ) if candidates else []  # fmt: skip
        return [self.facts[candidates[i]].id for _, _, i in sorted(hits, key=lambda h: h[2])]


def merge_quotes(
    results: Sequence[ArticleResult], people: PeopleIndex, facts: list[BriefingFact], profile: LanguageProfile = ENGLISH,
    lexicon: Lexicon | None = None,
) -> list[BriefingQuote]:
    """The briefing's quotes, each once with every article that carries it. ``lexicon``: the
    plan's (texts' words, read once)."""
    stems = (lexicon if lexicon is not None else Lexicon(profile)).content_stems
    entries = []
    for r in results:
        for q in r.quotes:
            if q.speaker_status == "verified":
                speaker, status = q.speaker, "verified"
            elif q.speaker_attributed_to:  # the text names someone else: show the text's attribution
                speaker, status = q.speaker_attributed_to, "corrected"
            else:
                speaker, status = q.speaker, "unverified"
            entries.append(Entry(r.source.id, q, speaker, normalize(q.text), status))
    uf = UnionFind(len(entries))
    for x, y in candidate_pairs([_shingles(e.norm) for e in entries]):
        nx, ny = entries[x].norm, entries[y].norm
        fragment = (nx in ny or ny in nx) and min(len(nx), len(ny)) >= 20
        if nx == ny or (fragment and same_person(entries[x].speaker, entries[y].speaker, profile)):
            uf.union(x, y)

    links = _Links(facts, profile, stems)
    quotes = []
    for group in uf.groups():
        members = [entries[i] for i in group]
        top = max(members, key=lambda m: (len(m.quote.text), m.source))
        statuses = {m.status for m in members}
        status = "unverified" if "unverified" in statuses else "corrected" if "corrected" in statuses else "verified"
        claimed = {m.quote.speaker for m in members if m.status == "corrected"}
        anchor = min(members, key=lambda m: (m.source, m.quote.evidence[0].start if m.quote.evidence else 0))
        person = people.resolve(top.speaker, top.source)
        quotes.append(
            BriefingQuote(
                id=content_id("quote", anchor.source, anchor.norm),
                # under the merged person's name ("Kovalenko", "Kowalenko", "Olena Kovalenko": one)
                speaker=people.name_of.get(person, top.speaker) if person else top.speaker,
                speaker_id=person,
                text=top.quote.text,
                speaker_status=status,
                model_speaker=", ".join(sorted(claimed)) or None,
                sources=uniq(m.source for m in members),
                evidence=[
                    Evidence(source=m.source, span=m.quote.evidence[0] if m.quote.evidence else None, text=m.quote.text)
                    for m in members
                ],
                related=links.related(top),
            )
        )
    quotes.sort(key=lambda q: (-len(q.sources), q.sources[0], q.evidence[0].span.start if q.evidence and q.evidence[0].span else 0))
    return quotes


def changed_quotes(
    earlier: list[tuple[str | None, BriefingQuote]], current: list[tuple[str | None, BriefingQuote]], profile: LanguageProfile
) -> list[Change]:
    """The changes of a briefing's quotations (``current``, each with its story) since an earlier
    one's (``earlier``): a quotation continues when the same speaker says the same words (or one
    inside the other)."""
    norm = [normalize(q.text) for _, q in earlier]
    # one inside the other holds the shorter one's words (its first and last may be cut):
    # only quotations that share a rarest such word are compared
    df = Counter(w for n in norm for w in set(n.split()))
    by_word: dict[str, list[int]] = defaultdict(list)
    by_rarest: dict[str, list[int]] = defaultdict(list)
    for k, n in enumerate(norm):
        for w in set(n.split()):
            by_word[w].append(k)
        by_rarest[_rarest(n, df)].append(k)
    out: list[Change] = []
    continued: set[str] = set()
    for story, q in current:
        mine = normalize(q.text)
        may = sorted({*by_word.get(_rarest(mine, df), ()), *(k for w in set(mine.split()) for k in by_rarest.get(w, ()))})
        was = next(
            (earlier[k][1] for k in may
             if (mine == norm[k] or (min(len(mine), len(norm[k])) >= 20 and (mine in norm[k] or norm[k] in mine)))
             and same_person(q.speaker, earlier[k][1].speaker, profile)),
            None,
        )  # fmt: skip
        if was is None:
            out.append(Change(kind="quote", status="new", id=q.id, story=story, text=q.text, sources=list(q.sources)))
            continue
        continued.add(was.id)
        grew = set(was.sources) < set(q.sources)
        out.append(Change(
            kind="quote", status="updated" if grew else "unchanged", id=q.id, story=story, text=q.text,
            previous_id=was.id, what=["sources"] if grew else [], sources=list(q.sources), previous_sources=list(was.sources),
        ))  # fmt: skip
    for story, p in earlier:
        if p.id not in continued:
            out.append(Change(kind="quote", status="no_longer_reported", id=p.id, story=story, text=p.text, sources=list(p.sources)))
    return out


def _rarest(said: str, df: Mapping[str, int]) -> str:
    """The rarest whole word of a normalized quotation (its first and last words may be cut
    when it is found inside another)."""
    said_words = said.split()
    inner = said_words[1:-1] if len(said_words) > 2 else said_words
    return min(inner, key=lambda w: (df.get(w, 0), w), default="")
