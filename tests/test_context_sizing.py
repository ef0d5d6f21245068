"""The embedded server's context sized to the run (its largest request plus the answer, rounded
up), its threads from the cores this process may use, and both known before the server starts.
No model runs here: the server class is replaced where a test would start one."""

from __future__ import annotations

import asyncio
import os
import struct
from pathlib import Path

import pytest

import summarizer
from summarizer.errors import ConfigError
from summarizer.inputs.articles import load
from summarizer.llm import client, local
from summarizer.llm.client import LLM
from summarizer.llm.context import Window
from summarizer.llm.local import EmbeddedServer, Sizing, choose_context, round_context, sized, usable_cores
from summarizer.llm.settings import Settings, resolve
from summarizer.pipeline import _planned, embedded_sizing, open_llm

from .conftest import FIXTURES, ROOT, SEEDS

LONG = ROOT / "tests" / "data" / "long" / "marrowick-live.txt"
QWEN = {"context_length": 32768, "block_count": 28, "attention.head_count": 12, "attention.head_count_kv": 2,
        "embedding_length": 1536}  # fmt: skip


def _gguf(path: Path, values: dict[str, int]) -> Path:
    """A GGUF header with these ``qwen2.*`` numbers and no tensors (what choose_context reads)."""

    def s(x: str) -> bytes:
        return struct.pack("<Q", len(x.encode())) + x.encode()

    kvs = [s("general.architecture") + struct.pack("<I", 8) + s("qwen2")]
    kvs += [s(f"qwen2.{k}") + struct.pack("<IQ", 10, v) for k, v in values.items()]
    path.write_bytes(b"GGUF" + struct.pack("<IQQ", 3, 0, len(kvs)) + b"".join(kvs))
    return path


@pytest.fixture(autouse=True)
def _no_threads_env(monkeypatch):
    monkeypatch.delenv("SUMMARIZER_THREADS", raising=False)


def test_the_context_is_the_need_rounded_up_never_more_than_trained_or_memory(tmp_path):
    f = _gguf(tmp_path / "m.gguf", QWEN)
    assert [round_context(n) for n in (1, 2048, 2049, 2712, 4683)] == [2048, 2048, 3072, 3072, 5120]
    n, why = choose_context(f, available=24 * 2**30, need=2712)
    assert n == 3072 and "this run needs 2,712" in why and "trained 32,768" in why
    assert choose_context(f, available=24 * 2**30, need=40_000)[0] == 32768  # more than trained: the trained context
    assert choose_context(f, available=512 * 2**20, need=20_000)[0] == 9216  # memory short: what memory holds
    assert choose_context(f, available=24 * 2**30)[0] == 32768  # need unknown: the trained context, as before


def _requests(llm: LLM, path: Path):
    return [asyncio.run(_planned(llm, a))[-1] for a in load([str(path)])]


@pytest.mark.parametrize("path", [SEEDS, LONG], ids=["seeds", "long"])
def test_the_requests_planned_against_the_sized_window_are_the_ones_measured(path):
    """The need is measured before the server starts (window unknown); planned again against the
    window sized from it, every request is the same, and the window holds each with its answer."""
    s = resolve(Settings(), config={})
    llm = LLM(s)
    sizing = asyncio.run(embedded_sizing(llm, load([str(path)])))
    before = _requests(llm, path)
    n = round_context(sizing.need or 0)
    llm.window = Window(n, "sized", None)
    assert _requests(llm, path) == before
    parts = [r for reqs in before for r in reqs]
    assert len(parts) == 5  # five seeds, one request each; the long article in five parts
    assert sizing.threads == usable_cores()
    assert sizing.need is not None and sizing.need <= n <= (3072 if path == SEEDS else 5120)


def test_re_asks_widen_the_need_by_their_answers():
    arts = load([str(SEEDS / "004_9d2b0e729d22a81c.txt")])
    plain = asyncio.run(embedded_sizing(LLM(resolve(Settings(), config={})), arts)).need
    asked = asyncio.run(embedded_sizing(LLM(resolve(Settings(reasks=1), config={})), arts)).need
    assert plain and asked == plain + 1200 + 512


