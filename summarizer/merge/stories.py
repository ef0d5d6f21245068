"""Stories: which articles of a mixed input tell the same story. Before the merge, no model.

A story is what a reader follows over days: the same actors and subject, possibly several
events (the five seeds are one negotiation with three different Tallis-Orlin contacts). So
articles are grouped by *who and what* they are about, not by date: two unrelated stories
share a day, and one story spans months. Time only asks for more evidence: articles more than
``apart_days`` apart link only through a shared person or place (one carmaker's two crashes
a month apart share the maker and its products, not the people or the place).

Features of an article, all from its extraction (``ArticleResult``):

* people, by surname ("Ivo Orlin", "Orlin", "President Orlin" -> ``person:orlin``); a
  "person" whose name holds an organisation word of the language profile ("Arlen Chemicals",
  "Norland Central Bank") is an organisation, by its whole name -- else "chemicals" or "bank"
  would be a surname shared by unrelated stories;
* organisations and places (``entity_key``: "U.S." = "America");
* the names no list types -- a product, a feature, a road ("Halo 3", "Pilot Assist") -- found
  in the article's statements (``names.proper_names``), unless they are a typed name's words
  or forms of them ("European" for Europe): the angles of one launch (a report, reviews, a lab
  test, a column) share the product and the company, rarely people;
* content-word stems of its title, summary and events' descriptions (``word:...``).

Each feature weighs ``kind weight x idf``, ``idf = log(1 + N / df)``: a name every article
carries ("United States" in a world feed) counts little, a rare shared name a lot. Two
articles are compared only when they share one of their rarest names (the candidate index
of ``merge.index``; names held by more than ``max_df`` articles are not indexed), so the
work grows with the input, not its square. Their similarity is the weight they share over
the geometric mean of their weights, counting only features some other article holds too (a
feature no other article has cannot be shared, so it does not dilute the score; the mean,
not the smaller weight, so that a round-up naming everyone is not "contained" in every story). A pair is a *link* when the
similarity reaches ``link`` and at least ``min_shared_names`` names (people, organisations,
places) are shared, or one name at the higher ``strong_link`` -- shared words alone never
join two articles.

Links are grouped by average linkage: two groups that at least one link joins become one
when the mean similarity over all their article pairs reaches ``join`` (a compared pair counts
with its similarity, even under ``link``; a pair never compared, 0). One chance link between
two big stories therefore does not chain them into one (the failure of single linkage, Kagi
Kite's "unrelated stories merged"), while an article that is close to most of its story but
links to only one member still joins it.

Every member lists what ties it to the rest of its story (``shares``), rarest first, and
the story's title is its most central article's title.
"""

from __future__ import annotations

import datetime
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from ..language import ENGLISH, LanguageProfile
from ..reading.names import fold, inner_capitals, parts, proper_names
from ..reading.text import stem_word, words
from ..schemas import ArticleResult, Story, StoryMember
from .entities import entity_key
from .index import UnionFind, candidate_pairs

#: features that are names (the rest are words)
NAME_KINDS = ("person", "org", "place", "name")
#: names that say where or who: across a long gap in time, a link needs one of these
ACTOR_KINDS = ("person", "place")


@dataclass(frozen=True)
class StoryThresholds:
    """When articles are one story (see the module doc)."""

    link: float = 0.25
    join: float = 0.3
    min_shared_names: int = 2
    #: ... or one shared name when the pair's similarity reaches this (a story told with one
    #: named actor: "Governor Okafor" and the rate decision)
    strong_link: float = 0.45
    #: names held by more than this share of the articles are not used to find candidates
    max_df_share: float = 0.2
    #: ... but always index names held by up to this many articles
    min_max_df: int = 50
    #: rarest names per article used to find candidates
    rarest: int = 6
    person: float = 1.0
    org: float = 1.0
    place: float = 0.7
    #: a name no list types: a product, a programme, a road ("Halo 3", "Pilot Assist")
    name: float = 0.8
    word: float = 0.35
    #: articles published more than this many days apart link only through a shared person
    #: or place: one carmaker's two crashes a month apart share the maker and its products,
    #: not the people or the place; a story that runs for months keeps its actors
    apart_days: int = 7
    #: a feed of up to this many articles compares every pair of articles that share a name;
    #: a larger one, the pairs that one of their ``rarest`` names brings together (a story
    #: told over days shares its actors, not its rarest names: each day brings its own)
    exhaustive: int = 300


