"""From the model's answer to the article's record: offsets, quotes and their speakers, people
and roles, checked against the text.

The texts here are written for these tests; the extractions are built in the tests, plainly
not recordings: they stand for what a weak model might answer."""

from __future__ import annotations

from pathlib import Path

from summarizer.extraction.request import ExtractionCheck, build_messages, unsettled
from summarizer.extraction.result import to_result
from summarizer.inputs.articles import article_from_text, body_spans
from summarizer.reading.grounding import Document, find_all, normalize
from summarizer.reading.quotes import find_quotes
from summarizer.schemas import ArticleExtraction, extraction_model

TEXT = (
    "Talks resumed in Geneva on Monday.\n\n"
    "Anna Berg, the finance minister, opened the session. “We will not sign a bad deal,” she said.\n\n"
    "Later the chair, Tomas Lind, spoke to reporters for an hour about the schedule and the venue.\n\n"
    "“We will not sign a bad deal,” Berg repeated at the end of the day, according to aides.\n\n"
    "Lind added: “The next round is in March.”"
)

# Quotes the text does not attribute: the model is asked about these by id.
OPEN = (
    "Tomas Lind chaired the first day of the talks in Geneva on Monday.\n\n"
    "The delegations ate together. The rooms were cold.\n\n"
    "Nobody spoke to the press in the evening. The schedule slipped by an hour.\n\n"
    "The hotel was full. Extra rooms were found in Lausanne.\n\n"
    "The Swiss host, who met the delegations twice, described the talks as “a good first step for everyone”.\n\n"
    "A note pinned to the door read “the venue was well chosen and the coffee was good”."
)


def extraction(**kw) -> ArticleExtraction:
    base = {
        "title": "Talks resume in Geneva",
        "summary": "Talks resumed in Geneva on Monday with the finance minister present.",
        "people": ["Anna Berg", "Tomas Lind"],
        "key_points": ["Talks resumed in Geneva on Monday."],
        "events": [{"what": "Talks resumed in Geneva", "when": "on Monday", "where": "Geneva"}],
        "speakers": [],
    }
    base.update(kw)
    return ArticleExtraction.model_validate(base)


def article(text: str = TEXT, name: str = "geneva"):
    return article_from_text(text, name, path=None)


def test_quotes_come_from_the_text_with_offsets_and_speakers_by_code():
    r = to_result(article(), extraction())
    by_text = {q.text: q for q in r.quotes}
    assert set(by_text) == {"We will not sign a bad deal", "The next round is in March"}
    deal, march = by_text["We will not sign a bad deal"], by_text["The next round is in March"]
    # the same words said twice by the same person: one quote, both places
    assert [TEXT[s.start : s.end] for s in deal.evidence] == ["We will not sign a bad deal"] * 2
    assert deal.evidence[0].start == TEXT.index("We will not") and deal.evidence[1].start == TEXT.rindex("We will not")
    # "she said" -> the person named before; "Berg repeated ..., according to aides" -> Berg, not the aides
    assert deal.speaker == "Anna Berg" and deal.speaker_status == "verified"
    assert march.speaker == "Tomas Lind" and march.speaker_status == "verified"  # "Lind added: “…”"
    assert r.grounding.quotes_direct == 2 and r.grounding.speakers_verified == 2


def test_the_model_is_asked_only_about_quotes_code_could_not_attribute():
    a = article(OPEN, "open")
    found = find_quotes(a.raw, body_spans(a), ["Tomas Lind"])
    asked = unsettled(found)
    assert [q.text for q in asked] == ["a good first step for everyone", "the venue was well chosen and the coffee was good"]
    user = build_messages(a, found)[1]["content"]
    assert "Q1: \u2018a good first step for everyone\u2019" in user and "Q2:" in user
    assert "Q3" not in user
    settled = find_quotes(TEXT, body_spans(article()), ["Anna Berg", "Tomas Lind"])
    assert unsettled(settled) == [] and "Q1" not in build_messages(article(), settled)[1]["content"]
    # the grammar holds no more speaker answers than quotes asked about
    schema = extraction_model(len(asked)).model_json_schema()
    assert schema["properties"]["speakers"]["maxItems"] == 2
    assert extraction_model(0).model_json_schema()["properties"]["speakers"]["maxItems"] == 0


def test_a_model_speaker_is_kept_when_the_text_names_them_near_the_words():
    a = article(OPEN, "open")
    found = find_quotes(a.raw, body_spans(a), ["Tomas Lind"])

    def speaker(answer: str):
        ex = extraction(people=["Tomas Lind"], speakers=[{"quote": "Q1", "speaker": answer}])
        q = next(q for q in to_result(a, ex, quotes=found).quotes if q.text.startswith("a good first"))
        return q.speaker, q.speaker_status

    assert speaker("The Swiss host") == ("The Swiss host", "verified")  # the text's own words, next to the quote
    assert speaker("Tomas Lind") == ("Tomas Lind", "unverified")  # named, but paragraphs away
    assert speaker("Marco Rubio") == ("unknown", "unverified")  # a name the article never writes
    unasked = next(q for q in to_result(a, extraction(people=["Tomas Lind"]), quotes=found).quotes if q.text.startswith("the venue"))
    assert unasked.speaker == "unknown" and unasked.speaker_status == "unverified"


