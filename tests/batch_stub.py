"""A local stand-in for the OpenAI Batch API on 127.0.0.1: a real socket, real HTTP.

It speaks what ``summarizer --batch`` uses: ``POST /v1/files`` (multipart upload, purpose
"batch"), ``POST /v1/batches``, ``GET /v1/batches/{id}`` (each poll moves a batch on:
validating -> in_progress -> completed, unless ``finish`` is False), ``POST
/v1/batches/{id}/cancel``, ``GET /v1/files/{id}/content`` (the input, output and error files),
plus ``GET /v1/models`` (the endpoint probe) and ``POST /v1/chat/completions`` (counted: a
``--batch`` run should send none for its articles).

Each line is answered by ``answer(body)`` (the message content, as ``stub_server``); ``fail(body)``
names the lines that go to the error file instead: "error" (an ``error`` object, as a request
that could not run), "expired" (``batch_expired``) or "500" (a response with HTTP 500).
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .stub_server import completion


class BatchStub:
    def __init__(
        self,
        answer: Callable[[dict[str, Any]], str],
        fail: Callable[[dict[str, Any]], str | None] = lambda body: None,
        *,
        files_api: bool = True,
        finish: bool = True,
    ):
        self.answer = answer
        self.fail = fail
        self.files_api = files_api
        self.finish = finish
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.chat: list[dict[str, Any]] = []  # chat completions sent live (not through a batch)
        self.cancelled: list[str] = []
        self.polls = 0
        self.headers: list[dict[str, str]] = []
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("content-length", 0)))
                with stub._lock:
                    stub.headers.append({k.lower(): v for k, v in self.headers.items()})
                    status, data = stub._post(self.path.split("?")[0], raw, self.headers.get("content-type", ""))
                self._send(status, data)

            def do_GET(self) -> None:  # noqa: N802
                with stub._lock:
                    stub.headers.append({k.lower(): v for k, v in self.headers.items()})
                    status, data = stub._get(self.path.split("?")[0])
                self._send(status, data)

            def _send(self, status: int, data: Any) -> None:
                raw = data if isinstance(data, bytes) else json.dumps(data).encode()
                self.send_response(status)
                self.send_header("content-type", "application/octet-stream" if isinstance(data, bytes) else "application/json")
                self.send_header("content-length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    # ------------------------------------------------------------------ the API

    def _post(self, path: str, raw: bytes, content_type: str) -> tuple[int, Any]:
        if path.endswith("/chat/completions"):
            body = json.loads(raw)
            self.chat.append(body)
            return 200, completion(self.answer(body))
        if not self.files_api:
            return 404, {"error": {"message": f"no route {path}"}}
        if path == "/v1/files":
            fields = _multipart(raw, content_type)
            assert fields.get("purpose") == b"batch", fields.keys()
            return 200, self._file(fields["file"], "batch")
        if path == "/v1/batches":
            body = json.loads(raw)
            assert body["endpoint"] == "/v1/chat/completions" and body["completion_window"] == "24h", body
            assert body["input_file_id"] in self.files
            batch_id = f"batch_{len(self.batches) + 1}"
            lines = [json.loads(line) for line in self.files[body["input_file_id"]].decode().splitlines() if line]
            self.batches[batch_id] = {"id": batch_id, "status": "validating", "lines": lines, "input_file_id": body["input_file_id"]}
            return 200, self._batch(batch_id)
        if path.startswith("/v1/batches/") and path.endswith("/cancel"):
            batch_id = path.split("/")[3]
            self.cancelled.append(batch_id)
            self.batches[batch_id]["status"] = "cancelled"
            return 200, self._batch(batch_id)
        return 404, {"error": {"message": f"no route {path}"}}

    def _get(self, path: str) -> tuple[int, Any]:
        if path.endswith("/models"):
            return 200, {"object": "list", "data": [{"id": "stub", "object": "model"}]}
        if path.startswith("/v1/batches/") and self.files_api:
            batch_id = path.split("/")[3]
            self.polls += 1
            batch = self.batches[batch_id]
            if batch["status"] == "validating":
                batch["status"] = "in_progress"
            elif batch["status"] == "in_progress" and self.finish:
                self._complete(batch)
            return 200, self._batch(batch_id)
        if path.startswith("/v1/files/") and path.endswith("/content") and self.files_api:
            return 200, self.files[path.split("/")[3]]
        return 404, {"error": {"message": f"no route {path}"}}

    def _complete(self, batch: dict[str, Any]) -> None:
        out, errors = [], []
        for n, line in enumerate(batch["lines"]):
            kind = self.fail(line["body"])
            item: dict[str, Any] = {"id": f"batch_req_{n}", "custom_id": line["custom_id"], "response": None, "error": None}
            if kind is None:
                item["response"] = {"status_code": 200, "request_id": f"req_{n}", "body": completion(self.answer(line["body"]))}
                out.append(item)
                continue
            if kind == "500":
                item["response"] = {"status_code": 500, "request_id": f"req_{n}", "body": {"error": {"message": "server trouble"}}}
            elif kind == "expired":
                item["error"] = {"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}
            else:
                item["error"] = {"code": "server_error", "message": "the stub failed this line"}
            errors.append(item)
        batch["completed"], batch["failed"] = len(out), len(errors)
        batch["output_file_id"] = self._file(_jsonl(out), "batch_output")["id"] if out else None
        batch["error_file_id"] = self._file(_jsonl(errors), "batch_output")["id"] if errors else None
        batch["status"] = "completed"

    def _file(self, data: bytes, purpose: str) -> dict[str, Any]:
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = data
        return {"id": file_id, "object": "file", "bytes": len(data), "created_at": 0, "filename": f"{file_id}.jsonl",
                "purpose": purpose, "status": "processed"}  # fmt: skip

    def _batch(self, batch_id: str) -> dict[str, Any]:
        b = self.batches[batch_id]
        total = len(b["lines"])
        return {
            "id": batch_id, "object": "batch", "endpoint": "/v1/chat/completions", "completion_window": "24h",
            "created_at": 0, "input_file_id": b["input_file_id"], "status": b["status"],
            "output_file_id": b.get("output_file_id"), "error_file_id": b.get("error_file_id"),
            "request_counts": {"total": total, "completed": b.get("completed", 0), "failed": b.get("failed", 0)},
        }  # fmt: skip

    # ------------------------------------------------------------------ running

    def lines(self) -> list[dict[str, Any]]:
        """Every request line sent in every batch, in order."""
        return [line for b in self.batches.values() for line in b["lines"]]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def __enter__(self) -> BatchStub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _jsonl(items: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(i) + "\n" for i in items).encode()


def _multipart(raw: bytes, content_type: str) -> dict[str, bytes]:
    """A multipart/form-data body -> field name -> its bytes (the stdlib's MIME parser)."""
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        f"Content-Type: {content_type}\r\n\r\n".encode() + raw
    )
    fields = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        fields[str(name)] = part.get_payload(decode=True) or b""
    return fields
