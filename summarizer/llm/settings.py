"""Endpoint settings: option > environment > config file > default, resolved in one place,
and API-key handling.

``Settings.from_sources(options)`` is the one way in, for the command line (its flags) and
the library (its keyword options) alike: the options are checked by name and type, then
``resolve`` fills what is still unset from the environment (``ENVIRONMENT``: the variables per
setting, which the command line's --help shows too), the config file (``$SUMMARIZER_CONFIG``
or ``<user config dir>/summarizer/config.toml``) and the defaults.

Keys: ``--api-key`` / ``SUMMARIZER_API_KEY`` go to whatever endpoint you configured.
``OPENAI_API_KEY`` is only ever sent to ``api.openai.com`` -- never to a custom base URL.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from platformdirs import user_cache_dir, user_config_dir

from ..errors import ConfigError, OptionError
from .local import usable_cores

OPENAI_BASE_URL = "https://api.openai.com/v1"
EMBEDDED_MODEL = "qwen2.5-coder-1.5b-instruct-q4_k_m"
MODES = ("tools", "json_schema", "json", "md_json")
DEFENCES = ("on", "output", "off")
NO_KEY = "no-key-required"  # sent to endpoints that need none (the SDK insists on a string)

#: the environment variables a setting is read from when no option gives it (the first one set
#: wins); the command line's options name the same ones
ENVIRONMENT: dict[str, tuple[str, ...]] = {
    "model": ("SUMMARIZER_MODEL",),
    "base_url": ("SUMMARIZER_BASE_URL", "OPENAI_BASE_URL"),
    "api_key": ("SUMMARIZER_API_KEY",),
    "mode": ("SUMMARIZER_MODE",),
    "gguf": ("SUMMARIZER_GGUF",),
    "timeout": ("SUMMARIZER_TIMEOUT",),
    "context_tokens": ("SUMMARIZER_CONTEXT_TOKENS",),
    "chunk_chars": ("SUMMARIZER_CHUNK_CHARS",),
    "max_entries": ("SUMMARIZER_MAX_ENTRIES",),
    "url_timeout": ("SUMMARIZER_URL_TIMEOUT",),
    "defence": ("SUMMARIZER_DEFENCE",),
    "ner": ("SUMMARIZER_NER",),
    "cache_dir": ("SUMMARIZER_CACHE_DIR",),
    "threads": ("SUMMARIZER_THREADS",),
    "batch_interval": ("SUMMARIZER_BATCH_INTERVAL",),
    "batch_timeout": ("SUMMARIZER_BATCH_TIMEOUT",),
}
_FLOATS = {"timeout", "url_timeout", "batch_interval", "batch_timeout"}
_INTEGERS = {"context_tokens", "chunk_chars", "max_entries", "threads"}
_BOOLEANS = {"ner"}


def _from_env(name: str, env: Mapping[str, str]) -> object | None:
    """Setting ``name`` as the environment gives it, of the field's type; None when unset."""
    variables = ENVIRONMENT[name]
    value = next((env[v] for v in variables if env.get(v)), None)
    if value is None:
        return None
    if name in _BOOLEANS:
        return value.strip().lower() in ("1", "true", "yes", "on")
    try:
        return float(value) if name in _FLOATS else int(value) if name in _INTEGERS else value
    except ValueError:
        raise ConfigError(f"{variables[0]}={value!r} is not a number") from None