def test_check_asks_once_then_lets_code_decide():
    a = article(OPEN, "open")
    found = unsettled(find_quotes(a.raw, body_spans(a), ["Tomas Lind"]))
    check = ExtractionCheck(a.raw, found, reasks_left=1)
    good = extraction(people=["Tomas Lind"], speakers=[{"quote": "Q1", "speaker": "the Swiss host"}])
    assert check(good) is None and check.reasks_used == 0
    bad = extraction(people=["Tomas Lind"], speakers=[{"quote": "Q1", "speaker": "Marco Rubio"}, {"quote": "Q7", "speaker": "Tomas Lind"}])
    message = check(bad)
    assert message and "Q1: the article does not name 'Marco Rubio'" in message and "Q7 is not one of the listed quotes" in message
    assert check(bad) is None  # no second re-ask
    assert check.reasks_used == 1


def test_people_are_checked_against_the_text_and_roles_read_from_it():
    ex = extraction(people=["Anna Berg", "Air Force plane", "Finance Minister Anna Berg", "Tomas Lind", "Marco Rubio"])
    people = {p.name: p for p in to_result(article(), ex).people}
    assert set(people) == {"Anna Berg", "Tomas Lind"}  # not a name; the same person again; never named
    assert people["Anna Berg"].role == "the finance minister"  # "Anna Berg, the finance minister,"
    assert people["Tomas Lind"].role == "the chair"  # "the chair, Tomas Lind,"
    for p in people.values():
        assert all(TEXT[s.start : s.end] == p.name for s in p.evidence)


def test_a_speaker_the_model_did_not_list_is_added_from_the_text():
    r = to_result(article(), extraction(people=["Anna Berg"]))
    assert {p.name for p in r.people} == {"Anna Berg", "Tomas Lind"}


def test_relative_event_date_resolves_against_the_articles_date_only():
    ex = extraction()
    undated = to_result(article(), ex)
    assert undated.events[0].date is None and undated.events[0].date_precision == "unknown"
    dated = to_result(article_from_text(" date 2025-08-21 " + TEXT, "geneva"), ex)
    assert dated.events[0].date == "2025-08-18" and dated.events[0].date_precision == "day"


def test_normalised_match_maps_back_to_original_offsets():
    doc = Document("He called it “very  meaningful—and frank” on Monday.")
    [s], status = find_all(doc, "Very meaningful-and frank")
    assert status == "normalized" == s.status
    assert doc.text[s.start : s.end] == "very  meaningful—and frank"


def test_replayed_seed_quotes_slice_to_their_text(replayed_results):
    articles, results = replayed_results
    checked = 0
    for a in articles:
        raw = Path(a.path).read_text(encoding="utf-8") if a.path else a.raw
        for q in results[a.id].quotes:
            # a quote over several paragraphs: one span per paragraph, joined by one space;
            # the same words said again: one span per place
            pieces = [raw[s.start : s.end] for s in q.evidence]
            assert " ".join(pieces) == q.text or all(p == q.text for p in pieces), (a.id, q.text)
            checked += 1
    assert checked >= 30


def test_fast_normalize_equals_the_offset_mapping_one():
    from summarizer.reading.grounding import normalize_with_map

    from .conftest import SEEDS

    samples = [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")] + ["  A\u00a0 “b” — c…\n\td  ", TEXT]
    # ASCII alone (its own path): straight quotes, a backtick, white space of every kind
    samples += ['He said "no" `twice`\x0b\x1c  then\r\n\fleft. ', "\t", "", "Stra\u00dfe \u0130stanbul\u2028\u3000end"]
    for text in samples:
        assert normalize(text) == normalize_with_map(text)[0].strip()


def test_a_name_the_model_spelled_its_own_way_takes_the_articles_spelling():
    text = "Ukrainian President Volodymyr Zelenskyy met the envoy in Kyiv on Monday. Zelenskyy said talks would go on."
    ex = extraction(people=["Volodymyr Zelensky"], key_points=["Zelenskyy met the envoy in Kyiv."], events=[])
    [p] = to_result(article(text, "kyiv"), ex).people
    assert p.name == "Volodymyr Zelenskyy" and p.role == "Ukrainian President"
    assert [text[s.start : s.end] for s in p.evidence] == ["Volodymyr Zelenskyy"]


def test_a_statement_goes_to_the_sentence_with_its_rarer_words():
    text = (
        "Vice President JD Vance said on Sunday that Russia would take part in future talks.\n\n"
        "Speaking to NBC's Meet the Press, Vance said negotiations were making progress.\n\n"
        "Vance also said Europe should spend more on defence."
    )
    ex = extraction(people=["JD Vance"], key_points=["JD Vance says Europe must spend more"], events=[
        {"what": "JD Vance speaks to NBC's Meet the Press", "when": None, "where": None}])  # fmt: skip
    r = to_result(article(text, "nbc"), ex)
    [e] = [e for e in r.events if e.found_by == "model"]
    assert text[e.evidence[0].start : e.evidence[0].end].startswith("Speaking to NBC's Meet the Press")
    assert text[r.key_points[0].evidence[0].start :].startswith("Vance also said Europe")
    # a statement the article does not bear out gets no evidence, and no event
    unsupported = to_result(article(text, "nbc"), extraction(events=[{"what": "Martians landed in Geneva", "when": None, "where": None}]))
    assert [u.text for u in unsupported.unsupported if u.kind == "event"] == ["Martians landed in Geneva"]
    assert not [e for e in unsupported.events if e.found_by == "model"]
