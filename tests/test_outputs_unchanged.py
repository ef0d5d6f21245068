"""Every replayed output, byte for byte: the per-article JSON and the briefing in Markdown, JSON
and HTML of each recorded set, through the command line as a user runs it, against the files
kept in ``tests/outputs/``. A change of code that is meant to leave outputs alone (a refactor)
must pass this unchanged; a change that means to alter an output rewrites the kept files with
``SUMMARIZER_UPDATE_OUTPUTS=1 pytest tests/test_outputs_unchanged.py`` and shows the new text
in its diff for review."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

from .conftest import ROOT

KEPT = ROOT / "tests" / "outputs"
UPDATE = os.environ.get("SUMMARIZER_UPDATE_OUTPUTS") == "1"
DESK = ROOT / "tests" / "data" / "desk"

#: name -> the command's arguments (paths relative to the repository root); the seeds' variants
#: keep their briefings only (their per-article JSON is the seeds')
SETS: dict[str, list[str]] = {
    "seeds": ["brief", "seeds", "--replay", "fixtures/seeds"],
    "seeds-synthesis": ["brief", "seeds", "--replay", "fixtures/seeds", "--synthesis"],
    "seeds-adjudicated": ["brief", "seeds", "--replay", "fixtures/seeds", "--adjudicate"],
    "stories-fire": ["brief", "tests/data/stories/fire", "--replay", "fixtures/stories"],
    "stories-rates": ["brief", "tests/data/stories/rates", "--replay", "fixtures/stories"],
    "mixed": ["brief", "tests/data/mixed", "--replay", "fixtures/mixed"],
    "long": ["brief", "tests/data/long/marrowick-live.txt", "--replay", "fixtures/long"],
    "speakers": ["brief", "tests/data/speakers", "--replay", "fixtures/speakers"],
    **{f"desk-{d.name}": ["brief", f"tests/data/desk/{d.name}", "--replay", "fixtures/desk"]
       for d in sorted(DESK.iterdir()) if d.is_dir()},
}  # fmt: skip


VARIANTS = {"seeds-synthesis", "seeds-adjudicated"}


def _run(args: list[str], tmp_path: Path, per_article: bool) -> dict[str, str]:
    """The outputs of one command: ``briefing.<format>`` and ``articles/<id>.json``."""
    outputs = {}
    cwd = os.getcwd()
    os.chdir(ROOT)  # the paths a user types, so ids and sources read the same on every checkout
    try:
        for fmt in ("md", "json", "html"):
            target = tmp_path / f"briefing.{fmt}"
            extra = ["--out-dir", str(tmp_path / "articles")] if fmt == "json" and per_article else []
            r = CliRunner().invoke(app, [*args, "--format", fmt, "-o", str(target), "-q", *extra], catch_exceptions=False)
            assert r.exit_code == 0, r.stderr
            outputs[target.name] = target.read_text()
    finally:
        os.chdir(cwd)
    for f in sorted((tmp_path / "articles").glob("*.json")):
        outputs[f"articles/{f.name}"] = f.read_text()
    return outputs


@pytest.mark.parametrize("name", sorted(SETS))
def test_replayed_outputs_are_the_kept_ones(name: str, tmp_path: Path) -> None:
    outputs = _run(SETS[name], tmp_path, per_article=name not in VARIANTS)
    folder = KEPT / name
    if UPDATE:
        for old in folder.rglob("*.*") if folder.exists() else []:
            old.unlink()
        for rel, text in outputs.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_text(text)
    kept = {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*.*"))}
    assert sorted(outputs) == sorted(kept), f"{name}: other files than the kept ones"
    assert len(outputs) >= (3 if name in VARIANTS else 4)  # three briefing formats, and the articles
    for rel in sorted(outputs):
        assert outputs[rel] == kept[rel], f"{name}/{rel} differs from tests/outputs/{name}/{rel}"
