"""Faults a careless or hostile user meets, each through the CLI: exit code, one line, no traceback.

Every test starts a real local endpoint (tests/stub_server.py, 127.0.0.1) where one is needed.
The article is one sentence written for the tests.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

from .conftest import recorded_content
from .stub_server import StubServer

ANSWER = recorded_content("000_0b1d0a40d16639fb")  # a real model answer, valid against the request schema
STORY = "The mayor of Springfield opened a new bridge on Tuesday, officials said."


@pytest.fixture
def story(tmp_path: Path) -> Path:
    p = tmp_path / "in" / "story.txt"
    p.parent.mkdir()
    p.write_text(STORY)
    return p


def run(args: list[str], env: dict[str, str] | None = None):
    return CliRunner().invoke(app, args, env=env)


def one_clear_line(result, *needles: str) -> None:
    """An error that a user can act on: no traceback, one 'error:' line naming what is wrong."""
    assert "Traceback" not in result.stderr and result.exception is None or isinstance(result.exception, SystemExit)
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    for n in needles:
        assert n in errors[0], errors[0]


def endpoint(stub: StubServer, brief: bool = False) -> list[str]:
    flags = ["--base-url", stub.base_url, "-m", "stub", "--reasks", "0"]
    return flags + (["--no-synthesis", "--no-adjudicate"] if brief else [])


# ----------------------------------------------------------------------------- 3. failures are never cached


def test_a_broken_answer_is_not_cached_and_a_rerun_asks_again(story, tmp_path):
    env = {"SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")}
    with StubServer(lambda b: ANSWER, behaviour=lambda i, b: "invalid") as broken:
        first = run(["extract", str(story), *endpoint(broken)], env)
    assert first.exit_code == 1 and len(broken.requests) >= 1
    with StubServer(lambda b: ANSWER) as fixed:
        second = run(["extract", str(story), *endpoint(fixed)], env)
    assert second.exit_code == 0, second.stderr
    assert len(fixed.requests) == 1  # asked again, not the cached failure


def test_an_unreadable_cache_entry_is_dropped_and_asked_again(story, tmp_path):
    env = {"SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")}
    with StubServer(lambda b: ANSWER) as stub:
        assert run(["extract", str(story), *endpoint(stub)], env).exit_code == 0
        db = sqlite3.connect(tmp_path / "cache" / "responses.sqlite")
        db.execute("UPDATE exchanges SET value = 'garbage{'")
        db.commit()
        db.close()
        again = run(["extract", str(story), *endpoint(stub)], env)
    assert again.exit_code == 0, again.stderr
    assert "unreadable entry" in again.stderr and "cannot reach" not in again.stderr
    assert len(stub.requests) == 2


# ----------------------------------------------------------------------------- 4. file system and cache


def test_output_that_is_a_folder_is_refused_before_any_model_call(story, tmp_path):
    with StubServer(lambda b: ANSWER) as stub:
        r = run(["brief", str(story), "-o", str(tmp_path), *endpoint(stub, brief=True)])
    assert r.exit_code == 2 and stub.requests == []
    one_clear_line(r, str(tmp_path), "is a folder")


def test_out_dir_that_is_a_file_is_refused_before_any_model_call(story, tmp_path):
    target = tmp_path / "taken"
    target.write_text("x")
    with StubServer(lambda b: ANSWER) as stub:
        r = run(["extract", str(story), "--out-dir", str(target), *endpoint(stub)])
        r2 = run(["extract", str(story), "--out-dir", str(target / "sub"), *endpoint(stub)])
    assert r.exit_code == 2 and r2.exit_code == 2 and stub.requests == []
    one_clear_line(r, str(target), "is a file")
    one_clear_line(r2, str(target), "is a file")


def test_record_folder_that_is_a_file_is_refused(story, tmp_path):
    target = tmp_path / "rec"
    target.write_text("x")
    r = run(["extract", str(story), "--record", str(target), "--base-url", "http://127.0.0.1:9/v1", "-m", "x"])
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    assert "Invalid value for '--record'" in r.stderr and "is a" in r.stderr and "file" in r.stderr  # typer's usage error


@pytest.mark.skipif(__import__("os").geteuid() == 0, reason="root writes through read-only permissions")
def test_read_only_out_dir_is_refused(story, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    r = run(["extract", str(story), "--out-dir", str(ro / "x"), "--base-url", "http://127.0.0.1:9/v1", "-m", "x"])
    assert r.exit_code == 2
    one_clear_line(r, "permission denied")


def test_cache_path_that_is_a_file_is_one_line(story, tmp_path):
    blocker = tmp_path / "cache"
    blocker.write_text("not a folder")
    with StubServer(lambda b: ANSWER) as stub:
        r = run(["extract", str(story), *endpoint(stub)], {"SUMMARIZER_CACHE_DIR": str(blocker)})
    assert r.exit_code == 2
    one_clear_line(r, str(blocker), "--no-cache")


def test_cache_file_holding_garbage_is_one_line(story, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "responses.sqlite").write_bytes(b"this is not a database, just text " * 100)
    with StubServer(lambda b: ANSWER) as stub:
        r = run(["extract", str(story), *endpoint(stub)], {"SUMMARIZER_CACHE_DIR": str(cache)})
    assert r.exit_code == 2
    one_clear_line(r, "responses.sqlite", "--no-cache")


# ----------------------------------------------------------------------------- 5. credentials


def test_credentials_in_the_base_url_are_never_written_or_printed(story, tmp_path):
    env = {"SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")}
    with StubServer(lambda b: ANSWER) as stub:
        url = stub.base_url.replace("http://", "http://alice:s3cret-pw@") + "?api_key=s3cret-key"
        out, rec = tmp_path / "out", tmp_path / "rec"
        r = run(["extract", str(story), "--base-url", url, "-m", "stub", "--reasks", "0", "-d", str(out),
                 "--record", str(rec)], env)  # fmt: skip
    assert r.exit_code == 0, r.stderr
    written = [p.read_bytes() for p in [*out.rglob("*"), *rec.rglob("*"), *(tmp_path / "cache").rglob("*")] if p.is_file()]
    for blob in [r.stderr.encode(), r.stdout.encode(), *written]:
        assert b"s3cret" not in blob
    model = json.loads((out / "story.json").read_text())["model"]
    assert model["base_url"].startswith("http://127.0.0.1:") and "alice" not in model["base_url"]


@pytest.mark.parametrize("url", ["http://api.openai.com/v1", "https://api.openai.com:8443/v1", "https://api.openai.com.evil.example/v1"])
def test_the_openai_key_goes_to_https_api_openai_com_only(url):
    from summarizer.llm.settings import NO_KEY, Settings, api_key_for

    assert api_key_for(Settings(base_url=url), {"OPENAI_API_KEY": "sk-secret"}) == NO_KEY
    assert api_key_for(Settings(base_url="https://api.openai.com/v1"), {"OPENAI_API_KEY": "sk-secret"}) == "sk-secret"


# ----------------------------------------------------------------------------- 6. paths


def test_a_recording_never_leaves_its_folder():
    from summarizer.llm.exchanges import _safe

    for name in ("..", ".", "../../etc", ".hidden", "a/b", "a\nb"):
        safe = _safe(name)
        assert "/" not in safe and not safe.startswith(".") and "\n" not in safe


# ----------------------------------------------------------------------------- 8. smaller ones


@pytest.mark.parametrize("value", ["0", "-5"])
def test_a_timeout_must_be_positive(story, value):
    r = run(["extract", str(story), "--timeout", value, "--base-url", "http://127.0.0.1:9/v1", "-m", "x"])
    assert r.exit_code == 2
    one_clear_line(r, "timeout")


def test_an_answer_that_is_not_json_says_so(story, tmp_path):
    with StubServer(lambda b: "this is not json at all") as stub:
        r = run(["extract", str(story), *endpoint(stub)], {"SUMMARIZER_CACHE_DIR": str(tmp_path / "c")})
    assert r.exit_code == 1
    assert "not JSON that fits the request schema" in r.stderr and "Traceback" not in r.stderr
