"""What changed since an earlier briefing (``--since``, ``summarizer.changes``), on the feed
followed over three days in tests/data/days (written for the tests; answers recorded with the
embedded model in fixtures/days)."""

from __future__ import annotations

import datetime
import importlib
import json
import re

import jsonschema
import pytest
from typer.testing import CliRunner

import summarizer
from summarizer.cli import app
from summarizer.evaluate.days import DaysScore, score_day
from summarizer.schemas import Digest

from .conftest import ROOT

DAYS = ROOT / "tests" / "data" / "days"
REPLAY = str(ROOT / "fixtures" / "days")
runner = CliRunner()


@pytest.fixture(scope="module")
def days() -> list[Digest]:
    """Each day's digest, briefed from the replayed answers (no --since)."""
    out = []
    for day in ("day1", "day2", "day3"):
        d = summarizer.brief([str(DAYS / day)], replay=REPLAY)
        assert isinstance(d, Digest)
        out.append(d)
    return out


def test_a_briefing_against_itself_is_unchanged(days):
    c = summarizer.changes(days[0], days[0])
    assert c.items and {i.status for i in c.items} == {"unchanged"}
    assert c.since == "2026-11-16"  # its latest article's date, not the clock


def test_a_figure_that_moved_is_an_update_with_both_values(days):
    c = summarizer.changes(days[0], days[1])
    moved = [i for i in c.items if i.kind == "fact" and i.status == "updated" and "figure" in i.what]
    assert any(i.old == "1,900" and i.new == "4,600" for i in moved), [(i.text, i.old, i.new) for i in moved]
    assert any(i.old == "210,000" and i.new == "385,000" for i in moved)
    for i in moved:  # each update cites the articles that say it now and those that said it then
        assert i.sources and i.previous_sources and i.previous_id


def test_what_moved_is_said_by_both_statements_of_one_story(days):
    """A figure moves between the two statements themselves, counting one thing in one story
    that goes on; "were on the fire" tells the count of firefighters as "with 330 firefighters"
    does (a verb that only states a value does not make another measure)."""
    day2 = summarizer.changes(days[0], days[1])
    assert any(i.status == "updated" and (i.old, i.new) == ("330", "520") for i in day2.items)
    for i in day2.items:  # a town's 18,000 people are not the 7,500 sent from their homes
        assert i.old != "18,000", (i.text, i.old, i.new)
    day3 = summarizer.changes(days[1], days[2])
    theft = next(i.story for i in day3.items if i.kind == "story" and i.status == "new")
    # the stolen pieces' 9 million florins are no update of the province's 8 million
    assert not [i for i in day3.items if i.story == theft and i.status != "new"]
    for i in day3.items:
        if i.status == "updated" and "figure" in i.what and i.kind != "disagreement":  # (a disagreement's text is its subject)
            assert any(v in i.text for v in (i.new or "").split("; ")), (i.text, i.old, i.new)


def test_the_new_since_section_tells_each_change_once(tmp_path, days):
    earlier = tmp_path / "day1.json"
    earlier.write_text(days[0].model_dump_json(indent=2))
    md = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", REPLAY, "--since", str(earlier)], catch_exceptions=False).stdout
    since = md[: md.index("\n# ", 1)]
    lines = [x for x in since.splitlines() if x.startswith("- ")]
    # four items tell the fire's 1,900 -> 4,600 hectares: one line, cited by all their articles
    assert sum("1,900 → 4,600" in x for x in lines) == 1
    moved = [x for x in lines if "1,900 → 4,600" in x][0]
    assert moved.count("[") >= 3 and re.findall(r"\[(\d+)\]", moved) == sorted(re.findall(r"\[(\d+)\]", moved), key=int)
    # the timeline's "Governor Venck declared disaster zone" is told by a longer entry
    assert not any(x.endswith("event: Governor Venck declared disaster zone [3]") for x in lines)
    assert any("disaster zone on Tuesday morning" in x for x in lines)
    # what the fire story said on Monday and nobody says now is told under the story that goes on
    fire = since[: since.index("## 2.")]
    assert "**no longer reported** fact: The K22 expressway" in fire
    # a statement that goes on and says, this time, when: the clause that says it is new, with its subject
    assert any(x.endswith("event: The P7 road between Quenlow and Harnoch is expected to reopen on Friday, police said [2]") for x in lines), [
        x for x in lines if "P7" in x
    ]
    # two values that moved in one statement, each beside the one it became
    (tmp_path / "day2.json").write_text(days[1].model_dump_json())
    day3 = runner.invoke(app, ["brief", str(DAYS / "day3"), "--replay", REPLAY, "--since", str(tmp_path / "day2.json")]).stdout
    assert "the figure: 15 per cent → 65 per cent; 4,600 → 5,100" in day3