@dataclass(frozen=True)
class Settings:
    """Everything that decides which endpoint is asked and how."""

    model: str | None = None
    base_url: str | None = None  # None -> the embedded local model
    api_key: str | None = None
    mode: str | None = None  # None -> chosen per endpoint
    gguf: str | None = None  # the embedded runtime's model file (default: the packaged model)
    timeout: float | None = None
    max_retries: int = 2  # SDK retries: connection errors, 408/409/429/5xx
    reasks: int | None = None  # instructor re-asks for grounding problems; None -> per endpoint
    synthesis: bool | None = None  # model-written briefing headline/overview; None -> per endpoint
    adjudicate: bool | None = None  # one batched model call for claim pairs code cannot settle; None -> per endpoint
    max_tokens: int = 1200
    context_tokens: int | None = None  # the model's context window; None -> read from the endpoint / chosen (embedded)
    chunk_chars: int | None = None  # longest part of an article per request; None -> chunking.CHUNK_CHARS
    temperature: float = 0.0
    concurrency: int | None = None
    #: the embedded server's threads (llama.cpp's n_threads, for generation and prompt
    #: processing); None -> $SUMMARIZER_THREADS, the config, the cores this process may use
    threads: int | None = None
    cache_dir: str | None = None
    no_cache: bool = False
    #: text addressed to software (``summarizer.reading.addressed``): "on" -- set apart from the model's
    #: view and the evidence, control tokens neutralised, every model-written field checked
    #: against the article without it; "output" -- the same checks, the request as with "off";
    #: "off" -- none of it (for measuring). None -> $SUMMARIZER_DEFENCE, the config, "on".
    defence: str | None = None
    #: entity types: the rules of ``summarizer.reading.entities`` (default), or with spaCy's entity
    #: recogniser (en_core_web_sm, installed with the parser) as one more vote per mention.
    #: None -> $SUMMARIZER_NER ("1"), the config, off.
    ner: bool | None = None
    #: fetching URLs and feeds (``web.fetch``): seconds per URL, its own limit (not the model's
    #: ``timeout``: 900 s on the embedded runtime); entries read per feed; redirects and feed
    #: links to private and local addresses the input did not name refused unless allowed
    url_timeout: float = 20.0
    max_entries: int | None = None
    allow_private: bool = False
    #: the per-article requests through the OpenAI Batch API (``llm.batch``): polled every
    #: ``batch_interval`` seconds, cancelled after ``batch_timeout`` (the API's own window is 24 h)
    batch: bool = False
    batch_interval: float = 10.0
    batch_timeout: float = 90_000.0

    @classmethod
    def from_sources(
        cls, options: Mapping[str, Any], env: Mapping[str, str] | None = None, config: dict[str, object] | None = None
    ) -> Settings:
        """Options (field names; None = not given) -> resolved settings: option > environment
        (``env``, default ``os.environ``) > config file (``config``, default the file) > default.
        An unknown option or a value of the wrong type is an ``OptionError`` (a ``ConfigError``,
        and a ``TypeError`` for callers that catch those)."""
        from pydantic import TypeAdapter, ValidationError

        known = {f.name for f in fields(cls)}
        unknown = sorted(set(options) - known)
        if unknown:
            raise OptionError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        given = {k: v for k, v in options.items() if v is not None}
        try:  # the dataclass's own field types, checked (timeout="abc", concurrency=[2])
            TypeAdapter(cls).validate_python(given, strict=False)
        except ValidationError as exc:
            bad = "; ".join(f"{'.'.join(map(str, e['loc']))}={e.get('input')!r}: {e['msg']}" for e in exc.errors())
            raise OptionError(f"bad option value(s): {bad}") from None
        return resolve(cls(**given), config, env, given=frozenset(given))

    @property
    def embedded(self) -> bool:
        return self.base_url is None

    @property
    def is_openai(self) -> bool:
        """api.openai.com over https on its standard port: the only place OPENAI_API_KEY goes."""
        if self.base_url is None:
            return False
        u = urlparse(self.base_url)
        return u.scheme == "https" and u.hostname == "api.openai.com" and u.port in (None, 443) and not u.username


def _check_base_url(url: str) -> None:
    """A base URL the client can use: http(s), a host, a port in range -- else a
    ``ConfigError`` naming it (without its credentials)."""
    try:
        parts = urlparse(url)
        parts.port  # noqa: B018  -- raises on "99999" or "abc"
    except ValueError as exc:
        raise ConfigError(f"base URL {redact_url(url)!r} is not a usable URL ({exc})") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"base URL {redact_url(url)!r} is not a usable URL (it needs http:// or https:// and a host)")


