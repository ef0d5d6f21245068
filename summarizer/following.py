"""A run of a followed feed, once its briefing is merged: what changed since an earlier briefing
(``--since``), and a store's part in it (``--store``): the earlier articles' results at hand, and
each briefing kept with its items as read, so that the next run reads only its own.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TypeAlias, TypeVar, cast

from .errors import InputError
from .inputs.store import Store
from .merge.changes import briefing_time, dump_read, load_read, read_items, stories_of
from .merge.changes import changes as compare_briefings
from .merge.index import collector_paused
from .schemas import ArticleResult, Briefing, Claim, Digest

B = TypeVar("B", bound="Briefing | Digest")
Earlier: TypeAlias = "Briefing | Digest | str | Path"  # a briefing or digest of this tool, or its JSON's path


@collector_paused  # a digest's items, claims and JSON: many objects, no cycles (``collector_paused``)
def follow(out: B, results: Sequence[ArticleResult], store: Store, earlier: Briefing | Digest | None, *, from_store: bool = True) -> B:
    """A run of a followed feed, once its briefing is merged: ``out`` with its changes against
    ``earlier`` (None: the feed's first run), kept in the store with its items as read.

    Each briefing's items are read once, by the run that writes it (``read_items``: the
    claims of this run's articles, the event descriptions parsed), and kept with it; the next
    run compares its own items with those as they were kept -- neither the earlier articles'
    results nor their descriptions are read again -- so a day costs what its own articles cost,
    however long the feed has run. An ``earlier`` briefing that is not the store's last one
    (``from_store=False``: a ``--since`` file) is read as before: the store's results of its
    articles, its other items from their words."""
    mine = read_items(out, readings=results)
    if earlier is not None:
        text = store.last_readings() if from_store else None
        kept = load_read(text) if text is not None else None
        at_hand = list(results) if kept is not None else readings(earlier, results, store)
        out = with_changes(out, earlier, at_hand, read={**(kept or {}), **mine})
    # (kept without its changes: the next run compares with its items, and reads half as much)
    store.keep_briefing(out.model_dump_json(exclude={"changes"}), briefing_time(out), dump_read(mine))
    return out


def readings(earlier: Briefing | Digest, results: Iterable[ArticleResult], store: Store | None) -> list[ArticleResult]:
    """The per-article results at hand for comparing with ``earlier``: this run's, and the
    store's of the earlier briefing's articles."""
    mine = list(results)
    if store is None:
        return mine
    have = {r.source.id for r in mine}
    wanted = {s.id for _, b in stories_of(earlier) for s in b.sources} - have
    return mine + store.by_ids(wanted)


def read_briefing(earlier: Earlier) -> Briefing | Digest:
    """A briefing or digest this tool wrote (``--format json``), from its path; an object is
    returned as it is. Anything else is an ``InputError`` naming the path."""
    if isinstance(earlier, Briefing | Digest):
        return earlier
    path = Path(earlier)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path}: not a briefing this tool wrote as JSON ({exc.__class__.__name__}: {exc})") from exc
    try:
        return Digest.model_validate(data) if isinstance(data, dict) and data.get("kind") == "digest" else Briefing.model_validate(data)
    except ValueError as exc:
        raise InputError(f"{path}: not a briefing or digest of this tool ({str(exc).splitlines()[0]})") from exc


def with_changes(
    current: B, previous: Briefing | Digest, results: Iterable[ArticleResult] = (), *, read: Mapping[str, list[Claim]] | None = None
) -> B:
    """``current`` with its ``changes`` against ``previous`` (``results``: per-article results
    at hand, compared as read instead of read again; ``read``: items read before, by
    ``read_items``: see ``merge.changes``)."""
    return cast(B, current.model_copy(update={"changes": compare_briefings(previous, current, readings=results, read=read)}))