def features(r: ArticleResult, profile: LanguageProfile = ENGLISH, inner: AbstractSet[str] = frozenset()) -> dict[str, str]:
    """The article's names and subject words as feature keys ("person:orlin", "word:ceasefir"),
    each with how the article writes it ("Orlin", "ceasefire") for ``StoryMember.shares``.
    ``inner``: words the feed writes capitalised inside sentences (``names.inner_capitals``)."""
    out: dict[str, str] = {}
    for p in r.people:
        if set(fold(p.name).split()) & profile.organisation_words:  # "Arlen Chemicals" listed as a person
            out.setdefault(f"org:{entity_key(p.name, profile)}", p.name)
            continue
        core = parts(p.name, profile).core
        if core:
            written = next((w for w in reversed(p.name.split()) if fold(w).replace("-", " ").split()[-1:] == [core[-1]]), core[-1])
            out.setdefault(f"person:{core[-1]}", written)
    for kind, names in (("org", r.organizations), ("place", r.places)):
        for name in names:
            key = entity_key(name, profile)
            if key:
                out.setdefault(f"{kind}:{key}", name)
    typed = [fold(w) for n in [*(p.name for p in r.people), *r.organizations, *r.places] for w in re.split(r"[\s-]+", n)]
    for name in proper_names((c.text for c in r.claims), profile, inner):
        key = entity_key(name, profile)
        if key and not all(_typed(fold(w), typed) for w in re.split(r"[\s-]+", name)):
            out.setdefault(f"name:{key}", name)
    text = " ".join([r.title, r.source.title_hint or "", r.summary, *(e.what for e in r.events)])
    for w in words(text):
        if w in profile.stop_words or w in profile.speech_verbs or len(w) < 3 or w.isdigit():
            continue
        st = stem_word(w, profile)
        if len(st) > 2 and st not in profile.stop_words:
            out.setdefault(f"word:{st}", w)
    return out


def cluster_stories(
    results: Sequence[ArticleResult],
    *,
    profile: LanguageProfile = ENGLISH,
    thresholds: StoryThresholds = StoryThresholds(),
    voices: dict[str, str] | None = None,
) -> list[Story]:
    """Group ``results`` into stories, ordered by outlets covering them (then articles, title).

    ``voices`` (article id -> its copy group's first id, see ``merge.copies``) makes copies
    count once in ``Story.outlets``; without it each article's outlet (or id) counts."""
    t = thresholds
    results = sorted(results, key=lambda r: r.source.id)
    n = len(results)
    if n == 0:
        return []
    inner = inner_capitals(c.text for r in results for c in r.claims)
    labels = _one_key_per_name([features(r, profile, inner) for r in results])
    feats = [set(fs) for fs in labels]
    df = Counter(f for fs in feats for f in fs)
    kind_weight = {"person": t.person, "org": t.org, "place": t.place, "name": t.name, "word": t.word}

    def weight(f: str) -> float:
        return kind_weight[f.partition(":")[0]] * math.log(1 + n / df[f])

    w = {f: weight(f) for f in df}
    shareable = [sum(w[f] for f in fs if df[f] > 1) for fs in feats]
    names = [[f for f in fs if f.partition(":")[0] in NAME_KINDS] for fs in feats]
    max_df = max(t.min_max_df, int(t.max_df_share * n))
    days = [_day(r.source.published.iso) for r in results]
    sims: dict[tuple[int, int], float] = {}
    links: set[tuple[int, int]] = set()
    small = n <= t.exhaustive  # every pair that shares a name; the rarest names only find a large feed's pairs
    for i, j in candidate_pairs(names, rarest=n * 1000 if small else t.rarest, max_df=n if small else max_df, df=df):
        shared = feats[i] & feats[j]
        shared_names = sum(1 for f in shared if f.partition(":")[0] in NAME_KINDS)
        denom = math.sqrt(shareable[i] * shareable[j])
        sim = sum(w[f] for f in shared) / denom if denom else 0.0
        sims[(i, j)] = sim
        if _apart(days[i], days[j], t.apart_days) and not any(f.partition(":")[0] in ACTOR_KINDS for f in shared):
            continue  # weeks apart with no one and nowhere in common: another occasion
        if sim >= t.link and (shared_names >= t.min_shared_names or (shared_names and sim >= t.strong_link)):
            links.add((i, j))
    groups = _average_linkage(n, sims, links, t.join)
    stories = []
    for members in groups:
        stories.append(_story(members, results, feats, labels, w, sims, voices))
    stories.sort(key=lambda s: (-s.outlets, -len(s.sources), s.title.casefold(), s.id))
    return stories


