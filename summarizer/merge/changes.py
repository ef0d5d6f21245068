"""What changed since an earlier briefing: each item of this one new, updated or unchanged, and
what the earlier one held that no article supports any more.

Two briefings are compared by the merge's own reading of statements, not by ids (an id is
derived from the articles, and tomorrow's articles are other articles): every fact's statement
and its articles' own words, every side of a disagreement and every event's description
become a claim -- read by code for its figures, dates and frames, dated by its articles -- and
``Comparer`` decides each pair of an earlier and a current claim as it decides two articles'
claims within one briefing. "same" (or "disputed": the same statement, one detail differs)
continues an item, of whichever kind (a fact told today only on the timeline is still told); a
figure or a date that differs between the two statements themselves, told on a later day, is
the same measure moved on ("at least 14 dead" on Monday, "31" on Tuesday): an update, with
both values -- when what it counts is named by more than a word for anyone, a date when the
two claims' verbs are about one thing, and only within a story that goes on (the earlier story
most of its statements told again come from). A pair code cannot settle ("ask") continues
nothing: without the model a change is not claimed.

Statuses: ``updated`` when a figure or a date moved, a disagreement's sides changed, a
statement that goes on adds a date ahead the earlier one did not give ("remains closed and is
expected to reopen on Friday": ``detail``), a death is told where the story said no one had died
(``told.tells_death``: the toll moved from none), or a known statement gained articles while
keeping its earlier ones (a followed feed's window: what the earlier briefing cited is still
cited); a statement told again by other articles (tomorrow's folder) is ``unchanged``. A part of
a statement that goes on that its story never told ("... and is expected to reopen on Friday",
``told.untold``) is a ``new`` change of its own (``part``), beside the item's; a figure of an
earlier statement that goes on which its story no longer gives ("six water-bombing helicopters",
``gone``) is a part ``no_longer_reported``. Quotations are words: the same words (or one inside the other) of
the same speaker continue a quotation. A story continues the earlier story most of whose
continued items it holds. Pure code: no model, no network.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import cached_property

from pydantic import BaseModel, ValidationError

from ..language import ENGLISH, LanguageProfile
from ..reading.grounding import normalize
from ..reading.quantities import find_quantities
from ..reading.syntax import figure_frame, frames, preparsed
from ..reading.temporal import find_dates
from ..schemas import (
    ArticleResult,
    ArticleSource,
    Briefing,
    Change,
    Changes,
    Claim,
    DateMention,
    Digest,
    EarlierSource,
    Evidence,
    GroundingReport,
    PublishedDate,
)
from .compare import Comparer, Verdict
from .gone import dropped, given
from .index import candidate_pairs, collector_paused
from .quotes import changed_quotes
from .told import Stories, said_none, tells_death, untold, worth_parsing
from .tuning import Thresholds
from .units import Unit, prepare

#: how items are read and keyed for a store (``read_items``, ``_key``): kept readings of another
#: format are read again
READ_FORMAT = 1


class _Kept(BaseModel):
    format: int
    items: dict[str, list[Claim]]

#: the wordings of one item compared (its statement and its articles' first sentences for it): three
#: recognise a statement told again; a fact twelve articles tell costs no more to compare
_WORDINGS = 3
#: relations that continue an item, best first
_RANK = {"same": 3, "disputed": 2, "conflict": 1}
_ORDER = {"new": 0, "updated": 1, "no_longer_reported": 2, "unchanged": 3}


@dataclass
class _Item:
    """A fact, a disagreement or an event of one briefing, with the words it is compared by."""

    kind: str
    id: str
    story: str | None
    text: str
    texts: list[str]  # its distinct wordings: the statement (a disagreement's sides), its articles' words
    said: list[str]  # ... normalized
    sources: list[str]
    published: str | None
    values: tuple[str, ...] = ()  # a disagreement's sides
    date: str | None = None  # an event's date
    spans: list[tuple[str, int, int]] = field(default_factory=list)  # its evidence: (article, start, end)

    @cached_property
    def stated(self) -> list[str]:
        """What the item itself says, normalized: its statement (a disagreement's: its sides)."""
        return self.said if self.kind == "disagreement" else [normalize(self.text)]


@dataclass
class _Match:
    previous: _Item
    verdict: Verdict
    moved: bool = False  # a figure or a date moved (``_moved``, ``_one_thing``, in a story that goes on)


def stories_of(b: Briefing | Digest) -> list[tuple[str | None, Briefing]]:
    """A digest's stories with their briefings; a briefing is one story without an id."""
    if isinstance(b, Briefing):
        return [(None, b)]
    return [(s.id, s.briefing) for s in b.stories if s.briefing is not None]


def briefing_time(b: Briefing | Digest) -> str | None:
    """When a briefing was written, as its articles tell it: the latest of their dates."""
    dates = [s.published for _, x in stories_of(b) for s in x.sources if s.published]
    return max(dates) if dates else None


def _items(b: Briefing | Digest) -> list[_Item]:
    out: list[_Item] = []
    for story, x in stories_of(b):
        published = {s.id: s.published for s in x.sources}

        def latest(sources: Iterable[str], published: dict[str, str | None] = published) -> str | None:
            days = [d for d in (published.get(s) for s in sources) if d]
            return max(days) if days else None

        for f in x.facts:
            texts, said = _wordings([f.statement, *(e.text for e in f.evidence if e.text)])
            out.append(_Item("fact", f.id, story, f.statement, texts, said, list(f.sources), latest(f.sources), spans=_spans(f.evidence)))
        for d in x.disagreements:
            values = tuple(sorted({p.value for p in d.positions}))
            spans = _spans([e for p in d.positions for e in p.evidence])
            texts, said = _wordings([p.statement for p in d.positions])
            out.append(_Item("disagreement", d.id, story, d.subject, texts, said, list(d.sources), latest(d.sources), values, spans=spans))
        for e in x.events:
            out.append(_Item("event", e.id, story, e.description, [e.description], [normalize(e.description)], list(e.sources), latest(e.sources), date=e.date))
    return out


def _spans(evidence: Iterable[Evidence]) -> list[tuple[str, int, int]]:
    return [(e.source, e.span.start, e.span.end) for e in evidence if e.span is not None]


def _wordings(texts: Iterable[str]) -> tuple[list[str], list[str]]:
    """Distinct texts (the first of each by its normalized words) and their normalized words."""
    seen: dict[str, str] = {}
    for t in texts:
        seen.setdefault(normalize(t), t)
    return list(seen.values()), list(seen)


def _claim(cid: str, text: str, published: str | None, profile: LanguageProfile) -> Claim:
    """A statement read as the per-article step reads a sentence: its figures (with what they
    measure), its dates (resolved against its articles' date) and its frames."""
    end = len(text)
    return Claim(
        id=cid, text=text, start=0, end=end,
        figures=[q.figure(0, **asdict(figure_frame(text, q.start, q.end, profile))) for q in find_quantities(text, profile)],
        dates=[
            DateMention(surface=d.surface, date=d.date, precision=d.precision, start=d.start, end=d.end, future=d.future)
            for d in find_dates(text, published, profile)
        ],
        frames=frames(text, 0, end, profile),
    )  # fmt: skip


def _read(item: _Item, readings: Mapping[str, ArticleResult], norm: dict[int, str]) -> list[Claim]:
    """The claims the per-article step read where the item's evidence lies, when every article
    of its evidence is at hand (``readings``): read once, in their paragraphs, not again.
    ``norm``: each claim's normalized words, kept across items (by the claim's ``id()``)."""
    out: dict[str, Claim] = {}
    for source, start, end in item.spans:
        r = readings.get(source)
        if r is None:
            return []
        hit = [c for c in r.claims if c.start < end and start < c.end and not c.continues]
        words = [norm.get(id(c)) or norm.setdefault(id(c), normalize(c.text)) for c in hit]
        if not hit or not any(w in said or said in w for w in words for said in item.said):
            return []  # not the article the briefing cited (another with its id): read the words instead
        for c, w in zip(hit, words, strict=True):
            out.setdefault(w, c)  # a sentence two copies share is one claim to compare
    return list(out.values())[:_WORDINGS]


def _pseudo_article(side: str, item: _Item, claims: list[Claim]) -> ArticleResult:
    """One item's claims as an article of its own (dated by the item's articles), so that the
    merge's units and comparer read it (a unit is told by its article's id, not its claim's)."""
    return ArticleResult(
        source=ArticleSource(id=f"{side}:{item.kind}:{item.id}", sha256="", chars=0, published=PublishedDate(iso=item.published)),
        title="", summary="", key_points=[], people=[], organizations=[], places=[], quotes=[], events=[],
        claims=claims, grounding=GroundingReport(),
    )  # fmt: skip


def _key(item: _Item, profile: LanguageProfile) -> str:
    """An item's words, dates and evidence, as a key: the same key reads the same."""
    said = json.dumps([profile.syntax_pipeline, item.kind, item.id, item.texts[:_WORDINGS], item.published, item.spans])
    return hashlib.sha256(said.encode()).hexdigest()[:24]


def _claims(items: list[_Item], profile: LanguageProfile, readings: Mapping[str, ArticleResult], known: Mapping[str, list[Claim]]) -> list[list[Claim]]:
    """Each item's claims: read before (``known``, by key), else the claims the per-article step
    read where its evidence lies (``_read``), else its words read here -- all of them parsed at
    once."""
    norm: dict[int, str] = {}
    got = [known.get(_key(i, profile)) for i in items]
    got = [g if g is not None else _read(i, readings, norm) for i, g in zip(items, got, strict=True)]
    with preparsed([t for i, g in zip(items, got, strict=True) if not g for t in i.texts[:_WORDINGS]], profile):
        return [g or [_claim(str(k), t, i.published, profile) for k, t in enumerate(i.texts[:_WORDINGS])] for i, g in zip(items, got, strict=True)]


@collector_paused  # (many short-lived objects, no cycles: see ``collector_paused``)
def read_items(b: Briefing | Digest, *, profile: LanguageProfile = ENGLISH, readings: Iterable[ArticleResult] = ()) -> dict[str, list[Claim]]:
    """Every item of a briefing as ``changes`` reads it, by key: kept with the briefing (``--store``),
    so that the next run, comparing with it, reads only its own items (``changes(read=...)``)."""
    items = _items(b)
    return {_key(i, profile): cs for i, cs in zip(items, _claims(items, profile, {r.source.id: r for r in readings}, {}), strict=True)}


def dump_read(read: Mapping[str, list[Claim]]) -> str:
    """Items as read (``read_items``), as JSON: what a store keeps with a briefing."""
    return _Kept(format=READ_FORMAT, items=dict(read)).model_dump_json()


def load_read(text: str) -> dict[str, list[Claim]] | None:
    """``dump_read``'s JSON, read back; None when it was kept by a version that read items
    otherwise (``READ_FORMAT``, or none): they are read again."""
    try:
        kept = _Kept.model_validate_json(text)
    except ValidationError:  # (kept before readings carried their format)
        return None
    return kept.items if kept.format == READ_FORMAT else None


def _matches(previous: list[_Item], current: list[_Item], claims: list[list[Claim]], profile: LanguageProfile, thresholds: Thresholds) -> dict[int, list[_Match]]:
    """For each current item (by index), the earlier items it continues (of any kind), best
    first; ``claims``: each item's, earlier ones first (``_claims``)."""
    sides = ["was"] * len(previous) + ["now"] * len(current)
    results = [_pseudo_article(side, i, cs) for side, i, cs in zip(sides, previous + current, claims, strict=True)]
    units = prepare(results, {}, profile, thresholds.weights)
    comparer = Comparer(units, profile, thresholds)
    owner: dict[str, tuple[str, int]] = {}
    for k, item in enumerate(previous):
        owner[f"was:{item.kind}:{item.id}"] = ("was", k)
    for k, item in enumerate(current):
        owner[f"now:{item.kind}:{item.id}"] = ("now", k)
    best: dict[tuple[int, int], Verdict] = {}  # (current, earlier) -> the verdict that continues it best
    moved: dict[tuple[int, int], Verdict] = {}  # ... a figure or a date that moved between them
    alike = _alike(units)
    verdicts: dict[tuple[int, int], Verdict] = {}  # (earlier, current) unit of a kind -> their verdict
    for i, j in _pairs(units, owner, thresholds):
        was_u, now_u = (units[i], units[j]) if owner[units[i].source][0] == "was" else (units[j], units[i])
        key = (owner[now_u.source][1], owner[was_u.source][1])
        kinds = (alike[was_u.k], alike[now_u.k])
        v = verdicts.get(kinds)
        if v is None:  # a = the earlier claim, b = the current one
            v = verdicts[kinds] = comparer.verdict(units[kinds[0]], units[kinds[1]])
        if v.relation in ("disputed", "conflict") and _moved(v, current[key[0]], previous[key[1]], profile) and _one_thing(v, was_u, now_u):
            if key not in moved or v.score > moved[key].score:
                moved[key] = v
        elif v.relation in ("same", "disputed") and (key not in best or (_RANK[v.relation], v.score) > (_RANK[best[key].relation], best[key].score)):
            best[key] = v
    linked = _linked_stories(previous, current, best)
    out: dict[int, list[_Match]] = defaultdict(list)
    for c, p in best.keys() | moved.keys():
        # a statement told again on another day continues it; a figure or a date that moved, on a
        # later day, is an update whichever kind of item tells it (a fact's "1,900 hectares", the
        # timeline's "fire doubles to 4,600 hectares") -- within a story that goes on (a look-alike
        # figure of another story is another measure); two events on other days are two events
        update = moved.get((c, p)) if (current[c].story, previous[p].story) in linked else None
        if update is not None:
            out[c].append(_Match(previous[p], update, moved=True))
        elif (c, p) in best and not _another_occasion(current[c], previous[p]):
            out[c].append(_Match(previous[p], best[(c, p)]))
    for c, ms in out.items():
        # the item itself, when the earlier briefing holds it (its id, or its words), then an item of
        # its kind, then what moved, then the best pair
        ms.sort(key=lambda m: (m.previous.id != current[c].id, normalize(m.previous.text) != normalize(current[c].text),
                               m.previous.kind != current[c].kind, not m.moved,
                               -_RANK[m.verdict.relation], -m.verdict.score, m.previous.id))  # fmt: skip
    return out


def _alike(units: list[Unit]) -> list[int]:
    """Each unit's first unit of the same claim on the same date: compared once for all of them.
    A claim several items cite (two facts read in one sentence, a timeline entry told by a
    fact's sentence) is one unit to compare however many items hold it: units of one claim and date,
    prepared together, are the same in all a comparison reads (the claim's words, figures,
    dates and frames, and the date)."""
    first: dict[tuple[str, str | None], int] = {}
    return [first.setdefault((u.claim.model_dump_json(exclude={"id"}), u.published), u.k) for u in units]


def _linked_stories(previous: list[_Item], current: list[_Item], best: Mapping[tuple[int, int], Verdict]) -> set[tuple[str | None, str | None]]:
    """(current story, earlier story) pairs where a story goes on: the earlier story most of
    its statements told again ("same") come from; a briefing of one story goes on from one."""
    votes: dict[str | None, Counter[str | None]] = defaultdict(Counter)
    for (c, p), v in best.items():
        if v.relation == "same":
            votes[current[c].story][previous[p].story] += 1
    linked = {(now, was.most_common(1)[0][0]) for now, was in votes.items()}
    ones = {i.story for i in previous}, {i.story for i in current}
    if len(ones[0]) == 1 and len(ones[1]) == 1:
        linked.add((next(iter(ones[1])), next(iter(ones[0]))))
    return linked


def _pairs(units: list[Unit], owner: dict[str, tuple[str, int]], thresholds: Thresholds) -> Iterator[tuple[int, int]]:
    """The pairs of an earlier and a current claim worth comparing, found as the merge finds
    them: every pair that shares a feature in a small briefing, the pairs that share two of
    their rarest features in a large one (``plan_facts``)."""
    keys = [u.feats for u in units]
    side = [owner[u.source][0] for u in units]
    if len(units) <= thresholds.weights.small_briefing:
        by_feature: dict[str, list[int]] = defaultdict(list)
        for u in units:
            if side[u.k] == "was":
                for f in u.feats:
                    by_feature[f].append(u.k)
        for u in units:
            if side[u.k] == "now":
                yield from ((k, u.k) for k in sorted({k for f in u.feats for k in by_feature.get(f, ())}))
        return
    df = Counter(f for ks in keys for f in ks)
    across = side.index("now") if "now" in side else len(side)  # (the earlier items' units come first)
    yield from candidate_pairs(keys, rarest=8, max_df=100, df=df, min_shared=2, across=across)


def _moved(v: Verdict, now: _Item, was: _Item, profile: LanguageProfile) -> bool:
    """A figure or a date that differs, told on a later day: the news moved on. It moves when
    today's statement says the new value -- not only a sentence of its articles around it ("The
    fire began on Sunday", read in "... began on Sunday and has burned 5,100 hectares") --, the
    earlier item said the old one and not already the new one ("due to reopen on Thursday, will
    stay closed until Monday" moved on Tuesday, not again on Wednesday), and what it counts is
    named by more than a word for anyone ("people": a town's 18,000 people are not the 7,500
    sent from their homes)."""
    later = bool(now.published and was.published and now.published > was.published)
    return later and any(
        s.kind in ("number", "date") and _states(now.stated, s.b_value) and _states(was.said, s.a_value) and not _states(was.said, s.b_value)
        and (s.kind == "date" or any(w.casefold() not in profile.generic_nouns for w in s.subject.split()))
        for s in v.slots
    )  # fmt: skip


def _one_thing(v: Verdict, a: Unit, b: Unit) -> bool:
    """A date moves for one thing: a figure says what it counts, a date needs a verb of the two
    claims with the same subject or object ("the P7 ... reopen on Friday" is not "schools ...
    reopen on Thursday")."""
    return any(s.kind == "number" for s in v.slots) or any(
        fa.subject & fb.subject or fa.patient & fb.patient for fa in a.frames for fb in b.frames
    )


def _dated(item: _Item, date: str, profile: LanguageProfile) -> bool:
    """Does the item's wording name ``date`` (read against its articles' date)?"""
    return any(d.date == date for t in item.texts for d in find_dates(t, item.published, profile))


def _states(texts: list[str], value: str) -> bool:
    """Does one of the (normalized) texts say ``value``?"""
    said = normalize(value)
    return any(said in t for t in texts)


def _another_occasion(now: _Item, was: _Item) -> bool:
    """Two events on different days are two events, unless the earlier one was still ahead
    when it was reported (a planned date that moved: "schools reopen on Thursday", then
    "on Monday")."""
    if now.kind != "event" or not (now.date and was.date) or now.date == was.date:
        return False
    return not (was.published and was.date > was.published)


def _update(now: _Item, m: _Match, profile: LanguageProfile, *, adds: bool = True) -> tuple[str, list[str], str | None, str | None]:
    """Status, what changed, old and new value of ``now`` against its earlier item (``adds``:
    whether a date ahead it adds makes it updated -- not when a part of it is news of its own)."""
    was, v = m.previous, m.verdict
    if m.moved:
        moved = [s for s in v.slots if s.kind in ("number", "date")]
        what = sorted({"figure" if s.kind == "number" else "date" for s in moved})
        return "updated", what, "; ".join(s.a_value for s in moved), "; ".join(s.b_value for s in moved)
    if now.kind == "disagreement" and now.values != was.values:
        return "updated", ["position"], " / ".join(was.values), " / ".join(now.values)
    if now.kind == "event" and now.date and was.date and now.date != was.date and not _dated(was, now.date, profile):
        return "updated", ["date"], was.date, now.date  # (one the earlier entry already gave moved before)
    added = _adds(now, was, profile) if adds else []
    if added:  # "remains closed and is expected to reopen on Friday": goes on, and says when
        return "updated", ["detail"], None, "; ".join(added)
    if set(was.sources) < set(now.sources):
        return "updated", ["sources"], None, None
    return "unchanged", [], None, None


def _moved_dates(updates: Iterable[tuple[_Item, tuple[str, list[str], str | None, str | None]]], profile: LanguageProfile) -> dict[str | None, set[str]]:
    """The dates each story's updates today move to (a date ahead one of them tells is not news again)."""
    out: dict[str | None, set[str]] = defaultdict(set)
    for item, (_, what, _, new) in updates:
        if new is not None and "date" in what:  # (an event's date is ISO already; a statement's is its words)
            out[item.story].update(new.split("; ") if item.kind == "event" else (d.date for d in find_dates(new, item.published, profile) if d.date))
    return out


def _went_on(went_on: list[tuple[_Item, _Match]], told: Stories, profile: LanguageProfile) -> list[Change]:
    """The changes of the items that go on from an earlier one, and the parts of them their
    story never told, news of their own ("... and is expected to reopen on Friday"); the
    statements that may hold such a part are parsed in one batch."""
    base = [_update(item, m, profile) for item, m in went_on]  # (a part that gives the date it adds takes it: below)
    moved = _moved_dates(zip((i for i, _ in went_on), base, strict=True), profile)
    # (a statement that adds a date ahead its earlier item did not give -- "detail" -- may tell it in a part of its own)
    may = [not m.moved and i.kind != "disagreement" and worth_parsing(i.text, told[m.previous.story], profile, dated=got[1] == ["detail"])
           for (i, m), got in zip(went_on, base, strict=True)]  # fmt: skip
    out: list[Change] = []
    with preparsed([i.text for (i, _), y in zip(went_on, may, strict=True) if y], profile):
        for (item, m), y, got in zip(went_on, may, base, strict=True):
            dated = got[1] == ["detail"]
            adds = untold(item.text, item.published, told[m.previous.story], profile, dated=dated, moved=moved[item.story]) if y else []
            if dated and any(d.future for p in adds for d in find_dates(p.own, item.published, profile)):
                got = _update(item, m, profile, adds=False)  # the part that gives the date tells it
            status, what, old, new = got
            out.append(Change(
                kind=item.kind, status=status, id=item.id, story=item.story, text=item.text,
                previous_id=m.previous.id, previous_text=None if normalize(m.previous.text) == normalize(item.text) else m.previous.text,
                what=what, old=old, new=new, sources=item.sources, previous_sources=m.previous.sources,
            ))  # fmt: skip
            out += [Change(kind=item.kind, status="new", id=item.id, story=item.story, text=p.text, previous_id=m.previous.id, sources=item.sources, part=True)
                    for p in adds]  # fmt: skip
    return out


def _first_deaths(
    items: list[Change], was: list[_Item], continued: set[str], links: Mapping[str | None, list[str | None]], profile: LanguageProfile
) -> None:
    """A death told today where the story it goes on said no one had died is its toll moved
    from none ("No one has been killed", then "a man was found dead"), not a new fact: updated,
    going on from that statement."""
    for k, c in enumerate(items):
        if c.status != "new" or c.part or c.kind not in ("fact", "event") or not links.get(c.story) or not tells_death(c.text, profile):
            continue
        before = _most(links[c.story])
        none = next((i for i in was if i.story == before and i.kind != "disagreement" and said_none(i.text, profile)), None)
        if none is not None:
            continued.add(f"{none.kind}:{none.id}")
            items[k] = c.model_copy(update={"status": "updated", "what": ["figure"], "old": "none", "new": "reported", "previous_id": none.id,
                                            "previous_text": none.text, "previous_sources": none.sources})  # fmt: skip


def _adds(now: _Item, was: _Item, profile: LanguageProfile) -> list[str]:
    """The dates ahead (a plan, a deadline -- not when something happened, told again) that
    today's statement gives and no wording of the earlier item gave. (Figures are not: those a
    statement adds are moves of their own, told on their own lines.)"""
    if now.kind == "disagreement":
        return []
    ahead = [d for d in find_dates(now.text, now.published, profile) if d.future and d.date and not _states(was.said, d.surface)]
    if not ahead:
        return []
    earlier = {d.date for t in was.texts for d in find_dates(t, was.published, profile) if d.date}
    return list(dict.fromkeys(d.surface for d in ahead if d.date not in earlier))


@collector_paused
def changes(
    previous: Briefing | Digest,
    current: Briefing | Digest,
    *,
    profile: LanguageProfile = ENGLISH,
    thresholds: Thresholds = Thresholds(),
    readings: Iterable[ArticleResult] = (),
    read: Mapping[str, list[Claim]] | None = None,
) -> Changes:
    """What changed from ``previous`` to ``current`` (each a briefing or a digest this tool
    wrote): every item marked, and what no article supports any more. ``readings``: per-article
    results of either briefing's articles (a run's own, a store's): their claims are compared
    as read, and only the items of articles not among them are read again from their words.
    ``read``: items read before (``read_items``: a store keeps each briefing's), not read again."""
    was, now = _items(previous), _items(current)
    at_hand = {r.source.id: r for r in readings}
    claims = _claims(was + now, profile, at_hand, read or {})
    found = _matches(was, now, claims, profile, thresholds)
    items: list[Change] = []
    continued: set[str] = set()  # earlier items told again (kind:id)
    story_links: dict[str | None, list[str | None]] = defaultdict(list)  # current story -> earlier stories of its continued items
    went_on: list[tuple[_Item, _Match]] = []
    for k, item in enumerate(now):
        ms = found.get(k, [])
        if not ms:
            items.append(Change(kind=item.kind, status="new", id=item.id, story=item.story, text=item.text, sources=item.sources))
            continue
        m = ms[0]
        for other in ms:
            continued.add(f"{other.previous.kind}:{other.previous.id}")
        story_links[item.story].append(m.previous.story)
        went_on.append((item, m))
    items += _went_on(went_on, Stories(was, profile), profile)
    _first_deaths(items, was, continued, story_links, profile)
    told = given([*zip((i.story for i in now), claims[len(was):], strict=True),  # what today's stories give: their items, their articles at hand
                  *((sid, [c for s in x.sources if s.id in at_hand for c in at_hand[s.id].claims]) for sid, x in stories_of(current))])
    items += dropped(((i, m.previous) for i, m in went_on), told, items, profile)
    for item in was:
        if f"{item.kind}:{item.id}" not in continued:
            items.append(Change(kind=item.kind, status="no_longer_reported", id=item.id, story=item.story, text=item.text, sources=item.sources))
    quotes = changed_quotes([(story, q) for story, x in stories_of(previous) for q in x.quotes],
                            [(story, q) for story, x in stories_of(current) for q in x.quotes], profile)
    items += quotes
    items += _story_changes(previous, current, items, story_links)
    items.sort(key=lambda c: (_ORDER[c.status], c.kind != "story", c.story or "", c.kind, c.id))
    counts: dict[str, int] = defaultdict(int)
    for c in items:
        counts[c.status] += 1
    earlier = {s.id: s for _, x in stories_of(previous) for s in x.sources}
    cited = {s for c in items if c.status == "no_longer_reported" for s in c.sources} | {s for c in items for s in c.previous_sources}
    headline = previous.headline if isinstance(previous, Briefing) else None
    return Changes(
        since=briefing_time(previous), previous_headline=headline, counts=dict(counts), items=items,
        earlier_sources=[EarlierSource(id=s.id, title=s.title, published=s.published, outlet=s.outlet) for k, s in sorted(earlier.items()) if k in cited],
    )  # fmt: skip


def _story_changes(
    previous: Briefing | Digest, current: Briefing | Digest, items: Sequence[Change], links: dict[str | None, list[str | None]]
) -> list[Change]:
    """A current story continues the earlier story most of its continued items come from; it
    is ``updated`` when any of its items is new or updated."""
    titles = {sid: _title(x) for sid, x in stories_of(previous)}
    out: list[Change] = []
    taken: set[str | None] = set()
    for sid, x in stories_of(current):
        votes = links.get(sid, [])
        mine = [c for c in items if c.story == sid and c.status != "no_longer_reported"]
        if not votes:
            out.append(Change(kind="story", status="new", id=sid or "briefing", story=sid, text=_title(x), sources=[s.id for s in x.sources]))
            continue
        was = _most(votes)
        taken.add(was)
        moved = any(c.status in ("new", "updated") for c in mine)
        out.append(Change(
            kind="story", status="updated" if moved else "unchanged", id=sid or "briefing", story=sid, text=_title(x),
            previous_id=was or "briefing", sources=[s.id for s in x.sources],
        ))  # fmt: skip
    for sid, x in stories_of(previous):
        if sid not in taken:
            out.append(Change(kind="story", status="no_longer_reported", id=sid or "briefing", story=sid, text=titles[sid], sources=[s.id for s in x.sources]))
    return out


def _most(votes: list[str | None]) -> str | None:
    """The earlier story most continued items come from (the current story goes on as it)."""
    return max(set(votes), key=lambda s: (votes.count(s), s or ""))


def _title(b: Briefing) -> str:
    return b.headline or (b.facts[0].statement if b.facts else "") or (b.sources[0].title if b.sources else "")
