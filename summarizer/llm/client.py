"""The model client: instructor over the openai SDK, for any OpenAI-compatible endpoint.

One retry layer per failure class:

* the openai SDK retries connection errors, 408/409/429 (honouring Retry-After) and 5xx
  (``Settings.max_retries``);
* instructor re-asks on validation errors -- including the grounding rules carried by the
  ``ArticleExtraction`` validator (``Settings.reasks``);
* nothing else loops. llama.cpp answers a grammar-constrained generation that ran out of
  ``max_tokens`` with HTTP 500 "...does not match the expected ... format"; at temperature 0
  a retry would only repeat it, so the transport marks it ``x-should-retry: false`` and it is
  reported as truncated output.

``LLM`` is an async context manager: it starts the embedded server when no endpoint is
configured (and not replaying), and stops it on exit.
"""

from __future__ import annotations

import contextlib
import functools
import json
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import httpx2
import instructor
import openai
from instructor.core.exceptions import (
    IncompleteOutputException,
    InstructorRetryException,
)
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, ValidationError

from ..errors import ConfigError, EndpointError, ExtractionError, ReplayMiss
from ..schemas import ModelInfo, Usage, checking
from .batch import Batcher
from .context import MESSAGE_TOKENS, UNKNOWN, Window, count, estimate, probe, schema_text
from .exchanges import (
    ExchangeTransport,
    RecordingDir,
    SqliteCache,
    bypass_cache,
    current_article,
    current_usage,
    log,
    pending,
)
from .local import EmbeddedServer, default_identity, gguf_identity, packaged_gguf
from .settings import NO_KEY, Settings, api_key_for, endpoint_id, redact_url

_MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}


