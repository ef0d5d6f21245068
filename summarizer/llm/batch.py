"""``--batch``: a run's per-article requests through the OpenAI Batch API, answers back as if live.

The run makes the same requests as without ``--batch`` -- the same bodies, so the same cache
keys and recordings -- but each one that reaches the network inside ``Batcher.scope()`` (one
per article, ``pipeline.extract_all``) is held, not sent. When every article in scope waits
for an answer, the held requests go out as one round: a JSONL file (``custom_id`` = the
exchange's cache key, ``exchanges.exchange_key``) uploaded with ``purpose="batch"``, a batch
on ``/v1/chat/completions`` with the 24 h window, polled (progress through ``say``), then the
output and error files read back. Each waiting request is answered with its line as if the
endpoint had answered it: the exchange transport above caches and records it only once it
validates, exactly as a live answer; a re-ask, or a long article's next part, goes into the
next round. A line that failed, expired or never came back fails its article with the
reason (``BatchLineError``, one article; the rest go on); an endpoint without the Batch API,
a rejected key or an unreachable host stops the run (``BatchEndpointError``). Requests
outside any scope (the cross-article calls, at most two per story) are sent as usual.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import time
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx2
import openai
from openai.types import Batch

from ..errors import EndpointError, ExtractionError
from .exchanges import exchange_key

#: the OpenAI Batch API's limits per input file (50,000 requests, 200 MB), with room to spare
MAX_LINES = 50_000
MAX_BYTES = 190 * 1024 * 1024
#: a batch in one of these is still running
RUNNING = ("validating", "in_progress", "finalizing", "cancelling")

#: the batcher whose scope the current task is in (``Batcher.scope``)
_scope: contextvars.ContextVar[Batcher | None] = contextvars.ContextVar("batch_scope", default=None)


class BatchLineError(ExtractionError, openai.OpenAIError):
    """The Batch API gave no usable answer for one request: its article fails, the rest go on."""


class BatchEndpointError(EndpointError, openai.OpenAIError):
    """The Batch API cannot be used at all (no such API, key rejected, host down): the run stops."""


@dataclass
class Line:
    """One request's outcome in a batch: an HTTP status and body, or why there is none."""

    status: int = 0
    body: dict[str, Any] | None = None
    error: str | None = None

    def response(self, request: httpx2.Request) -> httpx2.Response:
        """The line as the endpoint's own answer; ``BatchLineError`` when it holds none."""
        if self.error is None and 200 <= self.status < 300 and isinstance(self.body, dict):
            return httpx2.Response(self.status, headers={"content-type": "application/json"}, json=self.body, request=request)
        if self.error is not None:
            raise BatchLineError(f"no answer from the Batch API: {self.error}")
        message = (self.body or {}).get("error", {}) if isinstance(self.body, dict) else {}
        text = message.get("message") if isinstance(message, dict) else None
        raise BatchLineError(f"the Batch API answered this request with HTTP {self.status}: {text or json.dumps(self.body)[:200]}")


def parse_lines(text: str) -> dict[str, Line]:
    """An output or error file of the Batch API -> ``custom_id`` -> its ``Line``."""
    found: dict[str, Line] = {}
    for raw in text.splitlines():
        if not raw.strip():
            continue
        try:
            item = json.loads(raw)
            custom_id = str(item["custom_id"])
        except (ValueError, KeyError, TypeError):
            continue  # a line that names no request cannot be matched to one
        response, error = item.get("response"), item.get("error")
        if isinstance(error, dict):
            found[custom_id] = Line(error=f"{error.get('code') or 'error'}: {error.get('message') or 'no message'}")
        elif isinstance(response, dict):
            found[custom_id] = Line(int(response.get("status_code") or 0), response.get("body"))
        else:
            found[custom_id] = Line(error="a line with neither a response nor an error")
    return found


def chunks(requests: dict[str, dict[str, Any]]) -> list[list[str]]:
    """The round's requests as JSONL lines, cut into files within the Batch API's limits."""
    files: list[list[str]] = [[]]
    size = 0
    for key, body in requests.items():
        line = json.dumps({"custom_id": key, "method": "POST", "url": "/v1/chat/completions", "body": body}, ensure_ascii=False)
        if files[-1] and (len(files[-1]) >= MAX_LINES or size + len(line) + 1 > MAX_BYTES):
            files.append([])
            size = 0
        files[-1].append(line)
        size += len(line.encode("utf-8")) + 1
    return [f for f in files if f]


