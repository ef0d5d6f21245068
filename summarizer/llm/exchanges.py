"""Recording, replay and the response cache: one mechanism at the HTTP layer.

Every request the OpenAI SDK sends goes through ``ExchangeTransport`` (an httpx2 transport;
openai 3.x speaks httpx2). A request is identified by ``exchange_key``: the sha256 of the
endpoint's identity and the canonical JSON request body -- model, messages (so the rendered
prompt and the article), the JSON Schema in ``response_format``, temperature, max_tokens.
Edit a prompt template or a schema field and the key changes: a replay then fails loudly
instead of returning a stale answer.

Stores:

* ``RecordingDir`` -- ``--record DIR`` / ``--replay DIR``: one readable JSON file per
  exchange, ``DIR/<article-id>/<key16>.json``. Written by real runs only.
* ``SqliteCache`` -- the response cache (stdlib sqlite3, JSON values, no pickle).

Only request *bodies* are stored, never headers: the API key cannot end up in a recording
or the cache. Only complete 2xx answers are stored (not ones cut off at ``max_tokens``), and
only once the caller has accepted them: inside ``pending()`` the transport holds each exchange
back, and the caller ``commit``s the list when the answer validated -- a broken answer is
never cached, so a rerun asks again instead of replaying the failure for ever. A cache row
that cannot be read is dropped with a warning and counts as a miss.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import httpx2
import openai

from ..errors import ConfigError, ReplayMiss
from ..schemas import Usage


class ReplayMissError(ReplayMiss, openai.OpenAIError):
    """Raised inside the transport; an ``OpenAIError`` so the SDK passes it on without retrying."""

#: The article a request belongs to (set by the caller around each extraction).
current_article: contextvars.ContextVar[str] = contextvars.ContextVar("current_article", default="?")
#: Where the transport adds up usage for the current article.
current_usage: contextvars.ContextVar[Usage | None] = contextvars.ContextVar("current_usage", default=None)
#: Exchanges held back until the caller accepts the answer (see ``pending``).
_pending: contextvars.ContextVar[Pending | None] = contextvars.ContextVar("pending_exchanges", default=None)
#: Answer from the endpoint even when the cache has an entry (a cached answer that failed).
bypass_cache: contextvars.ContextVar[bool] = contextvars.ContextVar("bypass_cache", default=False)

log = logging.getLogger("summarizer")


class Pending(list[tuple["Exchange", list["Store"]]]):
    """Exchanges of one call, held back from the cache and the recording until ``commit()``.

    ``from_cache`` holds the keys answered from the cache during the call."""

    def __init__(self) -> None:
        super().__init__()
        self.from_cache: list[tuple[SqliteCache, str]] = []

    def commit(self) -> None:
        for exchange, stores in self:
            for store in stores:
                store.put(exchange)
        self.clear()


@contextlib.contextmanager
def pending() -> Iterator[Pending]:
    """Hold back what the transport would store until the caller ``commit()``s it."""
    held = Pending()
    token = _pending.set(held)
    try:
        yield held
    finally:
        _pending.reset(token)


def exchange_key(endpoint_id: str, body: dict[str, Any]) -> str:
    canonical = json.dumps({"endpoint": endpoint_id, "body": body}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass
class Exchange:
    key: str
    article: str
    endpoint: str
    request: dict[str, Any]
    status: int
    response: dict[str, Any]
    seconds: float

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "article": self.article,
            "endpoint": self.endpoint,
            "seconds": round(self.seconds, 3),
            "request": self.request,
            "status": self.status,
            "response": self.response,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Exchange:
        return cls(
            key=data["key"],
            article=data.get("article", "?"),
            endpoint=data.get("endpoint", "?"),
            request=data["request"],
            status=data.get("status", 200),
            response=data["response"],
            seconds=float(data.get("seconds", 0.0)),
        )


class Store(Protocol):
    def get(self, key: str) -> Exchange | None: ...

    def put(self, exchange: Exchange) -> None: ...


def atomic_write(path: Path, text: str) -> None:
    """Write via a temp file in the same folder + rename: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would make outputs private to the writer
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class RecordingDir:
    """A folder of recorded exchanges, one JSON file each, grouped by article."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._index: dict[str, Path] | None = None

    def _load_index(self) -> dict[str, Path]:
        if self._index is None:
            self._index = {}
            if self.root.is_dir():
                for path in self.root.glob("*/*.json"):
                    try:
                        key = json.loads(path.read_text(encoding="utf-8"))["key"]
                    except (OSError, ValueError, KeyError):
                        continue
                    self._index[key] = path
        return self._index

    def get(self, key: str) -> Exchange | None:
        path = self._load_index().get(key)
        if path is None:
            return None
        return Exchange.from_json(json.loads(path.read_text(encoding="utf-8")))

    def put(self, exchange: Exchange) -> None:
        path = self.root / _safe(exchange.article) / f"{exchange.key[:16]}.json"
        try:
            atomic_write(path, json.dumps(exchange.to_json(), indent=1, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise ConfigError(f"cannot write the recording {path} ({exc.strerror}); check --record") from None
        self._load_index()[exchange.key] = path

    def articles(self) -> set[str]:
        return {p.name for p in self.root.iterdir() if p.is_dir()} if self.root.is_dir() else set()


def _safe(name: str) -> str:
    """A folder name that stays inside the recording: no separators, no leading dot ("..")."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in name) or "_"
    return "_" + safe[1:] if safe.startswith(".") else safe