def config_path() -> Path:
    return Path(os.environ.get("SUMMARIZER_CONFIG") or Path(user_config_dir("summarizer")) / "config.toml")


def load_config(path: Path | None = None) -> dict[str, object]:
    path = path or config_path()
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config file ({exc})") from None
    known = {f.name for f in fields(Settings)}
    unknown = set(data) - known
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}")
    return data


def resolve(
    flags: Settings, config: dict[str, object] | None = None, env: Mapping[str, str] | None = None,
    *, given: AbstractSet[str] = frozenset(),
) -> Settings:
    """Fill the fields ``flags`` leaves unset (None, or the default) from the environment
    (``ENVIRONMENT``), then the config file, then the defaults; check what cannot work.
    ``given``: fields an option set, whatever their value (an option equal to the default
    still beats the environment)."""
    env = os.environ if env is None else env
    config = load_config() if config is None else config
    merged = {f.name: getattr(flags, f.name) for f in fields(Settings)}
    defaults = Settings()
    for name in ENVIRONMENT:
        if name not in given and (merged[name] is None or merged[name] == getattr(defaults, name)):
            value = _from_env(name, env)
            if value is not None:
                merged[name] = value
    for name, value in config.items():
        if merged[name] is None or merged[name] == getattr(defaults, name):
            merged[name] = value
    s = Settings(**merged)
    if s.base_url:
        base_url = s.base_url.rstrip("/")
        s = replace(s, base_url=base_url)
        _check_base_url(base_url)
    if s.defence is None:
        s = replace(s, defence="on")
    if s.defence not in DEFENCES:
        raise ConfigError(f"unknown defence {s.defence!r}; choose one of {', '.join(DEFENCES)} (SUMMARIZER_DEFENCE)")
    if s.mode is not None and s.mode not in MODES:
        raise ConfigError(f"unknown mode {s.mode!r}; choose one of {', '.join(MODES)}")
    if s.model is None:
        if s.embedded:
            s = replace(s, model=EMBEDDED_MODEL)
        elif s.is_openai:
            s = replace(s, model="gpt-4o-mini")
        else:
            raise ConfigError(f"--model is required with --base-url {s.base_url} (or set SUMMARIZER_MODEL)")
    if s.mode is None:
        # OpenAI: tools (function calling) is instructor's best-tested path there.
        # llama.cpp / vLLM / Ollama / LM Studio: response_format json_schema is grammar-constrained.
        s = replace(s, mode="tools" if s.is_openai else "json_schema")
    if s.timeout is None:
        s = replace(s, timeout=900.0 if s.embedded else 120.0)
    if s.context_tokens is not None and s.context_tokens < s.max_tokens + 256:
        raise ConfigError(
            f"a context of {s.context_tokens} tokens leaves no room for an article after the answer's "
            f"{s.max_tokens} tokens (--context-tokens / SUMMARIZER_CONTEXT_TOKENS)"
        )
    if s.chunk_chars is not None and s.chunk_chars < 1000:
        raise ConfigError(f"chunk_chars must be 1000 or more, not {s.chunk_chars} (--chunk-chars / SUMMARIZER_CHUNK_CHARS)")
    assert s.timeout is not None  # set above when unset
    if not s.timeout > 0:
        raise ConfigError(f"timeout must be more than 0 seconds, not {s.timeout:g} (--timeout / SUMMARIZER_TIMEOUT)")
    if s.reasks is None:
        # A re-ask resends the whole conversation and regenerates the whole answer. The embedded
        # 1.5B model fixed nothing that way on the seeds (first answers: 11 direct quotes, 6
        # verified speakers; re-asked: 9 and 4 in one recording, the same 11 and 6 in another)
        # at twice the tokens, so it gets none; strong endpoints repair what they are told.
        s = replace(s, reasks=0 if s.embedded else 1)
    if s.synthesis is None:
        # The headline/overview must restate the merged facts (``summarizer.merge.synthesis``). The
        # embedded 1.5B model's never did on the seeds: 0 of 14 answers (13 briefings of the
        # seeds and their subsets, one re-ask) passed, each 9-23 s of a ~4 min run, so it is
        # not asked; the briefing opens with the sources' own statements either way.
        s = replace(s, synthesis=not s.embedded)
    if s.adjudicate is None:
        # The batched pair adjudication (one call per briefing, same/conflict/unrelated per pair):
        # the embedded 1.5B model gave one answer to every pair of a batch ("same" x18 on the
        # seeds; 9 prompt wordings tried, see README "Quality"), which code then has to undo, so
        # it is not asked; endpoints, which can read two sentences side by side, are.
        s = replace(s, adjudicate=not s.embedded)
    if s.concurrency is None:
        s = replace(s, concurrency=1 if s.embedded else 4)
    s = replace(s, threads=_threads(s))
    if s.cache_dir is None:
        s = replace(s, cache_dir=user_cache_dir("summarizer"))
    return _batch_checked(s)