@dataclass
class _Wanted:
    body: dict[str, Any]
    future: asyncio.Future[Line] = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class Batcher:
    """Holds the requests made inside ``scope()`` and answers them a round at a time.

    ``client`` (an ``openai.AsyncOpenAI`` on the same endpoint and key) is set by ``LLM`` once it
    exists; ``say(message, warning=False)`` hears of each round and its progress."""

    def __init__(self, endpoint_id: str, *, interval: float = 10.0, timeout: float = 90_000.0):
        self.endpoint_id = endpoint_id
        self.interval = interval
        self.timeout = timeout
        self.client: openai.AsyncOpenAI | None = None
        self.say: Callable[..., None] = lambda *a, **k: None
        self.rounds = 0
        self._active = 0  # tasks in scope that are not waiting for an answer
        self._waiting: dict[str, _Wanted] = {}
        self._round: asyncio.Task[None] | None = None
        self._settling: asyncio.Task[None] | None = None

    @contextlib.asynccontextmanager
    async def scope(self) -> AsyncIterator[None]:
        """One article's requests: held for the batch until every task in scope waits."""
        token = _scope.set(self)
        self._active += 1
        try:
            yield
        finally:
            self._active -= 1
            _scope.reset(token)
            self._maybe_submit()

    def transport(self, inner: httpx2.AsyncBaseTransport) -> httpx2.AsyncBaseTransport:
        """``inner`` with the chat requests made in scope answered from the batch."""
        return _BatchTransport(self, inner)

    def in_scope(self) -> bool:
        return _scope.get() is self

    async def answer(self, body: dict[str, Any]) -> Line:
        """Wait for the line of ``body`` (one request per key: the same request twice waits once)."""
        key = exchange_key(self.endpoint_id, body)
        wanted = self._waiting.get(key)
        if wanted is None:
            wanted = self._waiting[key] = _Wanted(body)
        self._active -= 1
        self._maybe_submit()
        try:
            return await asyncio.shield(wanted.future)
        finally:
            self._active += 1

    def _maybe_submit(self) -> None:
        """Start a round once no task in scope is running -- after the tasks already scheduled
        (articles not yet started) had their turn, so the round holds every article's request."""
        if self._active == 0 and self._waiting and self._round is None and self._settling is None:
            self._settling = asyncio.get_running_loop().create_task(self._settle())

    async def _settle(self) -> None:
        for _ in range(3):
            await asyncio.sleep(0)
        self._settling = None
        if self._active == 0 and self._waiting and self._round is None:
            held, self._waiting = self._waiting, {}
            self._round = asyncio.get_running_loop().create_task(self._run_round(held))

    async def _run_round(self, held: dict[str, _Wanted]) -> None:
        self.rounds += 1
        try:
            files = chunks({key: w.body for key, w in held.items()})
            self.say(f"batch round {self.rounds}: {len(held)} requests in {len(files)} file(s)")
            found: dict[str, Line] = {}
            for part in await asyncio.gather(*(self._one_batch(f, i) for i, f in enumerate(files, 1))):
                found.update(part)
        except BaseException as exc:  # every waiter hears of it: none waits for ever
            for w in held.values():
                if isinstance(exc, asyncio.CancelledError):
                    w.future.cancel()
                elif not w.future.done():
                    reason = str(exc) if isinstance(exc, BatchEndpointError) else f"the batch round failed ({type(exc).__name__}: {exc})"
                    w.future.set_exception(BatchEndpointError(reason))
            if not isinstance(exc, Exception):
                raise
            return
        finally:
            self._round = None
        for key, w in held.items():
            if not w.future.done():
                w.future.set_result(found.get(key) or Line(error="the batch returned no line for this request"))
        self._maybe_submit()  # requests that arrived meanwhile

    async def _one_batch(self, lines: list[str], index: int) -> dict[str, Line]:
        """Upload one JSONL file, create its batch, wait for it, read its answers back."""
        assert self.client is not None, "LLM sets the client"
        client = self.client
        data = ("\n".join(lines) + "\n").encode("utf-8")
        with _endpoint_errors("upload the requests (/v1/files)"):
            upload = await client.files.create(file=(f"summarizer-{self.rounds}-{index}.jsonl", data, "application/jsonl"), purpose="batch")
        with _endpoint_errors("create the batch (/v1/batches)"):
            job = await client.batches.create(
                input_file_id=upload.id, endpoint="/v1/chat/completions", completion_window="24h",
                metadata={"created_by": "summarizer"},
            )  # fmt: skip
        try:
            job, why = await self._wait(job, len(lines))
        except asyncio.CancelledError:  # interrupted: do not leave the batch running (best effort)
            with contextlib.suppress(Exception):
                await asyncio.wait_for(client.batches.cancel(job.id), 10)
            raise
        found: dict[str, Line] = {}
        for file_id in (job.output_file_id, job.error_file_id):
            if file_id:
                with _endpoint_errors(f"read the batch's results (/v1/files/{file_id}/content)"):
                    found.update(parse_lines((await client.files.content(file_id)).text))
        keys = [json.loads(line)["custom_id"] for line in lines]
        return {k: found.get(k) or Line(error=why or _why_missing(job)) for k in keys}

    async def _wait(self, job: Batch, total: int) -> tuple[Batch, str | None]:
        """Poll until the batch ends (or ``timeout``: then it is cancelled); progress on each change."""
        assert self.client is not None
        started = time.monotonic()
        shown: tuple[object, ...] = ()
        why = None
        while job.status in RUNNING:
            counts = job.request_counts
            state = (job.status, counts.completed if counts else 0, counts.failed if counts else 0)
            if state != shown:
                shown = state
                self.say(f"batch {job.id}: {state[0]}, {state[1]}/{total} done, {state[2]} failed ({time.monotonic() - started:.0f}s)")
            if time.monotonic() - started > self.timeout and why is None:
                why = f"the batch {job.id} did not finish within {self.timeout:g}s (SUMMARIZER_BATCH_TIMEOUT); it was cancelled"
                with contextlib.suppress(openai.OpenAIError):
                    job = await self.client.batches.cancel(job.id)
                break
            await asyncio.sleep(self.interval)
            with _endpoint_errors(f"follow the batch {job.id} (/v1/batches)"):
                job = await self.client.batches.retrieve(job.id)
        counts = job.request_counts
        done = f", {counts.completed}/{counts.total} done, {counts.failed} failed" if counts else ""
        self.say(f"batch {job.id}: {job.status}{done} ({time.monotonic() - started:.0f}s)", warning=job.status != "completed")
        return job, why

    async def aclose(self) -> None:
        for task in (self._settling, self._round):
            if task is not None and not task.done():
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task


