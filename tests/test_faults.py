"""Fault injection against a real OpenAI-compatible stub server on 127.0.0.1.

Each fault alone, then a 30 % mix over 50 articles: every article ends done or failed with
its reason, none silently missing, and a rerun against a healthy server finishes the rest
(the cache answers for the ones already done)."""

from __future__ import annotations

import asyncio
import hashlib
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.errors import EndpointError
from summarizer.inputs.articles import article_from_text
from summarizer.llm.client import LLM
from summarizer.llm.settings import Settings, resolve
from summarizer.pipeline import extract_all

from .conftest import recorded_content
from .stub_server import StubServer

ANSWER = recorded_content("000_0b1d0a40d16639fb")


def articles(n: int):
    return [
        article_from_text(f"Story {i}: the council of town {i} voted on Tuesday to build {i} new bridges.", f"a{i:03d}")
        for i in range(n)
    ]


def settings(stub: StubServer, tmp_path: Path, **kw) -> Settings:
    base = dict(base_url=stub.base_url, model="stub", reasks=0, max_retries=2, timeout=1.0, concurrency=8,
                cache_dir=str(tmp_path / "cache"))  # fmt: skip
    base.update(kw)
    return resolve(Settings(**base), config={})


def run(s: Settings, arts):
    async def go():
        async with LLM(s) as llm:
            return await extract_all(llm, arts, concurrency=s.concurrency or 1)

    return asyncio.run(go())


def first_then_ok(fault: str, times: int = 1):
    seen: dict[str, int] = {}

    def behaviour(i, body):
        key = body["messages"][1]["content"][:60]
        seen[key] = seen.get(key, 0) + 1
        return fault if seen[key] <= times else "ok"

    return behaviour


@pytest.mark.parametrize("fault", ["429", "500", "503", "timeout"])
def test_transient_faults_are_retried_by_the_sdk(tmp_path, fault):
    with StubServer(lambda b: ANSWER, first_then_ok(fault)) as stub:
        report = run(settings(stub, tmp_path), articles(1))
    assert not report.failed and len(report.results) == 1
    assert stub.faults == {fault: 1, "ok": 1}


@pytest.mark.parametrize("fault", ["malformed", "invalid"])
def test_broken_json_is_re_asked_by_instructor(tmp_path, fault):
    with StubServer(lambda b: ANSWER, first_then_ok(fault)) as stub:
        report = run(settings(stub, tmp_path), articles(1))
    assert not report.failed
    assert len(stub.requests) == 2
    # the re-ask carries the error back to the model
    assert len(stub.requests[1]["messages"]) > len(stub.requests[0]["messages"])


@pytest.mark.parametrize(("fault", "reason"), [("length", "truncated"), ("truncated500", "truncated")])
def test_truncated_output_fails_the_article_without_a_retry_storm(tmp_path, fault, reason):
    with StubServer(lambda b: ANSWER, lambda i, b: fault) as stub:
        report = run(settings(stub, tmp_path), articles(1))
    assert report.failed and reason in report.failed["a000"]
    assert len(stub.requests) == 1


def test_persistent_server_errors_fail_the_article_with_its_reason(tmp_path):
    with StubServer(lambda b: ANSWER, lambda i, b: "503") as stub:
        report = run(settings(stub, tmp_path, max_retries=1), articles(1))
    assert "HTTP 503" in report.failed["a000"]
    assert len(stub.requests) == 2  # the SDK's one retry, nothing else loops


def test_unknown_model_stops_the_run_with_one_clear_error(tmp_path):
    with StubServer(lambda b: ANSWER, lambda i, b: "404") as stub:
        with pytest.raises(EndpointError, match="model 'stub' not found"):
            run(settings(stub, tmp_path, concurrency=1), articles(5))
    assert len(stub.requests) == 1


def test_thirty_percent_mixed_faults_over_fifty_articles_lose_nothing(tmp_path):
    kinds = ["429", "500", "503", "timeout", "malformed", "invalid", "length", "truncated500"]
    attempts: dict[str, int] = {}

    def behaviour(i, body):
        key = body["messages"][1]["content"][:60]
        attempts[key] = attempts.get(key, 0) + 1
        h = int(hashlib.sha256(f"{key}/{attempts[key]}".encode()).hexdigest(), 16)
        return kinds[h // 10 % len(kinds)] if h % 10 < 3 else "ok"

    arts = articles(50)
    with StubServer(lambda b: ANSWER, behaviour, hang_seconds=1.5) as stub:
        first = run(settings(stub, tmp_path, timeout=0.5), arts)
        injected = {k: v for k, v in stub.faults.items() if k != "ok"}
        assert sum(injected.values()) >= 10, injected
        assert set(first.results) | set(first.failed) == {a.id for a in arts}
        assert not set(first.results) & set(first.failed)
        assert all(reason.strip() for reason in first.failed.values())
        # the same endpoint, healthy again: a rerun redoes only what failed
        stub.behaviour = lambda i, b: "ok"
        before = len(stub.requests)
        second = run(settings(stub, tmp_path, timeout=0.5), arts)
        assert len(second.results) == 50 and not second.failed
        assert len(stub.requests) - before == len(first.failed)
    print(f"\nfaults injected: {injected}; failed first run: {len(first.failed)}; lost: 0")


def test_nothing_a_run_writes_contains_the_api_key(tmp_path):
    secret = "sk-test-SECRET-4f9a1c"
    story = tmp_path / "in" / "story.txt"
    story.parent.mkdir()
    story.write_text("The mayor of Springfield opened a new bridge on Tuesday, officials said.")
    out = tmp_path / "written"
    with StubServer(lambda b: ANSWER) as stub:
        result = CliRunner().invoke(
            app,
            ["brief", str(story), "--base-url", stub.base_url, "-m", "stub", "--api-key", secret,
             "--record", str(out / "rec"), "-d", str(out / "per-article"), "-o", str(out / "briefing.md"), "--reasks", "0"],
            env={"SUMMARIZER_CACHE_DIR": str(out / "cache")},
        )  # fmt: skip
        assert stub.headers[0]["authorization"] == f"Bearer {secret}"  # it does reach the endpoint
    assert result.exit_code == 0, result.stderr
    written = [p for p in out.rglob("*") if p.is_file()]
    assert len(written) >= 4
    for p in written:
        assert secret.encode() not in p.read_bytes(), p
    assert secret not in result.stdout + result.stderr


def test_second_brief_makes_zero_model_calls(tmp_path):
    story = tmp_path / "in" / "story.txt"
    story.parent.mkdir()
    story.write_text("The mayor of Springfield opened a new bridge on Tuesday, officials said.")
    env = {"SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")}
    # the stub answers every request with an extraction, which only the extraction call accepts:
    # the synthesis and adjudication calls would fail, and a failed answer is never cached
    args = ["brief", str(story), "--format", "json", "--reasks", "0", "--no-synthesis", "--no-adjudicate"]
    with StubServer(lambda b: ANSWER) as stub:
        args += ["--base-url", stub.base_url, "-m", "stub"]
        first = CliRunner().invoke(app, args, env=env)
        calls = len(stub.requests)
        second = CliRunner().invoke(app, args, env=env)
    assert first.exit_code == 0 and second.exit_code == 0, second.stderr
    assert calls >= 1 and len(stub.requests) == calls  # nothing reached the endpoint the second time
    assert "usage: 0 model calls" in second.stderr
    assert json.loads(first.stdout) == json.loads(second.stdout)
