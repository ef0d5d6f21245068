"""A small OpenAI-compatible server on 127.0.0.1 for fault tests: a real socket, real HTTP.

Each request to ``/v1/chat/completions`` is answered by ``behaviour(request_index, body)``,
which returns one of the fault names below (or "ok"). "ok" answers with ``answer(body)`` --
by default the first recorded seed extraction, so healthy answers are real model output.
Every request body is kept in ``requests`` (the tests inspect what reached the "model").
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULTS = ("ok", "429", "500", "503", "timeout", "malformed", "invalid", "length", "truncated500", "404")


def completion(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "stub",
        "object": "chat.completion",
        "created": 0,
        "model": "stub",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish_reason}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 50, "total_tokens": 150},
    }


class StubServer:
    def __init__(
        self,
        answer: Callable[[dict[str, Any]], str],
        behaviour: Callable[[int, dict[str, Any]], str] = lambda i, body: "ok",
        *,
        latency: float = 0.0,
        hang_seconds: float = 5.0,
        props: dict[str, Any] | None = None,
        chars_per_token: float = 4.0,
        models: list[dict[str, Any]] | None = None,
    ):
        self.answer = answer
        self.behaviour = behaviour
        self.latency = latency
        self.hang_seconds = hang_seconds
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.faults: dict[str, int] = {}
        self.props = props  # GET /props answers this (llama.cpp's shape); None -> 404, as vLLM and OpenAI
        self.chars_per_token = chars_per_token  # POST /tokenize: one token per this many characters
        self.tokenized: list[str] = []
        self.models = models or [{"id": "stub", "object": "model"}]  # GET /v1/models
        self.probes: list[str] = []  # paths of the GETs received
        self.paths: list[str] = []  # paths (with their queries) of the chat requests received
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # headers and body go out as two writes

            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                if self.path.rstrip("/").endswith("/tokenize"):  # llama.cpp's tokenizer endpoint
                    with stub._lock:
                        stub.tokenized.append(body.get("content", ""))
                    n = round(len(body.get("content", "")) / stub.chars_per_token)
                    return self._json(200, {"tokens": list(range(n))})
                with stub._lock:
                    index = len(stub.requests)
                    stub.requests.append(body)
                    stub.paths.append(self.path)
                    stub.headers.append({k.lower(): v for k, v in self.headers.items()})
                kind = stub.behaviour(index, body)
                with stub._lock:
                    stub.faults[kind] = stub.faults.get(kind, 0) + 1
                if stub.latency:
                    time.sleep(stub.latency)
                if kind == "ok":
                    return self._json(200, completion(stub.answer(body)))
                if kind == "429":
                    return self._json(429, {"error": {"message": "slow down"}}, {"retry-after": "0"})
                if kind == "404":
                    return self._json(404, {"error": {"message": "model 'nope' not found", "type": "not_found_error"}})
                if kind in ("500", "503"):
                    return self._json(int(kind), {"error": {"message": "server trouble"}})
                if kind == "truncated500":
                    return self._json(500, {"error": {"message": "The model produced output that does not match the expected format"}})
                if kind == "timeout":
                    time.sleep(stub.hang_seconds)
                    return self._json(200, completion(stub.answer(body)))
                if kind == "malformed":
                    return self._json(200, completion('{"title": "Half a JSON'))
                if kind == "invalid":
                    return self._json(200, completion('{"title": "x"}'))
                if kind == "length":
                    return self._json(200, completion(stub.answer(body)[:40], finish_reason="length"))
                raise AssertionError(kind)

            def do_GET(self) -> None:  # noqa: N802
                with stub._lock:
                    stub.probes.append(self.path)
                if self.path.rstrip("/").endswith("/props"):
                    if stub.props is None:
                        return self._json(404, {"error": {"message": "not found"}})
                    return self._json(200, stub.props)
                self._json(200, {"object": "list", "data": stub.models})

            def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
                raw = json.dumps(data).encode()
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(raw)))
                    for k, v in (headers or {}).items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> StubServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