class SqliteCache:
    """The response cache: ``key -> exchange JSON`` in one SQLite file.

    A path that cannot hold the cache (a file where the folder should be, no permission, not a
    SQLite file) is a ``ConfigError`` naming the path and the fix; a row that cannot be read is
    deleted with a warning and counts as a miss; a write that fails (disk full) turns the cache
    off for the rest of the run, with a warning."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._broken = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS exchanges (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except (OSError, sqlite3.Error) as exc:
            raise ConfigError(
                f"cannot use the response cache at {self.path} ({exc.strerror if isinstance(exc, OSError) else exc}); "
                "point SUMMARIZER_CACHE_DIR at a writable folder, or run with --no-cache"
            ) from None

    def get(self, key: str) -> Exchange | None:
        if self._broken:
            return None
        with self._lock:
            row = self._db.execute("SELECT value FROM exchanges WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return Exchange.from_json(json.loads(row[0]))
        except (ValueError, KeyError, TypeError):
            log.warning("the response cache %s held an unreadable entry; it was dropped and the model is asked again", self.path)
            self.delete(key)
            return None

    def put(self, exchange: Exchange) -> None:
        if self._broken:
            return
        value = json.dumps(exchange.to_json(), ensure_ascii=False)
        try:
            with self._lock:
                self._db.execute("INSERT OR REPLACE INTO exchanges (key, value) VALUES (?, ?)", (exchange.key, value))
        except sqlite3.Error as exc:
            self._broken = True
            log.warning("the response cache %s cannot be written (%s): continuing without it", self.path, exc)

    def delete(self, key: str) -> None:
        with contextlib.suppress(sqlite3.Error), self._lock:
            self._db.execute("DELETE FROM exchanges WHERE key = ?", (key,))

    def close(self) -> None:
        with self._lock:
            self._db.close()


class ExchangeTransport(httpx2.AsyncBaseTransport):
    """Answers chat-completion requests from a replay, the cache, or the real endpoint.

    ``replay`` set: only the recording answers; a miss raises ``ReplayMiss`` naming the
    article -- unless ``record`` is set too, when a miss goes to the endpoint and is recorded
    (filling in a recording). Otherwise: cache hit -> answer; else forward, then store 2xx
    answers in the cache and the recording. Usage (tokens, seconds) goes to ``current_usage``.
    """

    def __init__(
        self,
        endpoint_id: str,
        *,
        inner: httpx2.AsyncBaseTransport | None = None,
        replay: RecordingDir | None = None,
        record: RecordingDir | None = None,
        cache: SqliteCache | None = None,
    ):
        self.endpoint_id = endpoint_id
        self.inner = inner
        self.replay = replay
        self.record = record
        self.cache = cache

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if not request.url.path.endswith("/chat/completions"):
            return await self._forward(request)
        stores = self.replay is not None or self.record is not None or self.cache is not None
        body = json.loads(await request.aread()) if stores else {}
        key = exchange_key(self.endpoint_id, body) if stores else ""  # --no-cache: nothing to look up
        article = current_article.get()
        if self.replay is not None:
            hit = self.replay.get(key)
            if hit is not None:
                return self._answer(request, hit, replayed=True)
            if self.record is None or self.inner is None:
                raise ReplayMissError(self._miss_message(article))
            # --replay DIR --record DIR: answer what is recorded, record what is missing
        if self.cache is not None and not bypass_cache.get():
            hit = self.cache.get(key)
            if hit is not None:
                held = _pending.get()
                if held is not None:
                    held.from_cache.append((self.cache, key))
                if self.record is not None:
                    self._keep(hit, [self.record])
                return self._answer(request, hit, replayed=True)
        started = time.perf_counter()
        response = await self._forward(request)
        content = await response.aread()
        seconds = time.perf_counter() - started
        usage = current_usage.get()
        if usage is not None:
            usage.requests += 1
            usage.model_seconds += seconds
        if 200 <= response.status_code < 300:
            try:
                data = json.loads(content)
            except ValueError:
                data = None
            truncated = isinstance(data, dict) and any(
                c.get("finish_reason") == "length" for c in data.get("choices") or [] if isinstance(c, dict)
            )
            if isinstance(data, dict):
                self._count_tokens(data)
            if stores and isinstance(data, dict) and not truncated:  # a cut-off answer is never worth replaying
                exchange = Exchange(key, article, self.endpoint_id, body, response.status_code, data, seconds)
                self._keep(exchange, [store for store in (self.cache, self.record) if store is not None])
        return httpx2.Response(
            response.status_code, headers=response.headers, content=content, request=request
        )

    @staticmethod
    def _keep(exchange: Exchange, stores: list[Store]) -> None:
        """Store now, or hold back until the caller accepts the answer (``pending()``)."""
        held = _pending.get()
        if held is not None:
            held.append((exchange, stores))
            return
        for store in stores:
            store.put(exchange)

    async def _forward(self, request: httpx2.Request) -> httpx2.Response:
        if self.inner is None:
            raise ReplayMissError(f"{current_article.get()}: no endpoint to forward to")
        return await self.inner.handle_async_request(request)

    def _miss_message(self, article: str) -> str:
        assert self.replay is not None
        where = self.replay.root
        if article in self.replay.articles():
            return (
                f"{article}: the recording in {where} has no answer for this exact request -- the prompt, "
                "schema, model or parameters changed since it was recorded. Re-record with --record."
            )
        return f"{article}: not in the recording {where}. Record it first with --record {where}."

    def _answer(self, request: httpx2.Request, hit: Exchange, *, replayed: bool) -> httpx2.Response:
        usage = current_usage.get()
        if usage is not None and replayed:
            usage.replayed += 1
        self._count_tokens(hit.response)
        return httpx2.Response(
            hit.status,
            headers={"content-type": "application/json"},
            content=json.dumps(hit.response).encode("utf-8"),
            request=request,
        )

    @staticmethod
    def _count_tokens(data: dict[str, Any]) -> None:
        usage = current_usage.get()
        u = data.get("usage") or {}
        if usage is not None:
            usage.prompt_tokens += int(u.get("prompt_tokens") or 0)
            usage.completion_tokens += int(u.get("completion_tokens") or 0)

    async def aclose(self) -> None:
        if self.inner is not None:
            await self.inner.aclose()