@functools.cache
def _prepared(model: type[BaseModel]) -> Any:
    """``model`` as instructor's response class, built once, with its JSON Schema built once.

    Given a plain pydantic model, instructor builds a new wrapper class on every call and pydantic
    then regenerates its JSON Schema: the client's largest CPU cost per request at high
    concurrency (bench: throughput). A class that already is instructor's ``ResponseSchema`` is
    used as it is; the schema is served as a fresh copy (callers may edit what they get), so the
    request body is byte for byte the same. Validation is unchanged.
    """
    wrapped: Any = instructor.openai_schema(model)  # its model_json_schema is replaced below
    frozen = json.dumps(wrapped.model_json_schema())

    def model_json_schema(cls: type, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return model.model_json_schema(*args, **kwargs) if args or kwargs else json.loads(frozen)

    wrapped.model_json_schema = classmethod(model_json_schema)
    return wrapped


def _chat_completions(oai: openai.AsyncOpenAI) -> Any:
    """``chat.completions.create`` as the SDK's documented raw ``post``: the body goes as given.

    ``create`` first walks every argument through the SDK's TypedDict transform (aliases,
    dates, files); our bodies -- messages, model, a JSON Schema, temperature, max_tokens --
    hold none of those, yet the walk was ~15 % of the client's CPU per request (cProfile), and
    skipping it gained 2-3 points of throughput at concurrency 16 against the 200 ms stub
    (bench: throughput; A/B medians 79.0/79.4 % -> 81.0/81.7 %). ``post`` keeps everything else of the SDK:
    base URL and auth, retries with backoff on connection errors, 408/409/429 and 5xx, and
    the same typed errors and ``ChatCompletion`` result. The request is unchanged: every
    recording made through ``create`` still replays (``test_replay_of_the_seeds_needs_no_model``).
    """

    async def create(**body: Any) -> ChatCompletion:
        return await oai.post("/chat/completions", body=body, cast_to=ChatCompletion)

    return create


class _TruncationAware(httpx2.AsyncBaseTransport):
    """Marks llama.cpp's "output does not match the expected format" 500 as not retryable."""

    def __init__(self, inner: httpx2.AsyncBaseTransport):
        self.inner = inner

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await self.inner.handle_async_request(request)
        if response.status_code == 500:
            content = await response.aread()
            if b"does not match the expected" in content:
                headers = dict(response.headers)
                headers["x-should-retry"] = "false"
                return httpx2.Response(500, headers=headers, content=content, request=request)
            return httpx2.Response(500, headers=response.headers, content=content, request=request)
        return response

    async def aclose(self) -> None:
        await self.inner.aclose()


def _split_query(base_url: str | None) -> tuple[str | None, dict[str, str]]:
    """``http://h/v1?api-version=1`` -> (``http://h/v1``, {"api-version": "1"})."""
    if not base_url or "?" not in base_url:
        return base_url, {}
    parts = urlsplit(base_url)
    return urlunsplit(parts._replace(query="", fragment="")).rstrip("/"), dict(parse_qsl(parts.query, keep_blank_values=True))


class LLM:
    """An endpoint plus everything around it: recordings, cache, embedded server."""

    def __init__(
        self,
        settings: Settings,
        *,
        replay: Path | None = None,
        record: Path | None = None,
    ):
        self.settings = settings
        if replay is not None and not Path(replay).is_dir():
            raise ConfigError(f"{replay}: no recording folder here (replay)")
        self.replay = RecordingDir(replay) if replay else None
        self.record = RecordingDir(record) if record else None
        self._stack = contextlib.AsyncExitStack()
        self._client: Any = None
        # a query in the base URL ("/v1?api-version=1", Azure-style) is sent as a query on every
        # call, not glued in front of the path ("/v1?api-version=1/chat/completions")
        self.base_url, self.query = _split_query(settings.base_url)
        self.server: EmbeddedServer | None = None
        self.cache: SqliteCache | None = None
        self.window: Window = UNKNOWN
        self._key: str | None = None
        self.batch: Batcher | None = None  # --batch: the per-article requests go through the Batch API

    @property
    def model_info(self) -> ModelInfo:
        base = redact_url(self.settings.base_url) if self.settings.base_url else "embedded"
        return ModelInfo(model=self.settings.model or "?", base_url=base, mode=self.settings.mode or "?")

    async def __aenter__(self) -> LLM:
        s = self.settings
        key = api_key_for(s)
        identity = None
        replay_only = self.replay is not None and self.record is None
        if s.embedded:
            if replay_only:
                identity = gguf_identity(Path(s.gguf)) if s.gguf else default_identity()
                self.base_url = "http://embedded.invalid/v1"  # never contacted while replaying
            else:
                gguf = Path(s.gguf) if s.gguf else packaged_gguf()
                identity = gguf_identity(gguf)
                key = secrets.token_urlsafe(16)  # only this process may use the local server
                self.server = EmbeddedServer(gguf, alias=s.model, api_key=key, n_ctx=s.context_tokens)
                self.base_url = self._stack.enter_context(self.server)
                self.window = Window(self.server.n_ctx, f"embedded: {self.server.context_reason}", "llama.cpp")
        if replay_only:
            self.window = Window(s.context_tokens, "setting (--context-tokens)") if s.context_tokens else Window(
                None, "replay: nothing is sent"
            )
        elif not s.embedded and not s.is_openai:
            found = await probe(self.base_url or "", None if key == NO_KEY else key, s.model)
            self.window = Window(s.context_tokens, "setting (--context-tokens)", found.tokenizer) if s.context_tokens else found
        elif s.is_openai and s.context_tokens:
            self.window = Window(s.context_tokens, "setting (--context-tokens)")
        self._key = None if key == NO_KEY else key
        if not s.no_cache and not replay_only:
            self.cache = SqliteCache(Path(s.cache_dir or ".") / "responses.sqlite")
            self._stack.callback(self.cache.close)
        transport = ExchangeTransport(
            endpoint_id(s, identity),
            inner=None if replay_only else self._inner(endpoint_id(s, identity)),
            replay=self.replay,
            record=self.record,
            cache=self.cache,
        )
        http = httpx2.AsyncClient(transport=transport, timeout=httpx2.Timeout(s.timeout, connect=10.0))
        self._stack.push_async_callback(http.aclose)
        oai = openai.AsyncOpenAI(
            api_key=key, base_url=self.base_url, http_client=http, max_retries=s.max_retries, default_query=self.query or None
        )
        mode = _MODES[s.mode or "json_schema"]
        create = instructor.patch(create=_chat_completions(oai), mode=mode)
        self._client = instructor.AsyncInstructor(client=oai, create=create, mode=mode)
        if self.batch is not None:
            self.batch.client = oai  # the same endpoint and key (never OPENAI_API_KEY elsewhere)
            self._stack.push_async_callback(self.batch.aclose)  # before the HTTP client closes
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._stack.aclose()

    async def request_tokens(self, system: str, user: str, response_model: type[BaseModel]) -> tuple[int, bool]:
        """The request's prompt tokens, and whether it fits the window with ``max_tokens`` for
        the answer. The estimate first (``context.estimate``, high); the endpoint's tokenizer
        only for a request the estimate does not clear. An unknown window: (estimate, True)."""
        s = self.settings
        in_prompt = (s.mode or "json_schema") != "json_schema"  # json_schema: a grammar, not prompt text
        schema = schema_text(_prepared(response_model).model_json_schema()) if in_prompt else ""
        est = estimate(system) + estimate(user) + estimate(schema) + 2 * MESSAGE_TOKENS
        room = None if self.window.tokens is None else self.window.tokens - s.max_tokens
        if room is None or est <= room:
            return est, True
        exact = sum(
            [await count(self.base_url or "", self._key, self.window, s.model, t) for t in (system, user, schema) if t]
        ) + 2 * MESSAGE_TOKENS
        return exact, exact <= room

    def _inner(self, endpoint: str) -> httpx2.AsyncBaseTransport:
        """The transport to the endpoint; with ``--batch``, through the batcher (``llm.batch``)."""
        inner: httpx2.AsyncBaseTransport = _TruncationAware(httpx2.AsyncHTTPTransport())
        if not self.settings.batch:
            return inner
        self.batch = Batcher(endpoint, interval=self.settings.batch_interval, timeout=self.settings.batch_timeout)
        return self.batch.transport(inner)

    def batched(self) -> contextlib.AbstractAsyncContextManager[None]:
        """Around one article's requests: with ``--batch`` they wait for a Batch API round."""
        return self.batch.scope() if self.batch is not None else contextlib.nullcontext()

    async def text_tokens(self, text: str) -> int:
        """Tokens of ``text`` by the endpoint's tokenizer, else the estimate."""
        return await count(self.base_url or "", self._key, self.window, self.settings.model, text)

    async def _create(self, response_model: type[BaseModel], system: str, user: str, *, label: str, check: Any) -> Any:
        """One validated answer. Its exchanges reach the cache and the recording only once it
        validated; an answer from the cache that no longer validates is dropped and asked again
        (once), with a warning."""
        with pending() as held:
            try:
                result = await self._ask(response_model, system, user, label=label, check=check)
            except ExtractionError:
                if not held.from_cache:
                    raise
                for store, key in held.from_cache:
                    store.delete(key)
                log.warning("%s: the cached answer no longer passes validation; it was dropped and the model is asked again", label)
                held.clear()
                token = bypass_cache.set(True)
                try:
                    result = await self._ask(response_model, system, user, label=label, check=check)
                finally:
                    bypass_cache.reset(token)
            held.commit()
            return result

    async def _ask(self, response_model: type[BaseModel], system: str, user: str, *, label: str, check: Any) -> Any:
        s = self.settings
        assert s.reasks is not None  # settings.resolve() sets it
        try:
            # No context= for instructor: with one it would render the messages (article text
            # included) through Jinja. The validators find the check through checking().
            with checking(check):
                return await self._client.chat.completions.create(
                    model=s.model,
                    response_model=_prepared(response_model),
                    messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                    max_retries=s.reasks + 1,
                    temperature=s.temperature,
                    max_tokens=s.max_tokens,
                )
        except InstructorRetryException as exc:
            cause = exc.__cause__ or exc
            if isinstance(cause, Exception) and not isinstance(cause, InstructorRetryException):
                raise _classify(cause, label, self) from cause
            raise ExtractionError(f"{label}: model output failed validation after {exc.n_attempts} attempts: {exc}") from exc
        except IncompleteOutputException as exc:
            raise ExtractionError(f"{label}: output truncated at max_tokens={s.max_tokens}") from exc
        except (openai.OpenAIError, httpx2.HTTPError, ValidationError, ValueError) as exc:
            raise _classify(exc, label, self) from exc

    async def ask(
        self, response_model: type[BaseModel], system: str, user: str, *, label: str, record_as: str, check: Any = None
    ) -> tuple[Any, Usage]:
        """One constrained call: messages + response model -> parsed object + usage.

        ``record_as``: the folder its exchanges are recorded under (the article id, ``_briefing``,
        ``_merge``); ``check``: a callable the response model's validator runs (a re-ask when it
        returns a message; see ``schemas.checking``)."""
        usage = Usage()
        t1 = current_article.set(record_as)
        t2 = current_usage.set(usage)
        try:
            result = await self._create(response_model, system, user, label=label, check=check)
        finally:
            current_article.reset(t1)
            current_usage.reset(t2)
        return result, usage


def _classify(exc: Exception, label: str, llm: LLM) -> Exception:
    """Turn an SDK/transport error into one clear line naming the endpoint and the fix."""
    where = redact_url(llm.base_url or "") if not llm.settings.embedded else "the embedded model"
    if isinstance(exc, (ValidationError, json.JSONDecodeError)):
        first = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc).__name__
        return ExtractionError(f"{label}: the model's answer is not JSON that fits the request schema ({first})")
    if isinstance(exc, ReplayMiss):
        return ReplayMiss(str(exc))
    if isinstance(exc, openai.APIConnectionError) and not isinstance(exc, openai.APITimeoutError):
        return EndpointError(f"cannot reach {where} ({exc.__cause__ or exc}); check --base-url / SUMMARIZER_BASE_URL")
    if isinstance(exc, openai.APITimeoutError):
        return ExtractionError(f"{label}: {where} did not answer within {llm.settings.timeout:g}s (--timeout)")
    if isinstance(exc, openai.AuthenticationError):
        return EndpointError(f"{where} rejected the API key (401); set SUMMARIZER_API_KEY or --api-key")
    if isinstance(exc, openai.NotFoundError):
        return EndpointError(f"{where}: model {llm.settings.model!r} not found (404); check --model")
    if isinstance(exc, openai.APIStatusError):
        body = (exc.response.text or "")[:200].replace("\n", " ")
        if exc.status_code == 500 and "does not match the expected" in body:
            return ExtractionError(f"{label}: output truncated (grammar-constrained output hit max_tokens)")
        return ExtractionError(f"{label}: {where} answered HTTP {exc.status_code}: {body}")
    if isinstance(exc, EndpointError):  # the Batch API cannot be used (llm.batch)
        return EndpointError(str(exc))
    if isinstance(exc, ExtractionError):  # one request's batch line failed (llm.batch)
        return ExtractionError(f"{label}: {exc}")
    if isinstance(exc, ConfigError):
        return exc
    return ExtractionError(f"{label}: {type(exc).__name__}: {exc}")
