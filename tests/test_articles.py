"""Article loading on the real seeds and on the bad inputs users really have."""

from __future__ import annotations

import codecs
import hashlib
import io
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from summarizer.errors import InputError
from summarizer.inputs.articles import article_from_text, decode, load, load_file, safe_id

from .conftest import ROOT, SEED_IDS, SEEDS

# Files written for these tests (tiny, bytes chosen by hand): tests/data/inputs/
INPUTS = ROOT / "tests" / "data" / "inputs"


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


def test_a_long_article_is_not_refused(tmp_path):
    # written for this test: 100,000 words; the model reads it in parts (tests/test_long.py)
    a = article_from_text("word " * 100_000, "long")
    assert len(a.text) == 499_999


def test_duplicate_ids_are_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("One story about a vote.")
    (tmp_path / "x.md").write_text("Another story about a vote.")
    with pytest.raises(InputError, match="also used by"):
        load([str(tmp_path / "a"), str(tmp_path / "x.md")])


def test_decode_keeps_utf8_exactly():
    assert decode("“quote” — dash".encode(), "x") == ("“quote” — dash", "utf-8")


# --- Encodings. Every input below was written for these tests. ---------------------------------

# Short, realistic Western European samples: charset-normalizer alone decodes the first three as
# cp1250 ("ŕ Genčve", "Săo Paulo ŕ noite") and "café crème" as cp1006.
WESTERN_SAMPLES = ["à Genève, l'été", "Müller sagte, die Straße", "São Paulo à noite", "café crème"]


@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
@pytest.mark.parametrize("sample", WESTERN_SAMPLES)
def test_short_western_samples_decode_exactly(sample, codec):
    assert decode(sample.encode(codec), "x") == (sample, "cp1252")


def test_latin1_file_decodes_exactly_and_says_so():
    # tests/data/inputs/latin1.txt: a French sentence written for this test, saved as Latin-1
    f = INPUTS / "latin1.txt"
    a = load_file(f)
    assert a.raw == "Le président a déclaré à Genève que l'été serait « très chargé ».\n"
    assert a.encoding == "cp1252" and a.source().encoding == "cp1252"


def test_cp1252_smart_quotes_decode_exactly():
    # tests/data/inputs/cp1252-quotes.txt: curly quotes, en dash, ellipsis and euro sign in cp1252
    a = load_file(INPUTS / "cp1252-quotes.txt")
    assert a.raw == "“It’s over,” Müller said – and São Paulo agreed… at €5m.\n"
    assert a.encoding == "cp1252"


# Sentences written for this test in languages that are not written in cp1252: the Western
# preference must not steal them from charset-normalizer.
OTHER_SAMPLES = [
    (
        (
            "Prezydent powiedział w środę w Warszawie, że spotkanie było bardzo owocne. Poczyniliśmy "
            "postępy, dodał, podczas gdy polscy ministrowie przygotowywali już kolejną rundę rozmów."
        ),
        "cp1250",
    ),
    (
        (
            "Az elnök szerdán Budapesten kijelentette, hogy a tárgyalás nagyon hasznos volt. Előrelépést "
            "értünk el, tette hozzá, miközben a magyar miniszterek már a következő fordulót készítették elő."
        ),
        "cp1250",
    ),
    (
        (
            "Президент заявил в среду в Москве, что встреча была очень продуктивной. Мы добились прогресса, "
            "добавил он, в то время как министры уже готовили следующий раунд переговоров."
        ),
        "cp1251",
    ),
    (
        (
            "Ο πρόεδρος δήλωσε την Τετάρτη στην Αθήνα ότι η συνάντηση ήταν πολύ παραγωγική. Σημειώσαμε "
            "πρόοδο, πρόσθεσε, ενώ οι υπουργοί ετοίμαζαν ήδη τον επόμενο γύρο."
        ),
        "cp1253",
    ),
    (
        (
            "Cumhurbaşkanı çarşamba günü İstanbul'da yaptığı açıklamada toplantının çok verimli geçtiğini "
            "söyledi. İlerleme kaydettik, diye ekledi, bakanlar ise bir sonraki görüşme turuna hazırlanıyordu."
        ),
        "cp1254",
    ),
]


@pytest.mark.parametrize(("text", "codec"), OTHER_SAMPLES, ids=[c + str(i) for i, (_, c) in enumerate(OTHER_SAMPLES)])
def test_central_european_cyrillic_greek_turkish_still_decode_exactly(text, codec):
    assert decode(text.encode(codec), "x") == (text, codec)


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("utf16le-bom.txt", "utf-16-le"),
        ("utf16be-bom.txt", "utf-16-be"),
        ("utf32le-bom.txt", "utf-32-le"),
        ("utf32be-bom.txt", "utf-32-be"),
        ("utf8-bom.txt", "utf-8-sig"),
    ],
)
def test_byte_order_marks_decide_the_encoding(name, encoding):
    # tests/data/inputs/*-bom.txt: one line written for this test, saved with a byte-order mark
    # (UTF-16/32 text is full of NUL bytes: it used to be refused as binary)
    a = load_file(INPUTS / name)
    assert a.raw == "“Genève” — Kyiv said on Monday it was ready. 日本\n"  # no U+FEFF
    assert a.encoding == encoding and a.source().encoding == encoding


