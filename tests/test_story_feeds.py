"""Stories on real-shaped coverage: names no list types (a product, a feature, a road) tie the
angles of one launch together; weeks apart, only shared people or places tie two articles.

The feed `tests/data/feeds/autumn/` was written for the tests (its README says so), labelled
from reading (`autumn-labels.json`); `fixtures/feeds/` holds the embedded model's answers for
its 15 articles, recorded for real."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.evaluate import evaluate_stories
from summarizer.merge.stories import cluster_stories
from summarizer.reading.names import inner_capitals, proper_names
from summarizer.schemas import ArticleResult, GroundingReport

from .conftest import ROOT


def _article(i: str, day: str, sentences: list[str], people=(), orgs=(), places=()) -> ArticleResult:
    claims, at = [], 0
    for k, s in enumerate(sentences):
        claims.append({"id": f"{i}-c{k}", "text": s, "start": at, "end": at + len(s)})
        at += len(s) + 1
    return ArticleResult(
        source={"id": i, "chars": at, "sha256": "0" * 64, "published": {"iso": day}}, title=sentences[0], summary="",
        key_points=[], people=[{"id": f"p{k}", "name": n} for k, n in enumerate(people)], organizations=list(orgs),
        places=list(places), quotes=[], events=[], grounding=GroundingReport(), claims=claims,
    )  # fmt: skip


# ----------------------------------------------------------------------------- names no list types


def test_products_features_and_roads_are_names_and_sentence_openers_are_not():
    text = [
        "The company said the Halo 3 would ship on October 28.",
        "Nobody expected the price.",
        "Battery life is the other question, reviewers said of the Halo 3.",
        "The car's Pilot Assist system was switched on when it left Route 9.",
        "Fire Commissioner Dana Whitfield said the U.S. team had arrived.",
    ]
    names = proper_names(text)
    assert {"Halo 3", "Pilot Assist", "Route 9", "Dana Whitfield", "U.S."} <= set(names)
    assert not {"Nobody", "Battery", "The", "October", "Fire", "Fire Commissioner"} & set(names)


def test_a_word_that_only_opens_sentences_here_is_a_name_when_another_article_writes_it_inside_one():
    here = ["Tessaro on Tuesday unveiled a headset.", "Tessaro shares rose 4 percent."]
    assert proper_names(here) == []
    elsewhere = inner_capitals(["Reviewers liked the new Tessaro headset."])
    assert proper_names(here, inner=elsewhere) == ["Tessaro"]


def test_a_headline_in_title_case_says_nothing_by_its_capitals():
    assert proper_names(["Tessaro Unveils Halo 3 Headset With Longer Battery Life"]) == []


# ----------------------------------------------------------------------------- angles and occasions


def _launch(i: str, day: str, angle: str) -> ArticleResult:
    return _article(i, day, [f"{angle} the new Halo 3 headset from Tessaro.", f"The Halo 3 costs $1,299, and {angle.lower()} it."],
                    orgs=["Tessaro"])  # fmt: skip


def test_the_angles_of_one_launch_join_on_the_product_and_the_company_although_they_share_no_people():
    arts = [
        _launch("l1", "2026-10-13", "Tessaro unveiled"),
        _launch("l2", "2026-10-20", "A reviewer wore"),
        _launch("l3", "2026-10-21", "Another reviewer tested"),
        _launch("l4", "2026-10-22", "A lab measured"),
    ]
    assert [sorted(s.sources) for s in cluster_stories(arts)] == [["l1", "l2", "l3", "l4"]]
    ties = {m.source: m.shares for s in cluster_stories(arts) for m in s.members}
    assert "Halo 3" in ties["l2"]


def _crash(i: str, day: str, place: str, car: str, person: str) -> ArticleResult:
    return _article(i, day, [
        f"A Valmont {car} crashed in {place}, police said.",
        f"Sergeant {person} said the car's Pilot Assist system was on.",
        "Valmont said it was working with the authorities.",
    ], people=[person], orgs=["Valmont"], places=[place])  # fmt: skip


def test_one_carmakers_two_crashes_a_month_apart_are_two_stories_and_one_crash_told_twice_is_one():
    first = [_crash("c1a", "2026-09-08", "Harlow Ridge", "Strada", "Lena Darrow"),
             _crash("c1b", "2026-09-08", "Harlow Ridge", "Strada", "Lena Darrow")]  # fmt: skip
    second = [_crash("c2a", "2026-10-11", "Dunmore", "Terra", "Halvor Brun"),
              _crash("c2b", "2026-10-12", "Dunmore", "Terra", "Halvor Brun")]  # fmt: skip
    assert sorted(sorted(s.sources) for s in cluster_stories(first + second)) == [["c1a", "c1b"], ["c2a", "c2b"]]


def test_weeks_apart_a_shared_person_or_place_still_ties_a_story():
    early = _crash("c1a", "2026-09-08", "Harlow Ridge", "Strada", "Lena Darrow")
    later = _crash("c1z", "2026-10-20", "Harlow Ridge", "Strada", "Lena Darrow")  # the inquiry's report, weeks on
    assert [sorted(s.sources) for s in cluster_stories([early, later])] == [["c1a", "c1z"]]


# ----------------------------------------------------------------------------- the feed, replayed

FEED = ROOT / "tests" / "data" / "feeds" / "autumn"
FEED_LABELS = json.loads((ROOT / "tests" / "data" / "feeds" / "autumn-labels.json").read_text())


def test_the_feed_groups_into_its_labelled_stories_angles_together_occasions_apart():
    r = CliRunner().invoke(app, ["stories", str(FEED), "--replay", str(ROOT / "fixtures" / "feeds"), "--format", "json", "-q"])
    assert r.exit_code == 0, r.stderr
    digest = json.loads(r.stdout)
    score = evaluate_stories(FEED_LABELS, [s["sources"] for s in digest["stories"]], [x["id"] for x in digest["set_aside"]])
    assert score.documents == 15 and not score.errors, score.errors
    assert score.purity == 1.0 and score.completeness == 1.0