def test_a_quotation_continues_inside_a_longer_one_of_its_speaker(days):
    """Quotations are looked up by their rarest word (not each against all): one that is part
    of an earlier one by the same speaker goes on; the same words from someone else do not."""
    story = days[1].stories[0]
    q = next(q for q in story.briefing.quotes if len(q.text.split()) >= 8 and q.speaker != "unknown")
    cut = " ".join(q.text.split()[2:-2])

    def told(text: str, speaker: str) -> Digest:
        quotes = [x.model_copy(update={"text": text, "speaker": speaker}) if x.id == q.id else x for x in story.briefing.quotes]
        briefing = story.briefing.model_copy(update={"quotes": quotes})
        return days[1].model_copy(update={"stories": [story.model_copy(update={"briefing": briefing}), *days[1].stories[1:]]})

    same = {i.id: i.status for i in summarizer.changes(days[1], told(cut, q.speaker)).items if i.kind == "quote"}
    assert same[q.id] == "unchanged" and set(same.values()) == {"unchanged"}
    longer = {i.id: i.status for i in summarizer.changes(told(cut, q.speaker), days[1]).items if i.kind == "quote"}
    assert longer[q.id] == "unchanged"  # the earlier words inside today's
    other = summarizer.changes(days[1], told(cut, "Someone Else Entirely")).items
    assert {i.status for i in other if i.kind == "quote" and (i.id == q.id or i.status != "unchanged")} == {"new", "no_longer_reported"}


def test_stories_that_appear_and_go_quiet(days):
    c = summarizer.changes(days[1], days[2])
    stories = {i.status: i for i in c.items if i.kind == "story"}
    assert "chalice" in stories["new"].text.casefold()
    assert "tavistra" in stories["no_longer_reported"].text.casefold()
    gone = [i for i in c.items if i.status == "no_longer_reported" and i.kind == "fact"]
    assert gone and all(s in {e.id for e in c.earlier_sources} for i in gone for s in i.sources)  # cited by the earlier articles


def test_marks_against_the_labels(days):
    """The measured marks (README, "What changed since the last briefing"), kept from falling.
    First scored: new P 0.64 R 0.83, updated P 0.93 R 0.81, unchanged P 0.76 R 0.92, no longer
    reported P 0.84 R 0.83. Since a figure that moved is an update whichever kind of item tells
    it (and only when both statements say it), "ask" continues nothing and a look-alike figure
    of another story moves nothing, a value the earlier item already gave moves nothing, and a
    statement that goes on and adds a date ahead is updated: new P 0.84 R 0.74, updated 0.94 /
    0.94, unchanged 0.94 / 0.92, no longer reported 0.94 / 0.79 -- new's recall fell where one
    item tells an old and a new thing ("remains closed and is expected to reopen on Friday": it
    goes on, so it is not new; it is updated, adding "on Friday"). Since a part of a statement
    that goes on which its story never told is a new change of its own (``merge.told``) and a
    death told where the story said no one had died moves its toll from none: new P 0.94 R 0.91,
    updated 0.97 / 1.00, unchanged 0.94 / 1.00, no longer reported 0.94 / 0.79."""
    labels = json.loads((DAYS / "labels.json").read_text())
    score = DaysScore()
    for k in (1, 2):
        now = days[k].model_copy(update={"changes": summarizer.changes(days[k - 1], days[k])})
        score_day(labels["days"][k], labels["days"][k - 1], now, days[k - 1], score)
    assert score.stories_right == score.stories == 5
    assert score.precision("updated") >= 0.9 and score.recall("updated") >= 0.9
    assert score.precision("new") >= 0.9 and score.precision("no_longer_reported") >= 0.9 and score.precision("unchanged") >= 0.9
    assert score.recall("new") >= 0.9 and score.recall("unchanged") >= 0.9 and score.recall("no_longer_reported") >= 0.75


