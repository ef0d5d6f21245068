"""The desk test set (tests/data/desk: six multi-outlet stories written for the tests, labelled
from reading before the tool ran on them; its README says so), replayed from the embedded
model's recorded answers (fixtures/desk), read the way an editor reads a briefing."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

from .conftest import ROOT

DESK = ROOT / "tests" / "data" / "desk"
FIXTURES = ROOT / "fixtures" / "desk"


@pytest.fixture(scope="module")
def desk_run():
    r = CliRunner().invoke(app, ["evaluate", "--desk", str(DESK), "--replay", str(FIXTURES), "--errors"])
    assert r.exit_code == 0, r.output
    return r.stdout


def test_the_desk_scores_what_an_editor_needs(desk_run):
    """The issue's bar: every headline states the main news, citations hold, no line that is
    not news is shown, disagreements measure the same thing and are found, no year invented."""
    last = next(line for line in desk_run.splitlines() if line.startswith("desk: "))
    m = re.fullmatch(
        r"desk: headline (\d+)/(\d+), citation precision ([\d.]+), junk (\d+), "
        r"disagreements precision ([\d.]+) recall ([\d.]+), invented dates (\d+)",
        last,
    )
    assert m, last
    heads, stories, citations, junk, precision, recall, invented = m.groups()
    assert heads == stories == "6"
    assert float(citations) >= 0.95
    assert junk == "0" and invented == "0"
    assert float(precision) >= 0.9 and float(recall) >= 0.8


def test_each_story_has_its_line(desk_run):
    lines = [line for line in desk_run.splitlines() if not line.startswith(" ")]
    assert [line.split(":")[0] for line in lines] == [
        "flight", "funding", "outbreak", "quake", "resign", "strike", "desk", "speakers", "entities"
    ]  # fmt: skip


def test_speakers_and_entities_on_the_desk_meet_the_bar(desk_run):
    """The speakers-and-entities issue's bar on the desk's labels: speakers shown right >= 0.97,
    unattributed <= 15 %, entity precision >= 0.9 per type, recall not below what the rules
    reached before them (organisation 0.24, place 0.56)."""
    from .test_entities import last_lines

    (right, wrong, unattributed, total), entities = last_lines(desk_run)
    assert total >= 80 and right / (right + wrong) >= 0.97 and unattributed / total <= 0.15
    assert all(precision >= 0.9 for precision, _ in entities.values()), entities
    assert entities["organisation"][1] >= 0.7 and entities["place"][1] >= 0.85, entities


def test_every_label_pattern_finds_its_place():
    """A pattern that matches nothing is an error of the labels (the evaluator raises on one)."""
    from summarizer.evaluate import resolve
    from summarizer.inputs.articles import load_file

    for labels_file in sorted(DESK.glob("*/labels.json")):
        texts = {p.stem: load_file(p).raw for p in labels_file.parent.glob("*.txt")}
        labels = json.loads(labels_file.read_text(encoding="utf-8"))
        resolve(labels["main_news"]["in"], texts)
        for spec in labels["facts"].values():
            resolve(spec["in"], texts)
        for spec in labels["disagreements"].values():
            for side in spec["sides"]:
                resolve(side, texts)


def test_a_briefing_of_a_desk_story_reads_as_news():
    """The reader's copy: the headline is one of the articles' own headlines, the overview
    dated by day, no dateline/caption/credit in what is shown, diagnostics only with
    --evidence, and at most twelve quotes with a count of the rest."""
    runner = CliRunner()
    r = runner.invoke(app, ["brief", str(DESK / "quake"), "--replay", str(FIXTURES)])
    assert r.exit_code == 0, r.stderr
    md = r.stdout
    head = md.splitlines()[0]
    titles = [p.read_text(encoding="utf-8").splitlines()[1] for p in (DESK / "quake").glob("*.txt")]
    assert any(t.replace("\\", "") in head.replace("\\", "") for t in titles)
    assert re.search(r"\*\*2026-03-09:\*\*", md) and re.search(r"\*\*2026-03-10:\*\*", md)
    shown = md.split("## Sources")[0]
    for junk in ("(Reuters) -", "(AP) —", "REUTERS/", "/ AP", "Photo:", "Reporting by"):
        assert junk not in shown.replace("\\", ""), junk
    assert "Set aside: not news" not in md and "Not shown: not borne out" not in md
    quotes = md.split("## Quotes")[1].split("\n## ")[0]
    bullets = [line for line in quotes.splitlines() if line.startswith("- ")]
    assert len(bullets) <= 13 and "more (every quote is in the JSON)" in bullets[-1]
    with_diagnostics = runner.invoke(app, ["brief", str(DESK / "quake"), "--replay", str(FIXTURES), "--evidence"]).stdout
    assert "## Set aside: not news" in with_diagnostics and "dateline" in with_diagnostics
    headings = re.findall(r"^### (.+)$", md, re.M)
    assert len(headings) == len(set(headings))
