"""Article loading on the real seeds and on the bad inputs users really have."""

from __future__ import annotations

import io
import sys

import pytest

from summarizer.articles import article_from_text, decode, load, load_file
from summarizer.errors import InputError

from .conftest import SEED_IDS, SEEDS


def test_seed_folder_loads_in_order_with_file_stem_ids():
    articles = load([str(SEEDS)])
    assert [a.id for a in articles] == SEED_IDS
    assert all(a.raw == (SEEDS / f"{a.id}.txt").read_text(encoding="utf-8") for a in articles)


def test_leading_date_line_becomes_metadata_not_text():
    a = load_file(SEEDS / "000_0b1d0a40d16639fb.txt")
    assert a.published.as_written == "2025-08-21" and a.published.iso == "2025-08-21"
    assert a.text.startswith("Days after US President Donald Trump")
    b = load_file(SEEDS / "003_78ba1e2aecd73aa2.txt")
    assert b.published.iso == "2025-08-24"


def test_page_chrome_is_stripped_and_article_text_kept():
    a = load_file(SEEDS / "001_79dc3337b4ceb51b.txt")
    for chrome in ("Please Wait...", "starAdd to favorites", "folder_open", "Loyal to the Pledge"):
        assert chrome not in a.text
    assert not a.text.rstrip().endswith("Comments")
    assert a.text.rstrip().endswith("“The only one who benefits from that is Putin,” he said.")
    assert a.text.count("Trump, Putin Hold Phone Call: Talks were Very Well") == 1
    assert a.title_hint == "Trump, Putin Hold Phone Call: Talks were Very Well"
    assert a.section == "International News"
    # "2 days ago" has no date to count from: kept as written, never resolved by the clock
    assert a.published.as_written == "2 days ago" and a.published.iso is None
    assert "Vladimir Putin and Donald Trump have held a rare phone call" in a.text
    d = load_file(SEEDS / "004_9d2b0e729d22a81c.txt")
    assert not d.text.endswith("Source link")
    assert d.text.endswith("if these talks will lead to any genuine change.")


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Kyiv said on Monday it was ready.".encode())))
    [a] = load(["-"])
    assert a.id == "stdin" and a.text == "Kyiv said on Monday it was ready."


def test_html_goes_through_trafilatura(tmp_path):
    page = tmp_path / "story.html"
    body = " ".join(["The council voted on Tuesday to expand the tram network across the northern districts."] * 6)
    page.write_text(
        f"<html><head><title>Trams</title></head><body><nav>Home | News</nav><article><h1>Trams expand</h1>"
        f"<p>{body}</p><p>&lt;script&gt;alert(1)&lt;/script&gt; stays text.</p></article></body></html>",
        encoding="utf-8",
    )
    a = load_file(page)
    assert a.id == "story" and "The council voted on Tuesday" in a.text
    assert "Home | News" not in a.text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty article"),
        (b"   \n\t \n", "empty article"),
        (b"\x00\x01\x02binary\x00", "binary"),
    ],
)
def test_bad_files_are_refused_with_the_file_named(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError, match=message) as exc:
        load_file(f)
    assert str(f) in str(exc.value)


def test_non_utf8_text_is_detected_and_decoded(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Le président a déclaré que la réunion était très productive à Genève.".encode("latin-1"))
    assert "président" in load_file(f).text


def test_missing_paths_and_empty_folders(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load([str(tmp_path / "nope.txt")])
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="no articles here"):
        load([str(tmp_path / "empty")])


def test_too_long_article_is_refused_with_the_limit(tmp_path):
    with pytest.raises(InputError, match="too long .*limit"):
        article_from_text("word " * 100_000, "long")


def test_duplicate_ids_are_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("One story about a vote.")
    (tmp_path / "x.md").write_text("Another story about a vote.")
    with pytest.raises(InputError, match="also used by"):
        load([str(tmp_path / "a"), str(tmp_path / "x.md")])


def test_decode_keeps_utf8_exactly():
    assert decode("“quote” — dash".encode(), "x") == "“quote” — dash"
