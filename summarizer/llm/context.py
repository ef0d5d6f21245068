"""The model's context window, and a request's size before it is sent.

A request that cannot fit the window fails at the endpoint after the article has waited its
turn (llama.cpp: HTTP 400 "request (9,016 tokens) exceeds the available context size"). So
the window is known before the first call, and every request is measured against it:

* **Window** -- ``Settings.context_tokens`` when set; else what the endpoint says: llama.cpp's
  ``GET /props`` (``default_generation_settings.n_ctx``, the context of one slot), vLLM's
  ``GET /v1/models`` (``max_model_len``); the embedded server's is chosen before it starts,
  from the run's largest request and its answer (``pipeline.embedded_sizing``,
  ``local.choose_context``). OpenAI and endpoints that say nothing: unknown, and nothing is
  measured (the endpoint's own error is then the only check).
* **Size** -- first a conservative estimate with no round trip (``estimate``: above the
  embedded model's real count on English, Chinese, Russian and runs of figures), plus the
  schema's text in the modes that put it into the prompt. Only a request the estimate does
  not clear is counted exactly, with the endpoint's tokenizer (llama.cpp ``POST /tokenize``,
  vLLM ``POST /tokenize``) where it has one.

The probes are plain GETs/POSTs to the configured endpoint with its key (never an OpenAI key
elsewhere: ``settings.api_key_for``); they are not recorded and not cached.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass

import httpx2

BYTES_PER_TOKEN = 3  # of letters: English runs ~4.3 bytes of letters a token, Chinese ~4.4, Russian ~4.7
MESSAGE_TOKENS = 8  # what a chat template adds around each message (role markers, separators)
PROBE_TIMEOUT = 5.0


@dataclass(frozen=True)
class Window:
    """The context window: ``tokens`` (None: unknown), where that came from, and the
    endpoint's tokenizer ("llama.cpp", "vllm" or None)."""

    tokens: int | None
    source: str
    tokenizer: str | None = None


UNKNOWN = Window(None, "unknown: the endpoint does not say (set --context-tokens)")


_SPACE_BEFORE_NON_LETTER = re.compile(r"\s(?![^\W\d_])")


def estimate(text: str) -> int:
    """Tokens ``text`` takes at most, without a tokenizer: a token per ``BYTES_PER_TOKEN`` bytes
    of letters, and one per digit, punctuation mark or symbol, and space before one (BPE
    vocabularies such as Qwen's split numbers into single digits: "3.62 m, 1,200" is a token
    a character). Measured against the embedded model's tokenizer: 1.35x the real count on the
    long test article, 1.54x on a seed, 1.47x on Chinese, 1.57x on Russian, 1.01x on a run of
    figures; never below it."""
    letters = sum(len(c.encode("utf-8")) for c in text if c.isalpha())
    other = sum(1 for c in text if not c.isalpha() and not c.isspace())
    return math.ceil(letters / BYTES_PER_TOKEN) + other + len(_SPACE_BEFORE_NON_LETTER.findall(text))


def _root(base_url: str) -> str:
    """llama.cpp and vLLM serve /props and /tokenize beside /v1, not under it."""
    base = base_url.rstrip("/")
    return base[: -len("/v1")] if base.endswith("/v1") else base


def _headers(key: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"} if key else {}


async def probe(base_url: str, key: str | None, model: str | None) -> Window:
    """What the endpoint says its window is: llama.cpp ``/props``, else vLLM ``/v1/models``."""
    async with httpx2.AsyncClient(timeout=PROBE_TIMEOUT, headers=_headers(key)) as http:
        try:
            r = await http.get(f"{_root(base_url)}/props")
            if r.status_code == 200:
                data = r.json()
                n = (data.get("default_generation_settings") or {}).get("n_ctx") or data.get("n_ctx")
                if isinstance(n, int) and n > 0:
                    return Window(n, "llama.cpp /props", "llama.cpp")
        except (httpx2.HTTPError, ValueError, AttributeError):
            pass
        try:
            r = await http.get(f"{base_url.rstrip('/')}/models")
            if r.status_code == 200:
                entries = r.json().get("data") or []
                entry = next((e for e in entries if e.get("id") == model), entries[0] if len(entries) == 1 else None)
                n = (entry or {}).get("max_model_len")
                if isinstance(n, int) and n > 0:
                    return Window(n, "vLLM /v1/models max_model_len", "vllm")
        except (httpx2.HTTPError, ValueError, AttributeError):
            pass
    return UNKNOWN


async def count(base_url: str, key: str | None, window: Window, model: str | None, text: str) -> int:
    """Tokens of ``text`` by the endpoint's tokenizer; the estimate when it has none or fails."""
    if window.tokenizer is None:
        return estimate(text)
    body = {"content": text} if window.tokenizer == "llama.cpp" else {"model": model, "prompt": text}
    try:
        async with httpx2.AsyncClient(timeout=PROBE_TIMEOUT * 6, headers=_headers(key)) as http:
            r = await http.post(f"{_root(base_url)}/tokenize", json=body)
        if r.status_code == 200:
            data = r.json()
            n = data.get("count") if window.tokenizer == "vllm" else len(data.get("tokens") or [])
            if isinstance(n, int) and n > 0:
                return n
    except (httpx2.HTTPError, ValueError, AttributeError):
        pass
    return estimate(text)


def schema_text(schema: dict) -> str:
    """The schema as it reaches the prompt where instructor writes it into a message or a tool
    definition (under ``json_schema`` it is a grammar and takes no prompt tokens)."""
    return json.dumps(schema)