def _why_missing(job: Batch) -> str:
    """Why a request of ``job`` has no line, from the batch's final state."""
    if job.status == "failed":
        errors = [e.message or e.code or "?" for e in (job.errors.data or [])] if job.errors else []
        return f"the batch {job.id} failed" + (f": {'; '.join(errors[:3])}" if errors else "")
    if job.status == "expired":
        return f"the batch {job.id} expired (24h window) before this request was answered"
    if job.status in ("cancelled", "cancelling"):
        return f"the batch {job.id} was cancelled before this request was answered"
    return f"the batch {job.id} ({job.status}) returned no line for this request"


@contextlib.contextmanager
def _endpoint_errors(doing: str) -> Iterator[None]:
    """An SDK error while driving the batch -> one ``BatchEndpointError`` naming the step and the fix."""
    try:
        yield
    except openai.AuthenticationError:
        raise BatchEndpointError(f"the endpoint rejected the API key (401) trying to {doing}; set SUMMARIZER_API_KEY or --api-key") from None
    except openai.NotFoundError:
        raise BatchEndpointError(
            f"the endpoint has no Batch API (404 trying to {doing}); run without --batch "
            "(a vLLM, llama.cpp or Ollama server takes the same load live: --base-url and -j)"
        ) from None
    except openai.APIStatusError as exc:
        body = (exc.response.text or "")[:200].replace("\n", " ")
        raise BatchEndpointError(f"the endpoint answered HTTP {exc.status_code} trying to {doing}: {body}") from None
    except openai.APIConnectionError as exc:
        raise BatchEndpointError(f"cannot reach the endpoint trying to {doing} ({exc.__cause__ or exc})") from None


class _BatchTransport(httpx2.AsyncBaseTransport):
    """Chat requests made in the batcher's scope wait for their batch line; the rest pass on."""

    def __init__(self, batcher: Batcher, inner: httpx2.AsyncBaseTransport):
        self.batcher = batcher
        self.inner = inner

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        if not (self.batcher.in_scope() and request.url.path.endswith("/chat/completions")):
            return await self.inner.handle_async_request(request)
        line = await self.batcher.answer(json.loads(await request.aread()))
        return line.response(request)

    async def aclose(self) -> None:
        await self.inner.aclose()
