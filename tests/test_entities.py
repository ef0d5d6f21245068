"""Who said it, and who is who: speakers that hold where gender, a shared surname or an aside
decides (summarizer.reading.quotes), and people / organisations / places typed by how the text treats
a name (summarizer.reading.entities).

Every sentence in the small tests was written for these tests (invented people and places,
shaped like the reporting they stand for). The last tests measure both against the labels of
the speakers set (tests/data/speakers: seven articles written for the tests, labelled from
reading; its README says so), replayed from the embedded model's recorded answers."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.reading.entities import name_entities
from summarizer.reading.quotes import find_quotes

from .conftest import ROOT

SPEAKERS = ROOT / "tests" / "data" / "speakers"


def said(text: str, words: str) -> str | None:
    """The speaker code gives the quote that starts with ``words``."""
    [q] = [q for q in find_quotes(text) if q.text.startswith(words)]
    return q.speaker


def types(text: str) -> dict[str, str]:
    """Name -> type for every line of ``text`` (each line a paragraph of news)."""
    lines, at = [], 0
    for line in text.split("\n"):
        lines.append((at, at + len(line)))
        at += len(line) + 1
    return {n.label: n.kind for n in name_entities(text, lines)}


# ----------------------------------------------------------------------------- speakers


def test_a_shared_surname_is_settled_by_the_honorific():
    text = (
        "Nora Vell and her husband, Tomas Vell, run the bakery on Mill Street.\n"
        '"We lost a week of trade," Mrs. Vell said.\n'
        '"The insurers have not called back," Mr. Vell said.'
    )
    assert said(text, "We lost") == "Nora Vell"
    assert said(text, "The insurers") == "Tomas Vell"


def test_a_shared_surname_without_an_honorific_stays_unsure():
    text = (
        "Nora Vell and her husband, Tomas Vell, run the bakery on Mill Street.\n"
        '"Nobody from the council came," Vell said.'
    )
    [q] = find_quotes(text)
    assert q.speaker is None and q.rule == "unsure"  # never a guess shown as the text's own


def test_he_said_passes_over_the_woman_named_just_before():
    text = (
        "Harbour master Piet Ogun said the quay would reopen on Friday. Asked about the cost, he pointed "
        "to the insurer, and Ms. Dara Lusk, the insurer's agent, did not comment.\n"
        '"We will pay for the cranes ourselves if we must," he said.'
    )
    assert said(text, "We will pay") == "Piet Ogun"


def test_her_son_named_before_her_words_does_not_take_them():
    text = (
        "Elin Morrow has campaigned for a crossing since March. Her son Kit, 19, was hit by a van there.\n"
        '"He should be at college this week," she said.'
    )
    assert said(text, "He should be") == "Elin Morrow"


@pytest.mark.parametrize(
    "text",
    [
        'Mayor Ines Rook, in the council chamber after the vote was counted, declared: "The pier stays ours."',
        'Rook, 68, a former ferry captain, said "the pier stays ours" on Tuesday.',
        'Ines Rook, a Liberal from Sandmouth, said: "The pier stays ours."',
    ],
)
def test_an_aside_between_the_speaker_and_the_verb_is_skipped(text):
    text = "Ines Rook has led the council since 2019.\n" + text
    [q] = find_quotes(text)
    assert q.speaker == "Ines Rook"


def test_a_pair_of_relatives_gendered_in_turn():
    text = (
        "The fair was revived by Lene and Odd Brakke, sister and brother, who keep the smokehouse.\n"
        '"Our grandfather ran it for forty years," Ms. Brakke said.\n'
        '"I have not slept since Tuesday," Mr. Brakke said.'
    )
    assert said(text, "Our grandfather") == "Lene Brakke"
    assert said(text, "I have not") == "Odd Brakke"


# ----------------------------------------------------------------------------- entity types


def test_institutions_are_organisations_and_their_country_a_place():
    got = types(
        "The bill passed Lorvania's Senate on Tuesday and now returns to Parliament, where the Liberals "
        "and the Conservatives backed an earlier version. A Conservative senator said the Senate had "
        "acted in haste. The Lorvanian Senate sits again in May."
    )
    assert got.get("Senate") == "organisation" and got.get("Parliament") == "organisation"
    assert got.get("Conservatives") == "organisation"
    assert "Lorvanian Senate" not in got and "Lorvania's Senate" not in got
    assert got.get("Lorvania") == "place"


def test_an_acronym_in_brackets_joins_its_name():
    got = types(
        "Talks broke down on Monday, and the Dock and Harbour Workers' Union (DHWU) said it would ballot "
        "members. The DHWU last called a strike in 2019, when the DHWU closed the port for a week."
    )
    assert got == {"Dock and Harbour Workers' Union (DHWU)": "organisation"}


@pytest.mark.parametrize(
    "text, not_a_name",
    [
        ("LIVE UPDATES: River Osk floods Tamsby\nWATCH: the river at Tamsby Bridge on Friday", "LIVE"),
        ("The Mayor's office said the Tamsby plan was approved. Officials in Tamsby said so too.", "Mayor's"),
        ("Valdorian officials said the border with Valdoria stayed open. Officials in Valdoria agreed.", "Valdorian"),
        ("Russians queued at the border on Monday, officials in Russia said.", "Russians"),
        ('The minister defended what the cabinet calls the "Northern Promise", a rail plan.', "Northern Promise"),
    ],
)
def test_headers_adjectives_possessives_and_slogans_are_no_names(text, not_a_name):
    assert not any(name.startswith(not_a_name) for name in types(text))


def test_a_title_inside_a_run_splits_it():
    got = types(
        "Talks opened in Tamsby on Monday. Valdorian President Arno Keel met NATO Secretary-General Mia "
        "Strand, and Keel said the talks were useful."
    )
    assert got.get("Arno Keel") == "person" and got.get("Mia Strand") == "person"
    assert not any("President" in n or "Secretary" in n for n in got)


def test_places_by_how_the_text_uses_them():
    got = types(
        "Envoys from Britain, Germany, France and Poland met in Tamsby, and ships were diverted to ports "
        "in neighbouring Kessvik. Flooding hit the Donsk, Lurha and Kerso regions.\n"
        "Norvale's central bank raised rates on Thursday."
    )
    for place in ("Germany", "France", "Poland", "Tamsby", "Kessvik", "Donsk", "Lurha", "Kerso", "Norvale"):
        assert got.get(place) == "place", (place, got)


def test_the_x_that_acts_is_no_person():
    got = types("Talks stalled on Monday after the Kremlin refused a ceasefire, and the Norpress agency said so.")
    assert got.get("Kremlin") == "organisation" and got.get("Norpress") == "organisation"


# ----------------------------------------------------------------------------- the labels


@pytest.fixture(scope="module")
def speakers_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("speakers")
    runner = CliRunner()
    r = runner.invoke(app, ["extract", str(SPEAKERS), "--replay", str(ROOT / "fixtures" / "speakers"), "-d", str(out), "-q"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["evaluate", str(out), "--labels", str(SPEAKERS / "labels.json"), "--errors"])
    assert r.exit_code == 0, r.output
    return r.stdout


def last_lines(output: str) -> tuple[tuple[int, int, int, int], dict[str, tuple[float, float]]]:
    """The two last lines of ``summarizer evaluate``: speakers and entities, parsed."""
    lines = [line for line in output.splitlines() if not line.startswith(" ")]
    m = re.fullmatch(r"speakers: right (\d+), wrong shown (\d+), unattributed (\d+) of (\d+)", lines[-2])
    assert m, lines[-2]
    found = re.findall(r"(person|organisation|place) ([\d.]+)/([\d.]+)", lines[-1])
    assert lines[-1].startswith("entities: ") and len(found) == 3, lines[-1]
    return tuple(map(int, m.groups())), {k: (float(p), float(r)) for k, p, r in found}


def test_the_speakers_set_meets_the_bar(speakers_run):
    """The issue's bar on the speakers set: speakers shown right >= 0.97, unattributed <= 15 %,
    entity precision >= 0.9 per type."""
    (right, wrong, unattributed, total), entities = last_lines(speakers_run)
    assert total >= 30
    assert right / (right + wrong) >= 0.97
    assert unattributed / total <= 0.15
    for kind, (precision, recall) in entities.items():
        assert precision >= 0.9, (kind, speakers_run)
        assert recall >= 0.8, (kind, speakers_run)
