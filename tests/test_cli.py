"""The CLI end to end (replayed): outputs, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
from typer.testing import CliRunner

from summarizer.cli import app

from .conftest import FIXTURES, ROOT, SEED_IDS, SEEDS

runner = CliRunner()


def cli(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_extract_replay_writes_one_valid_json_per_article(tmp_path):
    out = tmp_path / "out"
    r = cli("extract", str(SEEDS), "--replay", str(FIXTURES), "--out-dir", str(out))
    assert r.exit_code == 0, r.stderr
    schema = json.loads((ROOT / "schemas" / "article.schema.json").read_text())
    files = sorted(out.glob("*.json"))
    assert [f.stem for f in files] == SEED_IDS
    for f in files:
        jsonschema.validate(json.loads(f.read_text()), schema)
    assert "5 ok, 0 failed" in r.stderr and "grounded exact" in r.stderr
    # one line per article, its label styled on a terminal, never markup printed as text
    assert "done 003_78ba1e2aecd73aa2: " in r.stderr and "[green]" not in r.stderr


def test_extract_to_stdout_as_jsonl():
    r = cli("extract", str(SEEDS / "003_78ba1e2aecd73aa2.txt"), "--replay", str(FIXTURES), "--format", "jsonl", "-q")
    assert r.exit_code == 0
    [line] = r.stdout.splitlines()
    assert json.loads(line)["source"]["id"] == "003_78ba1e2aecd73aa2"
    assert r.stderr == ""


def test_replay_miss_is_a_clear_failure(tmp_path):
    story = tmp_path / "new-story.txt"
    story.write_text("The mayor opened a bridge on Tuesday.")
    r = cli("extract", str(story), "--replay", str(FIXTURES))
    assert r.exit_code == 1
    assert "new-story: not in the recording" in r.stderr


def test_partial_failure_exit_code_keeps_the_good_results(tmp_path):
    story = tmp_path / "new-story.txt"
    story.write_text("The mayor opened a bridge on Tuesday.")
    out = tmp_path / "out"
    r = cli("extract", str(SEEDS / "004_9d2b0e729d22a81c.txt"), str(story), "--replay", str(FIXTURES), "-d", str(out))
    assert r.exit_code == 3
    assert [f.stem for f in out.glob("*.json")] == ["004_9d2b0e729d22a81c"]
    assert "1 ok, 1 failed" in r.stderr


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: (d / "empty.txt").write_text("") and d / "empty.txt" or d / "empty.txt", "empty article"),
        (lambda d: (d / "blank.txt").write_text("  \n \n") and d / "blank.txt", "empty article"),
        (lambda d: (d / "bin.txt").write_bytes(b"\x00\xff\x00ELF") and d / "bin.txt", "binary"),
        (lambda d: (d / "nothing").mkdir() or d / "nothing", "no articles here"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_file(tmp_path, setup, message):
    path = setup(tmp_path)
    r = cli("extract", str(path), "--replay", str(FIXTURES))
    assert r.exit_code == 2
    assert message in r.stderr and str(path) in r.stderr.replace("\n", "")
    assert "Traceback" not in r.stderr


def test_usage_errors_exit_2():
    assert cli("extract", str(SEEDS), "--concurrency", "0").exit_code == 2
    assert cli("extract", str(SEEDS), "--mode", "xml", "--replay", str(FIXTURES)).exit_code == 2
    assert cli("extract", str(SEEDS), "--base-url", "http://127.0.0.1:9/v1").exit_code == 2  # no --model


def test_real_process_has_no_traceback_and_help_shows_examples():
    r = subprocess.run(
        [sys.executable, "-m", "summarizer", "extract", "/nonexistent/file.txt"], capture_output=True, text=True
    )
    assert r.returncode == 2 and "Traceback" not in r.stderr and "/nonexistent/file.txt" in r.stderr
    h = subprocess.run([sys.executable, "-m", "summarizer", "extract", "--help"], capture_output=True, text=True)
    assert h.returncode == 0 and "--replay" in h.stdout and "Examples" in h.stdout


def test_endpoint_down_is_one_clear_line(tmp_path):
    r = cli("extract", str(SEEDS / "004_9d2b0e729d22a81c.txt"), "--base-url", "http://127.0.0.1:9/v1", "-m", "x", "--no-cache")
    assert r.exit_code == 1
    assert "cannot reach http://127.0.0.1:9/v1" in r.stderr
    assert "Traceback" not in r.stderr


def test_cli_stays_thin():
    """The orchestration lives in the library (summarizer.api, summarizer.pipeline); the layer
    contracts themselves are checked by lint-imports (pyproject.toml, .ci/run)."""
    from .conftest import ROOT

    lines = sum(len(p.read_text().splitlines()) for p in (ROOT / "summarizer" / "cli").glob("*.py"))
    assert 300 < lines < 800  # the commands, their options, the run with its progress