def _batch_checked(s: Settings) -> Settings:
    """``--batch`` needs an endpoint with the Batch API; its poll interval and timeout are positive."""
    if s.batch and s.embedded:
        raise ConfigError("--batch needs an endpoint with the OpenAI Batch API (--base-url); the embedded model has none")
    if not (s.batch_interval > 0 and s.batch_timeout > 0):
        raise ConfigError("SUMMARIZER_BATCH_INTERVAL and SUMMARIZER_BATCH_TIMEOUT must be more than 0 seconds")
    return s


def _threads(s: Settings) -> int | None:
    """The embedded server's threads: as set (1 or more), else the cores this process may use;
    None with an endpoint (no server)."""
    if s.threads is not None and s.threads < 1:
        raise ConfigError(f"threads must be 1 or more, not {s.threads} (--threads / SUMMARIZER_THREADS)")
    return usable_cores() if s.threads is None and s.embedded else s.threads


def api_key_for(settings: Settings, environ: dict[str, str] | None = None) -> str:
    """The key to send to ``settings.base_url``. ``OPENAI_API_KEY`` only goes to OpenAI."""
    env = os.environ if environ is None else environ
    if settings.api_key:
        return settings.api_key
    if settings.is_openai:
        key = env.get("OPENAI_API_KEY")
        if not key:
            raise ConfigError(
                "no API key for api.openai.com: set OPENAI_API_KEY or SUMMARIZER_API_KEY, or pass --api-key"
            )
        return key
    return NO_KEY


def redact_url(url: str) -> str:
    """The URL without credentials: user:password@ and the query's values are never written or printed."""
    try:
        u = urlparse(url)
        port = u.port
    except ValueError:  # not a URL ("http://[::1", a port of 99999): cut what could be a secret
        return re.sub(r"([?&][^=&#]*)=[^&#]*", r"\1=***", re.sub(r"^([A-Za-z][\w+.-]*://)[^/?#]*@", r"\1", url))
    if not (u.username or u.password or u.query):
        return url
    host = u.hostname or ""
    if port:
        host += f":{port}"
    query = "&".join(f"{part.split('=', 1)[0]}=***" for part in u.query.split("&") if part) if u.query else ""
    return u._replace(netloc=host, query=query).geturl()


def endpoint_id(settings: Settings, gguf_identity: str | None = None) -> str:
    """What identifies the endpoint in recording/cache keys.

    The embedded server listens on a new port every run, so it is identified by its model
    file, not its URL.
    """
    if settings.embedded:
        return f"embedded:{gguf_identity or settings.model}"
    return redact_url(settings.base_url or "")
