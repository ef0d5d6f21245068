"""A store for a followed feed (``--store PATH``): every article seen, with its per-article
result, and the briefings written from them, in one SQLite file.

A run that is given a store reads from it the results of the articles it has seen before (by
the SHA-256 of their bytes: the same text at another address is the same article) and asks
the model only about the new ones; each new result is written in its own transaction as soon
as it is validated, so an interrupted run loses nothing it finished. ``window`` returns the
stored articles published within a span before the newest of the run (content dates, never
the clock), so a story that runs for days is briefed with its earlier articles. The last
briefing written is the default ``--since`` of the next run: each morning's briefing opens
with what is new since yesterday's. Each briefing is kept with its items as the changes step
read them (``readings``: claims, figures, dates, frames), so that tomorrow's run reads only
its own items and compares them with these as they are.

Safe for two runs at once: SQLite's write-ahead log and a busy timeout serialise the writes,
and every write is one transaction. ``fetched`` is when this store first saw the article
(UTC): it is kept for ``summarizer store --list`` and is never a date in a briefing.
"""

from __future__ import annotations

import datetime
import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..schemas import ArticleResult, Briefing, Digest, Usage
from .articles import Article

SCHEMA = 1
_DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    sha256 TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    location TEXT,
    published TEXT,
    fetched TEXT NOT NULL,
    result TEXT NOT NULL,
    raw TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE TABLE IF NOT EXISTS briefings (n INTEGER PRIMARY KEY AUTOINCREMENT, latest TEXT, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS readings (n INTEGER PRIMARY KEY, json TEXT NOT NULL);
"""
_SPAN = re.compile(r"^\s*(\d+)\s*([hd])\s*$")


def parse_window(text: str) -> datetime.timedelta:
    """"48h", "7d" -> the span (hours or days); anything else is an ``InputError``."""
    m = _SPAN.match(text or "")
    if not m or int(m.group(1)) <= 0:
        raise InputError(f"--window {text!r}: give hours or days, e.g. 48h or 7d")
    n = int(m.group(1))
    return datetime.timedelta(hours=n) if m.group(2) == "h" else datetime.timedelta(days=n)


@dataclass(frozen=True)
class Stored:
    """One article of the store."""

    sha256: str
    id: str
    location: str | None
    published: str | None
    fetched: str
    result: ArticleResult
    raw: str


class Store:
    """The SQLite file of a followed feed (see the module doc)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.is_dir():
            raise InputError(f"--store {self.path}: a folder, not a file")
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            with self._write():
                for statement in filter(str.strip, _DDL.split(";")):
                    self.db.execute(statement)
                self.db.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (str(SCHEMA),))
        except sqlite3.DatabaseError as exc:
            raise InputError(f"--store {self.path}: not a store of this tool ({exc})") from exc
        version = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
        if version != str(SCHEMA):
            raise InputError(f"--store {self.path}: store version {version}, this tool reads {SCHEMA}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[None]:
        """One transaction that holds the write lock from its start (two runs wait, not fail)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def known(self, hashes: Iterable[str]) -> dict[str, ArticleResult]:
        """sha256 -> the stored result, for the articles seen before."""
        out: dict[str, ArticleResult] = {}
        for h in set(hashes):
            row = self.db.execute("SELECT result FROM articles WHERE sha256 = ?", (h,)).fetchone()
            if row is not None:
                out[h] = ArticleResult.model_validate_json(row[0])
        return out

    def seen(self, articles: Sequence[Article], say: Callable[[str], None]) -> dict[str, ArticleResult]:
        """The articles seen before (by their bytes' hash): their stored results, as this run
        names them, counted as answers not asked again."""
        known = self.known(a.sha256 for a in articles if a.sha256)
        out = {}
        for a in articles:
            r = known.get(a.sha256)
            if r is not None:
                spent = r.usage
                usage = Usage(replayed=spent.requests + spent.replayed, prompt_tokens=spent.prompt_tokens, completion_tokens=spent.completion_tokens)
                out[a.id] = r.model_copy(update={"source": a.source(), "usage": usage})
        if out:
            say(f"{len(out)} of {len(articles)} articles seen before (--store {self.path}): not asked again")
        return out

    def keeping(self, fresh: Sequence[Article], then: Callable[[ArticleResult], None] | None) -> Callable[[ArticleResult], None]:
        """A result hook: each new result into the store as soon as it is validated, then ``then``."""
        by_id = {a.id: a for a in fresh}

        def keep(r: ArticleResult) -> None:
            a = by_id.get(r.source.id)
            if a is not None:
                self.put(r, a.raw, a.path)
            if then is not None:
                then(r)

        return keep

    def by_ids(self, ids: Iterable[str]) -> list[ArticleResult]:
        """The stored results of these article ids (the latest seen of each)."""
        out = []
        for i in set(ids):
            row = self.db.execute("SELECT result FROM articles WHERE id = ? ORDER BY fetched DESC LIMIT 1", (i,)).fetchone()
            if row is not None:
                out.append(ArticleResult.model_validate_json(row[0]))
        return out

    def put(self, result: ArticleResult, raw: str, location: str | None = None) -> None:
        """Keep an article's result (and its text: evidence offsets index into it)."""
        fetched = datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")
        with self._write():
            self.db.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO UPDATE SET "
                "id = excluded.id, location = excluded.location, published = excluded.published, result = excluded.result, raw = excluded.raw",
                (result.source.sha256, result.source.id, location, result.source.published.iso, fetched, result.model_dump_json(), raw),
            )

    def window(self, newest: str, span: datetime.timedelta) -> list[Stored]:
        """The stored articles published within ``span`` before ``newest`` (ISO dates: a span
        in hours is counted in whole days, rounded up)."""
        days = math.ceil(span.total_seconds() / 86400)
        start = (datetime.date.fromisoformat(newest[:10]) - datetime.timedelta(days=days)).isoformat()
        rows = self.db.execute("SELECT * FROM articles WHERE published >= ? ORDER BY published, id", (start,)).fetchall()
        return [self._stored(r) for r in rows]

    def count(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self) -> list[Stored]:
        return [self._stored(r) for r in self.db.execute("SELECT * FROM articles ORDER BY published, id").fetchall()]

    @staticmethod
    def _stored(row: tuple) -> Stored:
        sha, id_, location, published, fetched, result, raw = row
        return Stored(sha, id_, location, published, fetched, ArticleResult.model_validate_json(result), raw)

    def last_briefing(self) -> str | None:
        """The JSON of the last briefing or digest written with this store."""
        row = self.db.execute("SELECT json FROM briefings ORDER BY n DESC LIMIT 1").fetchone()
        return row[0] if row else None

    def last(self) -> Briefing | Digest | None:
        """The last briefing or digest written with this store (the next run's ``since``)."""
        text = self.last_briefing()
        if text is None:
            return None
        data = json.loads(text)
        return Digest.model_validate(data) if data.get("kind") == "digest" else Briefing.model_validate(data)

    def keep_briefing(self, text: str, latest: str | None, readings: str | None = None) -> None:
        """Keep a briefing's JSON, with its items as the changes step read them (``readings``,
        JSON: the next run compares with them without reading them again)."""
        with self._write():
            n = self.db.execute("INSERT INTO briefings (latest, json) VALUES (?, ?)", (latest, text)).lastrowid
            if readings is not None:
                self.db.execute("INSERT INTO readings (n, json) VALUES (?, ?)", (n, readings))

    def last_readings(self) -> str | None:
        """The last briefing's items as read (see ``keep_briefing``), if they were kept with it."""
        row = self.db.execute("SELECT json FROM readings WHERE n = (SELECT max(n) FROM briefings)").fetchone()
        return row[0] if row else None

    def prune(self, span: datetime.timedelta) -> tuple[int, int]:
        """Forget the articles published more than ``span`` before the newest stored one (and
        the undated ones seen that long before it), and every briefing but the last. Returns
        (articles, briefings) removed."""
        newest = self.db.execute("SELECT max(published) FROM articles").fetchone()[0]
        if newest is None:
            return 0, 0
        cut = (datetime.date.fromisoformat(newest[:10]) - span).isoformat()
        with self._write():
            gone = self.db.execute("DELETE FROM articles WHERE coalesce(published, substr(fetched, 1, 10)) < ?", (cut,)).rowcount
            old = self.db.execute("DELETE FROM briefings WHERE n < (SELECT max(n) FROM briefings)").rowcount
            self.db.execute("DELETE FROM readings WHERE n < (SELECT max(n) FROM briefings)")
        return gone, old


def open_store(path: str | Path | None, window: str | datetime.timedelta | None) -> dict[str, Any]:
    """A run's store options from a path and a span ("48h"): {} without a path; a ``window``
    without one is an ``InputError``, as is a file that is no store of this tool."""
    if path is None:
        if window is not None:
            raise InputError("--window needs --store: the earlier articles are the store's")
        return {}
    span = parse_window(window) if isinstance(window, str) else window
    return {"store": Store(path), "window": span}


def as_json(stored: list[Stored]) -> str:
    """``summarizer store --list --format json``."""
    rows = [{"id": s.id, "sha256": s.sha256, "location": s.location, "published": s.published, "fetched": s.fetched} for s in stored]
    return json.dumps(rows, indent=2) + "\n"
