"""SIGTERM stops a run as Ctrl-C does: the articles finished before it are on disk, one line says
so, and the exit code is 128 + the signal (143; 130 for SIGINT). A real process against a local
stub endpoint whose answers come slowly, so the signal lands while an article is in flight."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SEEDS, recorded_content
from .stub_server import StubServer

ANSWER = recorded_content("000_0b1d0a40d16639fb")
LATENCY = 3.0  # seconds per answer: the signal comes while the second article waits for its own


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "OPENAI_"))}
    env.update(SUMMARIZER_CONFIG=str(tmp_path / "none.toml"), SUMMARIZER_CACHE_DIR=str(tmp_path / "cache"), COLUMNS="300")
    return env


@pytest.mark.parametrize("sig, code, line", [
    (signal.SIGTERM, 143, "terminated (SIGTERM); finished articles were written"),
    (signal.SIGINT, 130, "interrupted; finished articles were written"),
], ids=["SIGTERM", "SIGINT"])  # fmt: skip
def test_a_signal_stops_the_run_and_keeps_the_finished_articles(tmp_path, sig, code, line):
    seeds = sorted(SEEDS.glob("*.txt"))[:3]
    out = tmp_path / "out"
    with StubServer(lambda body: ANSWER, latency=LATENCY) as stub:
        cmd = [sys.executable, "-m", "summarizer", "extract", *map(str, seeds), "--out-dir", str(out),
               "--base-url", stub.base_url, "-m", "stub", "-j", "1", "--timeout", "60"]  # fmt: skip
        proc = subprocess.Popen(cmd, env=_env(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = out / f"{seeds[0].stem}.json"
        deadline = time.monotonic() + 120
        while not first.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert first.exists(), proc.communicate(timeout=30)
        proc.send_signal(sig)
        sent = time.monotonic()
        _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert time.monotonic() - sent < LATENCY + 10  # it stops; it does not finish the run first
    assert sum(line in x for x in stderr.splitlines()) == 1, stderr
    assert json.loads(first.read_text())["source"]["id"] == seeds[0].stem  # whole, valid JSON
    assert sorted(p.name for p in out.iterdir()) == [first.name]  # the article in flight is not written
    assert len(stub.requests) <= 2  # the third article was never started