def test_a_part_its_story_never_told_is_new_of_its_own(days):
    """Day 2's "remains closed and is expected to reopen on Friday" goes on from day 1's "is
    closed": the item is unchanged, and its second clause -- with its subject -- is a new part;
    a part's own words are what the labels are read in."""
    got = summarizer.changes(days[0], days[1])
    parts = [c for c in got.items if c.part]
    assert all(c.status in ("new", "no_longer_reported") for c in parts)
    reopen = [c for c in parts if "reopen on Friday" in c.text]
    assert [c.status for c in reopen] == ["new"] and reopen[0].text.startswith("The P7 road")
    whole = [c for c in got.items if not c.part and c.id == reopen[0].id and c.kind == reopen[0].kind]
    assert [c.status for c in whole] == ["unchanged"]  # (not "updated, adds: on Friday": the part tells it)


def test_a_first_death_moves_the_toll_from_none(days):
    got = summarizer.changes(days[0], days[1])
    dead = [c for c in got.items if not c.part and c.kind == "fact" and "found dead" in c.text]
    assert dead and all(c.status == "updated" and c.old == "none" and c.previous_text == "No one has been killed." for c in dead)
    assert not [c for c in got.items if c.status == "no_longer_reported" and c.text == "No one has been killed."]


def test_a_figure_its_story_no_longer_gives_is_a_part_no_longer_reported(days):
    """Day 1's "330 firefighters and six water-bombing helicopters", "Quenlow, a town of about
    18,000 people" and "Harnoch, about 6 km north of Quenlow" sit in statements that go on
    (the 330, 3,200 and 12 moved); no day-2 article gives the six, the 18,000 or the 6 km: each is a
    part no longer reported, with the words around it. What moved is told by its move, not as gone."""
    got = summarizer.changes(days[0], days[1])
    gone = {c.old: c for c in got.items if c.part and c.status == "no_longer_reported"}
    assert set(gone) == {"six water-bombing helicopters", "18,000 people", "6 km north"}, sorted(gone)
    assert gone["18,000 people"].text == "Quenlow, a town of about 18,000 people"
    assert gone["6 km north"].text == "Harnoch, about 6 km north of Quenlow"
    assert all(c.what == ["figure"] and c.previous_text and c.old in c.previous_text for c in gone.values())
    # a figure a day-3 article still gives, in other words ("Osric Tamberly, 71" for "a 71-year-old man"), is not gone
    assert not [c for c in summarizer.changes(days[1], days[2]).items if c.part and c.status == "no_longer_reported" and "71" in (c.old or "")]


def test_brief_since_opens_with_what_is_new(tmp_path, days):
    earlier = tmp_path / "day1.json"
    earlier.write_text(days[0].model_dump_json(indent=2))
    md = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", REPLAY, "--since", str(earlier)], catch_exceptions=False)
    assert md.exit_code == 0, md.stderr
    assert md.stdout.startswith("# New since the briefing of 2026-11-16\n")
    assert "**updated** fact:" in md.stdout and "1,900 → 4,600" in md.stdout and "[E1]" in md.stdout
    assert "**new:** " in md.stdout  # the items of the briefing below carry their marks
    js = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", REPLAY, "--since", str(earlier), "-f", "json"])
    data = json.loads(js.stdout)
    jsonschema.validate(data, json.loads((ROOT / "schemas" / "digest.schema.json").read_text()))
    jsonschema.validate(data["changes"], json.loads((ROOT / "schemas" / "changes.schema.json").read_text()))
    page = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", REPLAY, "--since", str(earlier), "-f", "html"]).stdout
    assert page.index('<section id="since"') < page.index("<header>") and '<span class="change">updated</span>' in page
    # without --since nothing changes: no "changes" key at all
    plain = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", REPLAY, "-f", "json"])
    assert "changes" not in json.loads(plain.stdout)


