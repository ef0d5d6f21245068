"""``--batch`` against a local stand-in for the OpenAI Batch API (``tests/batch_stub.py``).

The stub answers each batch line with the seed extraction recorded for the same messages
(real model output), so the batched run must give the replayed run's results: every article
extracted, no chat request sent live, the records it writes replay offline, and a line that
fails is a failed article -- listed, the rest written, and a rerun asks only for it."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.inputs.articles import article_from_text
from summarizer.llm.client import LLM
from summarizer.llm.settings import EMBEDDED_MODEL, Settings, resolve
from summarizer.pipeline import extract_all

from .batch_stub import BatchStub
from .conftest import FIXTURES, SEED_IDS, SEEDS, recorded_content

FALLBACK = recorded_content("000_0b1d0a40d16639fb")


def _recorded() -> dict[str, str]:
    """The seeds' recorded answers by their request's messages."""
    out = {}
    for path in FIXTURES.glob("0*/*.json"):
        exchange = json.loads(path.read_text())
        out[json.dumps(exchange["request"]["messages"])] = exchange["response"]["choices"][0]["message"]["content"]
    return out


RECORDED = _recorded()


def answer(body: dict) -> str:
    return RECORDED.get(json.dumps(body["messages"]), FALLBACK)


def article_of(body: dict) -> str:
    """The seed a request is about (its recorded folder), by its messages."""
    key = json.dumps(body["messages"])
    for path in FIXTURES.glob("0*/*.json"):
        if json.dumps(json.loads(path.read_text())["request"]["messages"]) == key:
            return path.parent.name
    return "?"


def cli(*args: str, env: dict[str, str] | None = None):
    return CliRunner(env={"SUMMARIZER_BATCH_INTERVAL": "0.01", **(env or {})}).invoke(app, list(args))


def seeds_batched(stub: BatchStub, *more: str, env: dict[str, str] | None = None):
    return cli("extract", str(SEEDS), "--batch", "--base-url", stub.base_url, "-m", EMBEDDED_MODEL, "--reasks", "0", *more, env=env)


def test_batch_extracts_every_article_and_its_records_replay_offline(tmp_path, replayed_results):
    out, rec = tmp_path / "out", tmp_path / "rec"
    with BatchStub(answer) as stub:
        r = seeds_batched(stub, "--out-dir", str(out), "--record", str(rec), env={"OPENAI_API_KEY": "sk-secret"})
        base_url = stub.base_url
    assert r.exit_code == 0, r.output
    assert stub.chat == []  # nothing sent live
    assert len(stub.batches) == 1 and len(stub.lines()) == len(SEED_IDS)  # one round, one line per article
    assert all(len(line["custom_id"]) == 64 for line in stub.lines())  # the exchange's cache key
    assert stub.headers and not any("sk-secret" in v for h in stub.headers for v in h.values())  # OPENAI_API_KEY stays home
    assert "batch round 1: 5 requests" in r.stderr and "completed, 5/5 done" in r.stderr
    _, replayed = replayed_results
    for article_id in SEED_IDS:
        got = json.loads((out / f"{article_id}.json").read_text())
        want = replayed[article_id].model_dump(mode="json")
        for part in ("title", "summary", "people", "quotes", "events", "grounding"):
            assert got[part] == want[part], (article_id, part)
    assert sorted(p.name for p in rec.iterdir()) == SEED_IDS
    # the recording answers offline: the stub is gone, --replay sends nothing
    again = tmp_path / "again"
    r = cli("extract", str(SEEDS), "--replay", str(rec), "--base-url", base_url, "-m", EMBEDDED_MODEL, "--reasks", "0",
            "--out-dir", str(again))  # fmt: skip
    assert r.exit_code == 0, r.output
    for article_id in SEED_IDS:
        first, second = (json.loads((d / f"{article_id}.json").read_text()) for d in (out, again))
        assert first["quotes"] == second["quotes"] and first["people"] == second["people"]


@pytest.mark.parametrize(("kind", "reason"), [("error", "server_error"), ("expired", "batch_expired"), ("500", "HTTP 500")])
def test_a_failed_batch_line_is_a_failed_article_and_a_rerun_asks_only_for_it(tmp_path, kind, reason):
    out = tmp_path / "out"
    victim = SEED_IDS[2]
    with BatchStub(answer, lambda body: kind if article_of(body) == victim else None) as stub:
        r = seeds_batched(stub, "--out-dir", str(out))
        assert r.exit_code == 3, r.output  # partial
        assert sorted(p.stem for p in out.glob("*.json")) == [i for i in SEED_IDS if i != victim]
        failed = [line for line in r.stderr.splitlines() if victim in line and reason in line]
        assert failed, r.stderr
        assert "4 ok, 1 failed" in r.stderr
        stub.fail, sent = (lambda body: None), len(stub.lines())  # healthy now
        r = seeds_batched(stub, "--out-dir", str(out))
    assert r.exit_code == 0, r.output
    rerun = stub.lines()[sent:]  # the cache holds the four: the batch asks for one
    assert len(rerun) == 1 and article_of(rerun[0]["body"]) == victim
    assert sorted(p.stem for p in out.glob("*.json")) == SEED_IDS


async def run_async(settings: Settings, arts):
    async with LLM(settings) as llm:
        return await extract_all(llm, arts, concurrency=1)


def run(settings: Settings, arts):
    return asyncio.run(run_async(settings, arts))


def test_an_answer_that_fails_validation_is_re_asked_in_the_next_round(tmp_path):
    sent: list[int] = []

    def broken_first(body):
        sent.append(len(body["messages"]))
        return '{"title": "x"}' if len(body["messages"]) == 2 else FALLBACK

    arts = [article_from_text(f"Story {i}: the council of town {i} voted on Tuesday to build {i} new bridges.", f"a{i}") for i in range(3)]
    with BatchStub(broken_first) as stub:
        s = resolve(Settings(base_url=stub.base_url, model="stub", reasks=0, batch=True, batch_interval=0.01,
                             cache_dir=str(tmp_path / "cache")), config={})  # fmt: skip
        report = run(s, arts)
    assert not report.failed and len(report.results) == 3
    assert [len(b["lines"]) for b in stub.batches.values()] == [3, 3]  # every article at once; the re-asks together
    assert all(len(line["body"]["messages"]) > 2 for line in list(stub.batches.values())[1]["lines"])
    assert stub.chat == []


def test_a_batch_that_never_finishes_is_cancelled_and_its_articles_fail(tmp_path):
    arts = [article_from_text("Story: the council voted on Tuesday to build two new bridges.", "a0")]
    with BatchStub(lambda b: FALLBACK, finish=False) as stub:
        s = resolve(Settings(base_url=stub.base_url, model="stub", batch=True, batch_interval=0.01, batch_timeout=0.1,
                             cache_dir=str(tmp_path / "cache")), config={})  # fmt: skip
        report = run(s, arts)
    assert "did not finish within 0.1s" in report.failed["a0"]
    assert stub.cancelled == ["batch_1"]


def test_an_endpoint_without_the_batch_api_stops_the_run_with_one_line(tmp_path):
    with BatchStub(answer, files_api=False) as stub:
        r = seeds_batched(stub)
    assert r.exit_code == 1
    assert "has no Batch API" in r.stderr and "run without --batch" in r.stderr
    assert "Traceback" not in r.stderr and stub.chat == []


def test_batch_needs_an_endpoint(tmp_path):
    r = cli("extract", str(SEEDS), "--batch")
    assert r.exit_code == 2
    assert "--batch needs an endpoint" in r.stderr


def test_batch_is_a_setting_like_the_others(tmp_path: Path):
    env = {"SUMMARIZER_BATCH_INTERVAL": "2.5"}
    s = Settings.from_sources({"batch": True, "base_url": "http://127.0.0.1:9/v1", "model": "m"}, env=env, config={})
    assert s.batch and s.batch_interval == 2.5 and s.batch_timeout == 90_000.0


def test_an_interrupted_run_cancels_its_batch(tmp_path):
    arts = [article_from_text("Story: the council voted on Tuesday to build two new bridges.", "a0")]
    with BatchStub(lambda b: FALLBACK, finish=False) as stub:
        s = resolve(Settings(base_url=stub.base_url, model="stub", batch=True, batch_interval=0.01,
                             cache_dir=str(tmp_path / "cache")), config={})  # fmt: skip

        async def interrupted():
            task = asyncio.create_task(run_async(s, arts))
            for _ in range(3000):
                if stub.polls > 2:
                    break
                await asyncio.sleep(0.01)
            task.cancel()  # what Ctrl-C does to the run
            with pytest.raises(asyncio.CancelledError):
                await task

        asyncio.run(interrupted())
    assert stub.cancelled == ["batch_1"]
