"""A day's folder in, one briefing per story out: story clustering, documents set aside, the
digest in every format, and a URL and a feed served from 127.0.0.1 briefed end to end.

`tests/data/mixed/` is the seeds, the fire and rates stories and five non-articles written for
the tests (see tests/data/stories/README.md); `fixtures/mixed/` holds the embedded model's
answers for its twelve articles, recorded for real."""

from __future__ import annotations

import dataclasses
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.inputs import articles, noise
from summarizer.language import ENGLISH
from summarizer.merge.stories import StoryThresholds, cluster_stories
from summarizer.schemas import ArticleResult, Digest, GroundingReport

from .conftest import ROOT

MIXED = ROOT / "tests" / "data" / "mixed"
REPLAY = ROOT / "fixtures" / "mixed"
LABELS = json.loads((ROOT / "tests" / "data" / "mixed-labels.json").read_text())
SEEDS = sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))


def _cli(*args: str):
    r = CliRunner().invoke(app, list(args))
    return r


# ----------------------------------------------------------------------------- the mixed folder


@pytest.fixture(scope="module")
def digest() -> dict:
    r = _cli("brief", str(MIXED), "--replay", str(REPLAY), "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_mixed_folder_three_stories_as_labelled_and_the_noise_apart(digest):
    assert digest["kind"] == "digest"
    got = sorted(sorted(s["sources"]) for s in digest["stories"])
    assert got == sorted(sorted(ids) for ids in LABELS["stories"].values())
    assert sorted(x["id"] for x in digest["set_aside"]) == sorted(LABELS["set_aside"])
    reasons = {x["id"]: x["reason"] for x in digest["set_aside"]}
    assert reasons["b2_times_recrawl"] == "word-for-word copy of b2_times"
    assert reasons["n3_paywall"].startswith("page furniture")
    assert reasons["n4_embed_only"] == "no article text: nothing left after removing page chrome"
    assert reasons["n2_tweet_embed"].startswith("too short to carry a story")
    # no set-aside document reaches any story's briefing
    for s in digest["stories"]:
        ids = {src["id"] for src in s["briefing"]["sources"]}
        assert ids == set(s["sources"]) and not ids & set(reasons)


def test_stories_ordered_by_outlets_and_a_copy_is_one_voice(digest):
    outlets = [s["outlets"] for s in digest["stories"]]
    assert outlets == sorted(outlets, reverse=True)
    fire = next(s for s in digest["stories"] if "a1_ledger" in s["sources"])
    assert len(fire["sources"]) == 4 and fire["outlets"] == 3  # a4 is a copy of a3
    seeds = digest["stories"][0]
    assert sorted(seeds["sources"]) == SEEDS
    # every member says what ties it to the story
    assert all(m["shares"] for m in seeds["members"])
    assert any("Putin" in m["shares"] for m in seeds["members"])


def test_each_story_is_briefed_as_if_alone(digest):
    """A story's briefing equals the briefing of its articles alone (same facts, people)."""
    rates = next(s for s in digest["stories"] if "b1_herald" in s["sources"])
    paths = [str(MIXED / f"{i}.txt") for i in rates["sources"]]
    r = _cli("brief", *paths, "--replay", str(REPLAY), "--format", "json")
    alone = json.loads(r.stdout)
    assert "kind" not in alone  # one story: a plain briefing
    for key in ("facts", "people", "disagreements", "events"):
        assert rates["briefing"][key] == alone[key], key


def test_seeds_are_one_story_and_read_as_before():
    r = _cli("brief", str(ROOT / "seeds"), "--replay", str(ROOT / "fixtures" / "seeds"), "--format", "json")
    assert r.exit_code == 0, r.stderr
    b = json.loads(r.stdout)
    assert "kind" not in b and "stories" not in b
    assert sorted(s["id"] for s in b["sources"]) == SEEDS and b["set_aside"] == []


def test_stories_command_and_evaluate_print_purity_and_completeness(tmp_path):
    out = tmp_path / "stories.json"
    r = _cli("stories", str(MIXED), "--replay", str(REPLAY), "--format", "json", "-o", str(out))
    assert r.exit_code == 0, r.stderr
    listing = json.loads(out.read_text())
    assert all(s["briefing"] is None for s in listing["stories"]) and len(listing["stories"]) == 3
    r = _cli("evaluate", "--stories", str(out), "--labels", str(ROOT / "tests" / "data" / "mixed-labels.json"), "--errors")
    assert r.exit_code == 0, r.stderr
    row = r.stdout.splitlines()[r.stdout.splitlines().index(next(x for x in r.stdout.splitlines() if x.startswith("stories"))) + 1]
    assert row.split() == ["12", "3", "3", "1.00", "1.00"]
    assert "set aside: 5 of 5 labelled non-articles; 5 of 5 set aside are labelled non-articles" in r.stdout
    md = _cli("stories", str(MIXED), "--replay", str(REPLAY)).stdout
    assert md.startswith("# 3 stories") and "## Set aside: not articles" in md and "n1\\_archive\\_notice" in md


def test_evaluate_scores_a_wrong_clustering_as_wrong(tmp_path):
    """The score can fail: the seeds split in two and the fire joined to the rates."""
    wrong = Digest(stories=[], set_aside=[]).model_dump()
    wrong["stories"] = [
        {"id": "x", "title": "x", "sources": SEEDS[:2], "outlets": 2},
        {"id": "y", "title": "y", "sources": SEEDS[2:], "outlets": 3},
        {"id": "z", "title": "z", "sources": LABELS["stories"]["arlen-plant-fire"] + ["b2_times", "b3_npa"], "outlets": 6},
    ]
    wrong["set_aside"] = [{"id": "n1_archive_notice", "reason": "r"}, {"id": "b1_herald", "reason": "r"}]
    f = tmp_path / "wrong.json"
    f.write_text(json.dumps(wrong))
    r = _cli("evaluate", "--stories", str(f), "--labels", str(ROOT / "tests" / "data" / "mixed-labels.json"), "--errors")
    row = next(x for x in r.stdout.splitlines() if re.match(r"\s+\d", x)).split()
    purity, completeness = float(row[3]), float(row[4])
    assert purity == pytest.approx((2 + 3 + 4) / 11, abs=0.005)  # b1_herald was set aside: 11 documents
    assert completeness == pytest.approx((3 + 4 + 2) / 11, abs=0.005)
    assert "set aside: 1 of 5 labelled non-articles; 1 of 2 set aside are labelled non-articles" in r.stdout
    assert "b1_herald is an article but was set aside" in r.stdout


def test_digest_markdown_front_page_and_split_dir(tmp_path):
    split = tmp_path / "split"
    r = _cli("brief", str(MIXED), "--replay", str(REPLAY), "--split-dir", str(split), "-q")
    assert r.exit_code == 0, r.stderr
    md = r.stdout
    assert md.startswith("# 3 stories from 12 articles\n")
    front = md.split("---")[0]
    assert [int(n) for n in re.findall(r"— \d+ articles, (\d+) outlets", front)] == [5, 3, 3]
    # each story's briefing one level down; the set-aside list at the end
    assert md.count("\n## ") >= 3 and "\n## Set aside: not articles" in md
    assert sorted(p.name for p in split.iterdir()) == ["story-000_0b1d0a40d16639fb.md", "story-a1_ledger.md", "story-b1_herald.md"]
    alone = (split / "story-b1_herald.md").read_text()
    assert alone.startswith("# ") and "## Sources" in alone and "b1\\_herald" in alone and "a1\\_ledger" not in alone


def test_digest_html_lists_the_stories_with_unique_section_ids():
    r = _cli("brief", str(MIXED), "--replay", str(REPLAY), "--format", "html", "-q")
    page = r.stdout
    assert '<nav id="stories"><ol>' in page
    assert page.count('<article class="story"') == 3
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert 'href="#story-a1_ledger"' in page and 'id="story-a1_ledger:facts"' in page
    assert "Not in any story" in page and "n3_paywall" in page


# ----------------------------------------------------------------------------- noise documents


def _load(*names: str):
    return articles.load([str(MIXED / f"{n}.txt") for n in names])


def test_noise_rules_hold_when_the_word_list_misses():
    """With no boilerplate patterns at all, the three non-articles are still set aside (too
    little running text) and no article is."""
    bare = dataclasses.replace(ENGLISH, boilerplate=())
    arts = _load("n1_archive_notice", "n2_tweet_embed", "n3_paywall", "b3_npa", "a3_metrowire")
    kept, aside = noise.screen(arts, bare)
    assert [a.id for a in kept] == ["b3_npa", "a3_metrowire"]
    assert {x.id for x in aside} == {"n1_archive_notice", "n2_tweet_embed", "n3_paywall"}
    assert all(x.reason.startswith("too short to carry a story") for x in aside)


def test_an_embedded_post_leaves_no_lines_in_the_text_around_it():
    """The furniture an embedded post leaves in a scraped page is page chrome, line by line:
    three copies of it once made a briefing's only "corroborated" fact."""
    text = (MIXED / "n2_tweet_embed.txt").read_text()
    body = "Exports rose 2% in April, the statistics office said on Wednesday.\n\n" + text + "\nThe bank meets again in June."
    cleaned, _ = articles.clean_text(body)
    assert "Tweet with a location" not in cleaned and "location information" not in cleaned and "(@NorlandCB)" not in cleaned
    assert "Not now" not in cleaned and "Exports rose 2% in April" in cleaned and "meets again in June" in cleaned
    assert "raised the policy rate to 4.25%" in cleaned  # the post's own words stay


def test_files_with_no_text_are_set_aside_in_a_pile_and_refused_alone(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "b3_npa.txt").write_text((MIXED / "b3_npa.txt").read_text())
    r = _cli("stories", str(tmp_path), "--replay", str(REPLAY), "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["set_aside"][0]["reason"] == "no article text: empty article (no text)"
    alone = _cli("brief", str(tmp_path / "empty.txt"), "--replay", str(REPLAY))
    assert alone.exit_code == 2 and "empty article" in alone.stderr


def test_a_lone_document_is_never_set_aside_and_copies_name_their_original():
    (paywall,) = _load("n3_paywall")
    assert noise.screen([paywall]) == ([paywall], [])
    kept, aside = noise.screen(_load("b2_times", "b2_times_recrawl"))
    assert [a.id for a in kept] == ["b2_times"]
    assert aside[0].copy_of == "b2_times" and aside[0].id == "b2_times_recrawl"


def test_keep_noise_briefs_everything(tmp_path):
    r = _cli("stories", str(MIXED), "--replay", str(REPLAY), "--keep-noise", "--format", "json")
    # the non-articles were never recorded: with --keep-noise they go to the model (a replay miss)
    assert r.exit_code != 0 and "n1_archive_notice" in r.stderr


# ----------------------------------------------------------------------------- clustering rules


def _result(i: str, people=(), orgs=(), places=(), title="Report", outlet=None) -> ArticleResult:
    return ArticleResult(
        source={"id": i, "chars": 100, "sha256": "0" * 64, "outlet": outlet}, title=title, summary="A report.", key_points=[],
        people=[{"id": f"p{k}", "name": n} for k, n in enumerate(people)], organizations=list(orgs),
        places=list(places), quotes=[], events=[], grounding=GroundingReport(),
    )  # fmt: skip


def test_one_bridging_article_does_not_chain_two_stories():
    """Average linkage: an article naming the actors of two stories cannot join them."""
    a = [_result(f"a{k}", ["Ana Kovac", "Boris Lend"], ["Harbor Authority"], ["Port Vell"]) for k in range(4)]
    b = [_result(f"b{k}", ["Cara Moss", "Dev Patel"], ["Mint Bank"], ["Oslo"]) for k in range(4)]
    bridge = _result("c", ["Ana Kovac", "Boris Lend", "Cara Moss", "Dev Patel"], ["Harbor Authority", "Mint Bank"])
    stories = cluster_stories([*a, *b, bridge])
    groups = sorted(sorted(s.sources) for s in stories)
    assert ["a0", "a1", "a2", "a3"] in [g[:4] for g in groups] and ["b0", "b1", "b2", "b3"] in [
        [x for x in g if x.startswith("b")] for g in groups
    ]
    assert not any({"a0", "b0"} <= set(g) for g in groups)


def test_shared_words_alone_never_join_and_ids_stay_when_articles_come():
    one = _result("x1", ["Ana Kovac"], title="Storm hits the coast")
    two = _result("x2", ["Cara Moss"], title="Storm hits the coast")
    assert len(cluster_stories([one, two])) == 2
    a = [_result(f"a{k}", ["Ana Kovac", "Boris Lend"], ["Harbor Authority"]) for k in range(3)]
    before = {s.id: s.sources for s in cluster_stories(a)}
    after = {s.id: s.sources for s in cluster_stories([*a, _result("z9", ["Cara Moss", "Dev Patel"], ["Mint Bank"])])}
    assert before.items() <= after.items()


def test_outlets_count_one_outlet_once_and_copies_once():
    names = (["Ana Kovac", "Boris Lend"], ["Harbor Authority"])
    arts = [_result("a1", *names, outlet="Ledger"), _result("a2", *names, outlet="ledger"),
            _result("a3", *names, outlet="Courier"), _result("a4", *names, outlet="Gazette"), _result("a5", *names)]  # fmt: skip
    (story,) = cluster_stories(arts)
    assert story.outlets == 4  # the Ledger twice; a5 names no outlet: a voice of its own
    (story,) = cluster_stories(arts, voices={"a4": "a3", "a3": "a3"})  # the Gazette runs the Courier's text
    assert story.outlets == 3


def test_an_organisation_listed_as_a_person_is_no_surname():
    from summarizer.merge.stories import features

    f = features(_result("x", ["Arlen Chemicals", "Maria Odum"]))
    assert "org:arlen chemicals" in f and "person:odum" in f and "person:chemicals" not in f


def test_thresholds_are_parameters():
    a = [_result(f"a{k}", ["Ana Kovac", "Boris Lend"], ["Harbor Authority"]) for k in range(3)]
    assert len(cluster_stories(a)) == 1
    assert len(cluster_stories(a, thresholds=StoryThresholds(min_shared_names=4, strong_link=2.0))) == 3


# ----------------------------------------------------------------------------- URLs and feeds


@pytest.fixture()
def site():
    """Serves tests/data/mixed as text/plain pages and an RSS feed of the fire story."""
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Ledger wire (written for the tests)</title>
<link>http://example.invalid/</link><description>test</description>
<item><title>Fire</title><link>/news/a1_ledger.txt</link></item>
<item><title>Fire 2</title><link>/news/a2_courier.txt</link></item>
<item><title>Fire 3</title><link>/news/a3_metrowire.txt</link></item>
<item><title>Fire 4</title><link>/news/a4_gazette_copy.txt</link></item>
</channel></rss>"""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            if self.path == "/feed.xml":
                body, kind = feed.encode(), "application/rss+xml"
            elif self.path.startswith("/news/") and (MIXED / self.path[6:]).is_file():
                body, kind = (MIXED / self.path[6:]).read_bytes(), "text/plain; charset=utf-8"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_url_and_a_feed_brief_end_to_end(site, monkeypatch):
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    args = ["brief", f"{site}/feed.xml", *(f"{site}/news/{n}.txt" for n in ("b1_herald", "b2_times", "b3_npa")),
            f"{site}/news/gone.txt", "--replay", str(REPLAY), "--format", "json"]  # fmt: skip
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 3, r.stderr  # partial: one URL failed, the rest were briefed
    assert f"{site}/news/gone.txt: HTTP 404 Not Found" in r.stderr
    d = json.loads(r.stdout)
    assert sorted(sorted(s["sources"]) for s in d["stories"]) == [
        ["a1_ledger", "a2_courier", "a3_metrowire", "a4_gazette_copy"], ["b1_herald", "b2_times", "b3_npa"],
    ]  # fmt: skip
    assert [f["id"] for f in d["failed"]] == [f"{site}/news/gone.txt"]
    fire = next(s for s in d["stories"] if "a1_ledger" in s["sources"])
    assert any(f["corroborated"] for f in fire["briefing"]["facts"])
    # the same articles from files give the same facts
    files = _cli("brief", *(str(MIXED / f"{n}.txt") for n in fire["sources"]), "--replay", str(REPLAY), "--format", "json")
    assert json.loads(files.stdout)["facts"] == fire["briefing"]["facts"]


def test_many_stories_merged_in_worker_processes_give_the_same_briefings(monkeypatch, tmp_path):
    """The code-only merge of many stories runs on every core; the briefings are the ones one
    process writes."""
    from summarizer import api, pipeline

    out = tmp_path / "records"
    articles_only = [str(MIXED / f"{i}.txt") for ids in LABELS["stories"].values() for i in ids]
    r = _cli("extract", *articles_only, "--replay", str(REPLAY), "-d", str(out), "-q")
    assert r.exit_code == 0, r.stderr
    results = api.load_results([out])
    texts = api.texts_for(results)
    alone = api.merge_digest(results, texts=texts, workers=1)
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_STORIES", 1)
    parallel = api.merge_digest(results, texts=texts, workers=2)
    assert len(alone.stories) == 3
    assert parallel.model_dump() == alone.model_dump()