def test_since_must_be_a_briefing_of_this_tool(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": 1}')
    r = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", REPLAY, "--since", str(bad)])
    assert r.exit_code == 2 and "not a briefing or digest of this tool" in r.stderr
    with pytest.raises(summarizer.InputError):
        summarizer.brief([str(DAYS / "day2")], replay=REPLAY, since=tmp_path / "missing.json")


def test_library_brief_since_carries_the_changes(days):
    d = summarizer.brief([str(DAYS / "day3")], replay=REPLAY, since=days[1])
    assert d.changes is not None and d.changes.since == "2026-11-17"
    assert d.changes.counts["new"] > 0 and d.changes.counts["no_longer_reported"] > 0


# ----------------------------------------------------------------------------- the store


def test_a_rerun_with_the_store_asks_nothing_and_changes_nothing(tmp_path):
    db, empty = tmp_path / "feed.db", tmp_path / "no-recording"
    empty.mkdir()
    first = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", REPLAY, "--store", str(db), "-f", "json"])
    assert first.exit_code == 0, first.stderr
    # again, with a recording that holds nothing: any request would fail the run
    again = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", str(empty), "--store", str(db), "-f", "json"])
    assert again.exit_code == 0, again.stderr
    assert "usage: 0 model calls, 6 replayed/cached" in again.stderr
    data = json.loads(again.stdout)
    assert data["changes"]["since"] == "2026-11-17" and {c["status"] for c in data["changes"]["items"]} == {"unchanged"}


def test_the_store_carries_the_feed_from_day_to_day(tmp_path):
    db = tmp_path / "feed.db"
    assert runner.invoke(app, ["brief", str(DAYS / "day1"), "--replay", REPLAY, "--store", str(db), "-o", str(tmp_path / "d1.md")]).exit_code == 0
    day2 = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", REPLAY, "--store", str(db), "--window", "48h", "-f", "json"])
    assert day2.exit_code == 0, day2.stderr
    data = json.loads(day2.stdout)
    assert data["changes"]["since"] == "2026-11-16"  # yesterday's briefing, kept in the store, is the --since
    fire = next(s for s in data["stories"] if "Corrowin" in json.dumps(s["briefing"]["facts"]))
    assert {"m1_lamp", "m2_kpa"} <= set(fire["sources"])  # the window brings day 1's articles into the story
    listed = runner.invoke(app, ["store", str(db), "--list", "-f", "json"])
    assert len(json.loads(listed.stdout)) == 12
    pruned = runner.invoke(app, ["store", str(db), "--prune", "12h"])
    assert pruned.exit_code == 0 and "pruned 6 articles" in pruned.stderr


def test_the_store_keeps_each_briefing_as_read(tmp_path, days):
    """A run with a store keeps its briefing with its items as read; the next run compares with
    those (no earlier result loaded, no description parsed again) and marks as a run that reads
    everything again marks; a briefing kept without them (a store of an earlier version) is read
    from its articles' results."""
    from summarizer.following import follow
    from summarizer.inputs.store import Store

    load_read = importlib.import_module("summarizer.merge.changes").load_read

    results = [summarizer.extract([str(DAYS / d)], replay=REPLAY) for d in ("day1", "day2")]
    with Store(tmp_path / "feed.db") as store:
        for r in results[0]:
            store.put(r, "", None)
        follow(days[0], results[0], store, None)
        kept = store.last_readings()
        items = sum(len(s.briefing.facts) + len(s.briefing.disagreements) + len(s.briefing.events) for s in days[0].stories if s.briefing)
        assert kept and len(json.loads(kept)["items"]) == items  # each fact, disagreement and event, with its claims
        assert load_read(kept.replace('"format":1', '"format":0')) is None  # kept by a version that read items otherwise: read again
        assert load_read(json.dumps(json.loads(kept)["items"])) is None  # ... or before readings carried a format
        now = follow(days[1], results[1], store, store.last())
        again = summarizer.api.with_changes(days[1], days[0], [*results[0], *results[1]])
        assert now.changes is not None and again.changes is not None
        assert [(i.kind, i.id, i.status, i.old, i.new) for i in now.changes.items] == [(i.kind, i.id, i.status, i.old, i.new) for i in again.changes.items]
        store.keep_briefing(days[1].model_dump_json(), "2026-11-17")  # no readings kept with it
        assert store.last_readings() is None
        later = follow(days[2], [], store, store.last())  # read from the store's results of its articles
        assert later.changes is not None and later.changes.counts.get("updated", 0) > 0
    with Store(tmp_path / "feed.db") as store:
        store.prune(datetime.timedelta(days=0))
        assert store.db.execute("SELECT count(*) FROM readings").fetchone()[0] == 1  # the last briefing's, kept


def test_an_interrupted_run_keeps_what_it_finished(tmp_path):
    folder, db = tmp_path / "in", tmp_path / "feed.db"
    folder.mkdir()
    for f in sorted((DAYS / "day1").glob("m1_*.txt")):
        (folder / f.name).write_text(f.read_text())
    (folder / "zz_unrecorded.txt").write_text("date 2026-11-16\nA new headline\n\n" + "The council met on Monday and approved a budget of 4 million florins for the harbour. " * 3)
    r = runner.invoke(app, ["brief", str(folder), "--replay", REPLAY, "--store", str(db)])
    assert r.exit_code == 3 and "not in the recording" in r.stderr  # partial: the last article cannot be answered
    listed = json.loads(runner.invoke(app, ["store", str(db), "--list", "-f", "json"]).stdout)
    assert sorted(x["id"] for x in listed) == ["m1_beacon", "m1_chronicle", "m1_lamp", "m1_sentinel"]


def test_two_writers_at_once(tmp_path, days):
    import threading

    from summarizer.inputs.store import Store

    done = summarizer.run([str(DAYS / "day1")], brief=False, replay=REPLAY).results
    Store(tmp_path / "feed.db").close()  # created once; then two connections write at the same time

    def write(k: int) -> None:
        with Store(tmp_path / "feed.db") as s:
            for _ in range(20):
                for r in done[k::2]:
                    s.put(r, "text", None)

    threads = [threading.Thread(target=write, args=(k,)) for k in (0, 1)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    with Store(tmp_path / "feed.db") as s:
        assert sorted(x.id for x in s.articles()) == sorted(r.source.id for r in done)


def test_store_options_that_cannot_work(tmp_path):
    r = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", REPLAY, "--window", "48h"])
    assert r.exit_code == 2 and "--window needs --store" in r.stderr
    r = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", REPLAY, "--store", str(tmp_path / "s.db"), "--window", "two days"])
    assert r.exit_code == 2 and "give hours or days" in r.stderr
    bad = tmp_path / "not.db"
    bad.write_text("hello, I am not a database" * 100)
    r = runner.invoke(app, ["brief", str(DAYS / "day2"), "--replay", REPLAY, "--store", str(bad)])
    assert r.exit_code == 2 and "not a store of this tool" in r.stderr


def test_claims_at_hand_are_compared_as_read(days):
    """With the per-article results at hand (a run's own, a store's), their claims are compared
    instead of the briefings' words read again: the same marks on the three days."""
    from summarizer.merge.changes import changes

    results = [r for day in ("day1", "day2") for r in summarizer.run([str(DAYS / day)], brief=False, replay=REPLAY).results]
    read_again = changes(days[0], days[1])
    as_read = changes(days[0], days[1], readings=results)
    assert [(c.kind, c.id, c.status, c.what) for c in as_read.items] == [(c.kind, c.id, c.status, c.what) for c in read_again.items]