def _one_key_per_name(labels: list[dict[str, str]]) -> list[dict[str, str]]:
    """A name the feed's lists type somewhere (a place, an organisation, a person's surname, an
    organisation's acronym: "Ardenan Dockworkers' Federation (ADF)") is left to that typed
    feature: an article that only writes it does not hold it twice under two kinds, which
    would thin out what it shares with the articles that type it."""
    typed: dict[str, str] = {}
    for fs in labels:
        for f in fs:
            kind, _, key = f.partition(":")
            if kind in ACTOR_KINDS or kind == "org":
                typed.setdefault(key, f)
                if m := re.search(r"\(([^()]+)\)$", key):
                    typed.setdefault(m.group(1).strip(), f)
    out = []
    for fs in labels:
        one: dict[str, str] = {}
        for f, written in fs.items():
            kind, _, key = f.partition(":")
            if not (kind == "name" and key in typed):
                one.setdefault(f, written)
        out.append(one)
    return out


def _typed(word: str, typed: list[str]) -> bool:
    """Is ``word`` one of a typed name's words, or a form of one ("Russians", "European")?"""
    return word in typed or (len(word) >= 5 and any(len(t) >= 5 and t[:5] == word[:5] for t in typed))


def _day(iso: str | None) -> int | None:
    """A publication date as a day number (None when the article has none)."""
    try:
        return datetime.date.fromisoformat(iso[:10]).toordinal() if iso else None
    except ValueError:
        return None


def _apart(a: int | None, b: int | None, days: int) -> bool:
    return a is not None and b is not None and abs(a - b) > days


def _average_linkage(n: int, sims: dict[tuple[int, int], float], links: set[tuple[int, int]], join: float) -> list[list[int]]:
    """Sparse average-linkage agglomeration: merge the two groups with the highest mean
    similarity over all their article pairs (pairs never compared count 0) while it is at
    least ``join``; only groups that at least one link joins are candidates."""
    size = {i: 1 for i in range(n)}
    members = {i: [i] for i in range(n)}
    total: dict[int, dict[int, float]] = defaultdict(dict)
    linked: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in sims.items():
        total[i][j] = total[j][i] = s
    for i, j in links:
        linked[i][j] = linked[j][i] = 1
    heap = [(-sims[(i, j)], i, j) for i, j in links]
    heapq.heapify(heap)
    alive = set(range(n))
    while heap:
        neg, a, b = heapq.heappop(heap)
        if a not in alive or b not in alive:
            continue
        mean = total[a].get(b, 0.0) / (size[a] * size[b])
        if abs(mean + neg) > 1e-12:  # stale entry: the groups changed since it was pushed
            continue
        if mean < join:
            break
        # b joins a
        alive.discard(b)
        members[a] += members.pop(b)
        size[a] += size.pop(b)
        for table in (total, linked):
            for c, v in table.pop(b).items():
                del table[c][b]
                if c != a:
                    table[a][c] = table[c][a] = table[a].get(c, 0) + v
        for c in linked[a]:
            x, y = (a, c) if a < c else (c, a)
            heapq.heappush(heap, (-(total[a].get(c, 0.0) / (size[a] * size[c])), x, y))
    return sorted((sorted(m) for m in members.values()), key=lambda g: g[0])


def _story(members, results, feats, labels, w, sims, voices) -> Story:
    ids = [results[i].source.id for i in members]
    centrality = {i: sum(sims.get((min(i, j), max(i, j)), 0.0) for j in members if j != i) for i in members}
    centre = max(members, key=lambda i: (centrality[i], -i))
    shared_df = Counter(f for i in members for f in feats[i])
    out_members = []
    for i in members:
        ties = [f for f in feats[i] if shared_df[f] > 1] if len(members) > 1 else []
        ties.sort(key=lambda f: (-w[f], f))
        shown = list(dict.fromkeys(labels[i][f] for f in ties))  # "Quennell" the person and "Quennell's" the word: once
        out_members.append(StoryMember(source=results[i].source.id, shares=shown[:6]))
    return Story(
        id=f"story-{ids[0]}",
        title=results[centre].title,
        sources=ids,
        outlets=_outlets([results[i] for i in members], voices or {}),
        members=out_members,
    )


def _outlets(results: list[ArticleResult], voices: dict[str, str]) -> int:
    """Independent voices: articles of one outlet count once, and so do copies of one text
    (syndication) even when different outlets run them."""
    uf = UnionFind(len(results))
    first: dict[str, int] = {}
    for k, r in enumerate(results):
        for key in (f"voice:{voices.get(r.source.id, r.source.id)}", f"outlet:{(r.source.outlet or '').casefold()}"):
            if key == "outlet:":
                continue
            if key in first:
                uf.union(first[key], k)
            else:
                first[key] = k
    return len({uf.find(k) for k in range(len(results))})
