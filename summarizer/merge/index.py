"""The shared machinery of the merge: union-find groups and the candidate index (blocking).

Candidate pairs come from an inverted index over each item's keys, not from all pairs: two
items are compared only when they share one of their rarest keys, so the number of
comparisons grows with the data, not with its square.
"""

from __future__ import annotations

import functools
import gc
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from itertools import chain, islice
from typing import ParamSpec, TypeVar

from ..reading.text import content_id  # noqa: F401  (re-exported: the merge's ids)

P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(step: Callable[P, R]) -> Callable[P, R]:
    """``step`` run with Python's cyclic garbage collector paused (and its state restored after).

    The pairwise steps of the merge make hundreds of thousands of short-lived objects (pairs,
    verdicts, measures) and no reference cycles: reference counting frees them. With the
    collector on, that many allocations set off full collections, and each walks the whole heap
    -- in a worker that holds a batch of stories' results and the parser's model, about 0.4 s
    a time, which was most of a story's merge (``python -m bench --stories-only``)."""

    @functools.wraps(step)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was = gc.isenabled()
        gc.disable()
        try:
            return step(*args, **kwargs)
        finally:
            if was:
                gc.enable()

    return paused


class UnionFind:
    """Union-find that also keeps each group's members (so group checks cost the group size)."""

    def __init__(self, n: int):
        self.parent = list(range(n))
        self.members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)

    def group(self, i: int) -> list[int]:
        return self.members[self.find(i)]

    def groups(self) -> list[list[int]]:
        return sorted((sorted(m) for m in self.members.values()), key=lambda g: g[0])


def candidate_pairs(
    keys: Sequence[Iterable[Hashable]], *, rarest: int = 3, max_df: int = 100, df: Counter | None = None,
    min_shared: int = 1, across: int | None = None,
) -> Iterator[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, of items that share ``min_shared`` of their ``rarest`` keys.

    Keys held by more than ``max_df`` items say nothing about identity and are skipped; a key
    only one item holds pairs it with nothing, so each item indexes its rarest *shared* keys.
    ``min_shared=2`` keeps only pairs that two rare keys bring together: one shared rare word
    is often chance, two seldom are. ``across``: only the pairs of an item before it and one
    from it on (two briefings' items, the earlier first), not counted for the others.
    """
    keys = [set(k) for k in keys]
    df = df if df is not None else Counter(chain.from_iterable(keys))
    index: dict[Hashable, list[int]] = defaultdict(list)
    chosen = []
    eligible = {k for k, n in df.items() if 2 <= n <= max_df}
    for i, ks in enumerate(keys):
        # the keys that can pair it, rarest first, then by name: two stable sorts, the second key
        # first (the filter keeps their order: as sorting all of them first)
        picked = sorted(sorted(filter(eligible.__contains__, ks), key=str), key=df.__getitem__)[:rarest]
        chosen.append(picked)
        for k in picked:
            index[k].append(i)
    if min_shared <= 1:
        seen: set[tuple[int, int]] = set()
        for i, picked in enumerate(chosen):
            for k in picked:
                for j in index[k]:
                    if j > i and (across is None or i < across <= j) and (i, j) not in seen:
                        seen.add((i, j))
                        yield i, j
        return
    for i, picked in enumerate(chosen if across is None else chosen[:across]):
        least = i + 1 if across is None else across  # (each list of ``index`` is in order: the rest of it from ``least``)
        counts: Counter = Counter(j for k in picked for j in islice(index[k], bisect_left(index[k], least), None))
        for j, n in sorted(counts.items()):
            if n >= min_shared:
                yield i, j


def uniq(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def deletion_keys(word: str) -> set[str]:
    """The word and every one-letter deletion: words within one edit share a key."""
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))} if len(word) >= 5 else {word}


def slug_id(prefix: str, name: str, taken: set[str]) -> str:
    """A readable id from a name ("person-donald-trump"), made unique within ``taken``."""
    slug = re.sub(r"[^\w]+", "-", name.casefold()).strip("-")[:40] or "x"
    base = f"{prefix}-{slug}"
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    taken.add(out)
    return out