@pytest.mark.parametrize(
    "options, replay, brief",
    [({"base_url": "http://localhost:9/v1", "model": "m"}, None, False), ({}, FIXTURES, False),
     ({"context_tokens": 8192}, None, False), ({"synthesis": True}, None, True), ({"adjudicate": True}, None, True)],
    ids=["endpoint", "replay", "set", "synthesis", "adjudicate"],
)  # fmt: skip
def test_no_need_when_no_server_starts_the_window_is_set_or_a_briefing_asks_the_model(options, replay, brief):
    llm = LLM(resolve(Settings(**options), config={}), replay=replay)
    assert asyncio.run(embedded_sizing(llm, load([str(SEEDS)]), brief=brief)).need is None


def test_the_server_takes_its_context_and_threads_from_the_run(tmp_path):
    f = _gguf(tmp_path / "m.gguf", QWEN)
    assert EmbeddedServer(f).threads == usable_cores() == len(os.sched_getaffinity(0))
    with sized(Sizing(need=2712, threads=3)):
        server = EmbeddedServer(f)
    assert (server.n_ctx, server.threads) == (3072, 3) and "needs 2,712" in server.context_reason
    assert EmbeddedServer(f, n_ctx=4096, threads=1).n_ctx == 4096  # its own arguments first (--context-tokens)
    assert EmbeddedServer(f).n_ctx == 32768  # outside a run: the trained context


class _Unstarted(EmbeddedServer):
    def __enter__(self) -> str:
        return "http://127.0.0.1:9/v1"

    def __exit__(self, *exc: object) -> None:
        pass


def test_a_run_starts_the_server_with_the_context_it_needs(tmp_path, monkeypatch):
    f = _gguf(tmp_path / "m.gguf", QWEN)
    monkeypatch.setattr(client, "EmbeddedServer", _Unstarted)
    monkeypatch.setattr(client, "packaged_gguf", lambda: f)
    monkeypatch.setattr(local, "available_memory", lambda: 24 * 2**30)

    async def go(brief=False, **options):
        async with open_llm(summarizer.settings(no_cache=True, **options), load([str(SEEDS)]), brief=brief) as llm:
            assert llm.server is not None
            return llm.server.n_ctx, llm.server.threads, llm.window.tokens

    assert asyncio.run(go()) == (3072, usable_cores(), 3072)
    assert asyncio.run(go(threads=1, context_tokens=6000)) == (6000, 1, 6000)
    assert asyncio.run(go(synthesis=True))[0] == 3072  # extraction alone asks nothing more
    assert asyncio.run(go(brief=True, synthesis=True))[0] == 32768  # the briefing's own call: sized after extraction


def test_threads_flag_over_env_over_config_and_at_least_one(tmp_path, monkeypatch):
    (tmp_path / "c.toml").write_text("threads = 3\n")
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(tmp_path / "c.toml"))
    assert summarizer.settings().threads == 3
    monkeypatch.setenv("SUMMARIZER_THREADS", "5")
    assert summarizer.settings().threads == 5
    assert summarizer.settings(threads=1).threads == 1
    monkeypatch.setenv("SUMMARIZER_THREADS", "0")
    with pytest.raises(ConfigError, match="threads must be 1 or more"):
        summarizer.settings()
    monkeypatch.delenv("SUMMARIZER_THREADS")
    (tmp_path / "c.toml").write_text("")
    assert summarizer.settings().threads == usable_cores()
    assert summarizer.settings(base_url="http://localhost:9/v1", model="m").threads is None  # no server: unused


def test_the_command_line_documents_threads():
    from typer.testing import CliRunner

    from summarizer.cli import app

    shown = CliRunner(env={"COLUMNS": "400"}).invoke(app, ["brief", "--help"]).output
    assert "--threads" in shown and "SUMMARIZER_THREADS" in shown


def test_the_server_threads_wait_passively_unless_the_environment_says_otherwise(monkeypatch):
    monkeypatch.delenv("OMP_WAIT_POLICY", raising=False)
    local.wait_passively()
    assert os.environ["OMP_WAIT_POLICY"] == "PASSIVE"
    monkeypatch.setenv("OMP_WAIT_POLICY", "ACTIVE")
    local.wait_passively()
    assert os.environ["OMP_WAIT_POLICY"] == "ACTIVE"