def test_nul_anywhere_is_refused_as_binary(tmp_path):
    # written for this test: 9,000 bytes of plain text, then a NUL (past the old 8 KiB check)
    f = tmp_path / "late-nul.txt"
    f.write_bytes(b"The council voted on Tuesday. " * 300 + b"\x00 more text")
    assert len(b"The council voted on Tuesday. " * 300) == 9000
    with pytest.raises(InputError, match="binary") as exc:
        load_file(f)
    assert str(f) in str(exc.value) and "\n" not in str(exc.value)
    # a NUL character inside BOM-marked UTF-16 text is binary too
    g = tmp_path / "nul16.txt"
    g.write_bytes(codecs.BOM_UTF16_LE + "text\x00more".encode("utf-16-le"))
    with pytest.raises(InputError, match="binary"):
        load_file(g)


def test_bytes_that_do_not_match_their_byte_order_mark_are_refused_in_one_line(tmp_path):
    # written for this test: a UTF-16 LE mark followed by an odd number of bytes
    f = tmp_path / "broken16.txt"
    f.write_bytes(codecs.BOM_UTF16_LE + b"abc")
    with pytest.raises(InputError, match="byte-order mark but is not UTF-16-LE") as exc:
        load_file(f)
    assert "\n" not in str(exc.value)


def test_control_characters_other_than_nul_stay_in_raw():
    # written for this test: a form feed and an escape inside UTF-8 text
    raw = "The council voted.\x0c Then \x1b[31mred\x1b[0m it adjourned."
    assert decode(raw.encode(), "x").text == raw
    assert article_from_text(raw, "ctl").raw == raw


# --- sha256 of the bytes read --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["latin1.txt", "utf16le-bom.txt", "utf8-bom.txt"])
def test_sha256_is_of_the_file_bytes(name):
    f = INPUTS / name
    a = load_file(f)
    assert a.sha256 == hashlib.sha256(f.read_bytes()).hexdigest() == a.source().sha256
    assert a.sha256 != hashlib.sha256(a.raw.encode("utf-8")).hexdigest()  # the old, wrong hash


def test_sha256_of_stdin_bytes_and_of_str_input(monkeypatch):
    data = "Le président a déclaré à Genève que la séance était levée.".encode("latin-1")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [a] = load(["-"])
    assert a.sha256 == hashlib.sha256(data).hexdigest() and a.encoding == "cp1252"
    b = article_from_text("Kyiv said on Monday it was ready.", "s")  # str input: no bytes
    assert b.sha256 == hashlib.sha256(b"Kyiv said on Monday it was ready.").hexdigest()
    assert b.encoding is None


def test_texts_for_reloads_with_the_loader_and_checks_the_bytes(tmp_path):
    from summarizer.api import texts_for

    # written for this test: a Latin-1 text file and an HTML page
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Le président a déclaré à Genève que la séance était levée.".encode("latin-1"))
    page = tmp_path / "page.html"
    body = " ".join(["The council voted on Tuesday to expand the tram network across the northern districts."] * 6)
    page.write_text(f"<html><body><article><h1>Trams</h1><p>{body}</p></article></body></html>", encoding="utf-8")
    changed = tmp_path / "changed.txt"
    changed.write_text("The first version of the story.")
    gone = tmp_path / "gone.txt"
    gone.write_text("A story that will be deleted.")
    broken = tmp_path / "broken.txt"
    broken.write_text("A story that will become binary.")
    arts = [load_file(p) for p in (latin, page, changed, gone, broken)]
    changed.write_text("The second version of the story.")
    gone.unlink()
    broken.write_bytes(b"\x00\x01binary")
    results = [SimpleNamespace(source=a.source()) for a in arts]  # texts_for reads only .source
    results.append(SimpleNamespace(source=article_from_text("From stdin.", "stdin").source()))
    texts = texts_for(results)
    assert texts == {"latin": arts[0].raw, "page": arts[1].raw}
    assert texts["latin"].startswith("Le président a déclaré à Genève")  # decoded as loaded
    assert "<html>" not in texts["page"] and texts["page"] == arts[1].text  # extracted text


# --- Article ids are safe file names --------------------------------------------------------------


def test_odd_file_names_give_safe_ids(tmp_path):
    # files written for this test, with names a careless or hostile user could give
    names = {"...txt": "__", "a\nb`c.txt": "a_b_c", "my story 'draft'.txt": "my_story__draft_"}
    for name, expected in names.items():
        f = tmp_path / name
        f.write_text("The council voted on Tuesday to build two new bridges.")
        a = load_file(f)
        assert a.id == expected
        assert a.id == Path(a.id).name and not a.id.startswith(".")
    assert sorted(a.id for a in load([str(tmp_path)])) == sorted(names.values())


def test_safe_id_rules_and_the_seeds_unchanged():
    assert safe_id("../etc/passwd") == "___etc_passwd"
    assert safe_id("") == "_"
    assert safe_id(".hidden") == "_hidden"
    assert safe_id("a/b\\c\"d") == "a_b_c_d"
    assert len(safe_id("x" * 500)) == 120
    assert safe_id("Genève-2025_v1.2") == "Genève-2025_v1.2"
    assert [safe_id(i) for i in SEED_IDS] == SEED_IDS


def test_ids_that_collide_after_sanitising_are_refused_naming_both_files(tmp_path):
    # written for this test: two names that sanitise to the same id
    (tmp_path / "a b.txt").write_text("One story about a vote.")
    (tmp_path / "a_b.txt").write_text("Another story about a vote.")
    with pytest.raises(InputError, match="also used by") as exc:
        load([str(tmp_path)])
    assert str(tmp_path / "a b.txt") in str(exc.value) and str(tmp_path / "a_b.txt") in str(exc.value)


