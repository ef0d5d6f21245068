"""Grounding: offsets, normalisation, fabricated quotes, repeated quotes, wrong speakers.

The extractions here are built in the tests, plainly not recordings: they stand for what a
weak model might answer."""

from __future__ import annotations

from summarizer.articles import article_from_text
from summarizer.extract import to_result
from summarizer.grounding import Document, GroundingCheck, align_quote, normalize
from summarizer.schemas import ArticleExtraction

TEXT = (
    "Talks resumed in Geneva on Monday.\n\n"
    "Anna Berg, the finance minister, opened the session. “We will not sign a bad deal,” she said.\n\n"
    "Later the chair, Tomas Lind, spoke to reporters for an hour about the schedule and the venue.\n\n"
    "“We will not sign a bad deal,” Berg repeated at the end of the day, according to aides.\n\n"
    "Lind added: “The next round is in March.”"
)


def extraction(**kw) -> ArticleExtraction:
    base = dict(
        title="Talks resume in Geneva",
        summary="Talks resumed in Geneva on Monday with the finance minister present.",
        people=[{"name": "Anna Berg", "role": "finance minister"}, {"name": "Tomas Lind", "role": "the chair"}],
        quotes=[],
        key_points=["Talks resumed in Geneva on Monday."],
        events=[{"what": "Talks resumed in Geneva", "when": "on Monday", "where": "Geneva", "who": ["Anna Berg"]}],
        organizations=[],
        places=["Geneva"],
    )
    base.update(kw)
    return ArticleExtraction.model_validate(base)


def article():
    return article_from_text(TEXT, "geneva", path=None)


def test_fabricated_quote_is_downgraded_never_direct():
    ex = extraction(quotes=[{"speaker": "Anna Berg", "text": "We are ready to sign any deal today."}])
    r = to_result(article(), ex)
    [q] = r.quotes
    assert q.kind == "paraphrase"
    assert r.grounding.quotes_direct == 0 and r.grounding.quotes_downgraded == 1


def test_fabricated_quote_can_be_dropped_instead():
    ex = extraction(quotes=[{"speaker": "Anna Berg", "text": "We are ready to sign any deal today."}])
    r = to_result(article(), ex, quote_policy="drop")
    assert r.quotes == [] and r.grounding.quotes_dropped == 1


def test_quote_appearing_twice_gets_both_offsets():
    ex = extraction(quotes=[{"speaker": "Anna Berg", "text": "We will not sign a bad deal"}])
    r = to_result(article(), ex)
    [q] = r.quotes
    assert q.kind == "direct"
    assert len(q.evidence) == 2
    first, second = q.evidence
    assert TEXT[first.start : first.end] == "We will not sign a bad deal"
    assert TEXT[second.start : second.end] == "We will not sign a bad deal"
    assert first.start == TEXT.index("We will not") and second.start == TEXT.rindex("We will not")


def test_normalised_match_maps_back_to_original_offsets():
    doc = Document("He called it “very  meaningful—and frank” on Monday.")
    spans, shown = align_quote(doc, '"Very meaningful-and frank"')
    [s] = spans
    assert s.status == "normalized"
    assert normalize(doc.text[s.start : s.end]) == normalize(shown)
    assert doc.text[s.start : s.end] == "very  meaningful—and frank"


def test_near_verbatim_quote_inside_quotation_marks_is_repaired_to_the_articles_words():
    doc = Document("Lind added: “The next round of talks is in March.”")
    spans, shown = align_quote(doc, "The next round of talk is in March")
    [s] = spans
    assert s.status == "fuzzy" and shown == "The next round of talks is in March"
    assert doc.text[s.start : s.end] == shown


def test_wrong_speaker_named_paragraphs_earlier_is_flagged():
    # The words are Lind's; the model gives them to Berg, who is named two paragraphs earlier.
    ex = extraction(quotes=[{"speaker": "Anna Berg", "text": "The next round is in March."}])
    r = to_result(article(), ex)
    [q] = r.quotes
    assert q.kind == "direct"
    assert q.speaker_status == "unverified" and q.speaker_attributed_to == "Tomas Lind"


def test_pronoun_attribution_resolves_to_the_nearest_preceding_name():
    ex = extraction(quotes=[{"speaker": "Anna Berg", "text": "We will not sign a bad deal"}])
    [q] = to_result(article(), ex).quotes
    assert q.speaker_status == "verified" and q.speaker_attributed_to == "Anna Berg"


def test_words_a_group_said_are_no_named_persons():
    # seed 002: the 1.5B model gave the European ministers' joint statement to Rubio, and the
    # previous-sentence rule would have handed it to Vance
    text = (
        "Vance met Zelenskyy in Munich on Friday. Britain, Germany and France said only a fair agreement would last. "
        "In a joint statement, they said, “Our shared objectives should be to put Ukraine in a position of strength.”"
    )
    ex = extraction(
        people=[{"name": "JD Vance", "role": None}],
        quotes=[{"speaker": "Marco Rubio", "text": "Our shared objectives should be to put Ukraine in a position of strength."}],
        key_points=["Vance met Zelenskyy in Munich on Friday."], events=[], places=[],
    )
    [q] = to_result(article_from_text(text, "munich", path=None), ex).quotes
    assert q.kind == "direct" and q.speaker_status == "unverified" and q.speaker_attributed_to is None


def test_check_asks_once_then_lets_grounding_decide():
    check = GroundingCheck(TEXT, reasks_left=1)
    bad = extraction(quotes=[{"speaker": "Anna Berg", "text": "The next round is in March."}])
    message = check(bad)
    assert message and "attributes these words to Tomas Lind" in message
    assert check(bad) is None  # no second re-ask
    assert check.reasks_used == 1


def test_invented_person_is_dropped_and_ungrounded_role_removed():
    ex = extraction(people=[{"name": "Anna Berg", "role": "speaker"}, {"name": "Air Force plane", "role": None}])
    r = to_result(article(), ex)
    assert [p.name for p in r.people] == ["Anna Berg"]
    assert r.people[0].role is None


def test_relative_event_date_resolves_against_the_articles_date_only():
    ex = extraction()
    undated = to_result(article(), ex)
    assert undated.events[0].date is None and undated.events[0].date_precision == "unknown"
    dated = to_result(article_from_text(" date 2025-08-21 " + TEXT, "geneva"), ex)
    assert dated.events[0].date == "2025-08-18" and dated.events[0].date_precision == "day"


def test_replayed_seed_direct_quotes_slice_to_their_text(replayed_results):
    articles, results = replayed_results
    checked = 0
    for a in articles:
        raw = (a.path and open(a.path, encoding="utf-8").read()) or a.raw
        for q in results[a.id].quotes:
            if q.kind != "direct":
                continue
            for span in q.evidence:
                assert normalize(raw[span.start : span.end]) == normalize(q.text), (a.id, q.text)
                checked += 1
    assert checked >= 5


def test_fast_normalize_equals_the_offset_mapping_one():
    from summarizer.grounding import normalize_with_map

    from .conftest import SEEDS

    samples = [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")] + ["  A\u00a0 “b” — c…\n\td  ", TEXT]
    for text in samples:
        assert normalize(text) == normalize_with_map(text)[0].strip()
