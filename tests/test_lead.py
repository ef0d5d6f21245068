"""The lead (summarizer.merge.lead), citations that hold and disagreements that measure the same
thing (summarizer.merge.facts). Every article here is written for the tests, shaped the way
outlets publish (headlines, datelines, ledes, background paragraphs); none is a desk story."""

from __future__ import annotations

from summarizer.extraction.result import to_result
from summarizer.inputs.articles import article_from_text
from summarizer.schemas import ArticleExtraction

from .test_merge import _merge


def _article(sid: str, text: str, *, date: str | None = None):
    """An article written for the test, with a model answer written for the test (its first
    body sentence as its one key point)."""
    raw = (f"date {date}\n" if date else "") + text
    article = article_from_text(raw, sid)
    body = text.split("\n\n")[-1] if "\n\n" not in text else text.split("\n\n")[1]
    ex = ArticleExtraction(
        title=f"Article {sid}", summary="A summary written for the test.", people=[],
        key_points=[body.split(". ")[0][:140]], events=[], speakers=[],
    )  # fmt: skip
    return to_result(article, ex), article.raw


def _story(*parts: tuple[str, str, str | None]):
    """(id, text with its headline on the first line, date) -> per-article results."""
    return [_article(sid, text, date=date) for sid, text, date in parts]


FERRY = _story(
    ("f1", "Ferry runs aground off Halvik with 212 on board\n\n"
           "HALVIK (Coastwire) — A passenger ferry ran aground off Halvik on Tuesday with 212 people on board, the coast guard said.\n\n"
           "Photo: rescue boats beside the ferry. Ola Berg/Coastwire\n\n"
           "He said no one was hurt.\n\n"
           "In 2018 a freighter ran aground off Halvik and spilled 40 tonnes of fuel.", "2026-04-07"),
    ("f2", "Halvik ferry grounding: coast guard tows vessel free\n\n"
           "The coast guard towed a ferry free on Wednesday after it ran aground off Halvik on Tuesday with 212 people on board.\n\n"
           "The ferry was refloated at high tide, the coast guard said.", "2026-04-08"),
    ("f3", "Ferry with 212 aboard grounded off Halvik\n\n"
           "A ferry carrying 212 people ran aground off Halvik on Tuesday, the coast guard said.\n\n"
           "The ferry operator said the ship's radar had failed.", "2026-04-07"),
)  # fmt: skip


def test_the_headline_is_an_outlets_headline_of_the_news_they_lead_with():
    b = _merge(*FERRY)
    assert "aground" in b.headline.lower() or "grounded" in b.headline.lower()
    assert b.headline_article in {"f1", "f3"}  # the two that lead with the grounding itself
    assert b.headline in {"Ferry runs aground off Halvik with 212 on board", "Ferry with 212 aboard grounded off Halvik"}
    assert set(b.headline_sources) >= {"f1", "f3"}


def test_the_overview_never_opens_with_a_caption_dateline_or_leaning_sentence():
    b = _merge(*FERRY)
    first = b.lead[0].text
    assert not first.startswith(("HALVIK", "Photo", "He ", "In 2018"))
    assert "ran aground off Halvik" in first


def test_a_sub_event_of_another_day_is_in_the_overview_and_dated():
    b = _merge(*FERRY)
    texts = " ".join(c.text for c in b.lead)
    assert "towed a ferry free on Wednesday" in texts
    assert {c.published for c in b.lead} == {"2026-04-07", "2026-04-08"}


def test_a_background_paragraph_is_not_the_same_fact_as_the_lede():
    """"In 2018 a freighter ran aground off Halvik ..." shares the lede's words, not its news."""
    b = _merge(*FERRY)
    for f in b.facts:
        assert not ("2018" in " ".join(e.text or "" for e in f.evidence) and len(f.sources) > 1)


def test_a_superseded_figure_gives_way_in_the_headline():
    b = _merge(
        _article("d1", "Mine collapse kills 7 in Rudna\n\nA mine collapse in Rudna killed 7 miners on Monday, rescuers said.", date="2026-05-04"),
        _article("d2", "Rudna mine collapse: 7 dead, rescue goes on\n\nSeven miners were killed when a mine collapsed in Rudna on Monday.", date="2026-05-04"),
        _article("d3", "Rudna mine disaster toll rises\n\nThe number of miners killed in Monday's mine collapse in Rudna has risen to 11, rescuers said on Wednesday.", date="2026-05-06"),
    )  # fmt: skip
    [d] = [d for d in b.disagreements if d.kind == "number"]
    assert d.evolution and [p.value for p in d.positions][-1] == "11"
    assert "7" not in b.headline and "Seven" not in b.headline


# ----------------------------------------------------------------------------- citations that hold


def test_every_source_of_a_fact_states_it_itself():
    """A~B and B~C with A and C saying other things: [A][B][C] would claim too much."""
    b = _merge(
        _article("a", "The council approved the new bridge over the Elm river on Monday."),
        _article("b", "The council approved the new bridge over the Elm river on Monday, and set its budget at four million."),
        _article("c", "The council set the budget of the new bridge at four million."),
    )
    for f in b.facts:
        if len(f.sources) > 1:
            own = {e.source: e.text for e in f.evidence}
            assert len(own) == len(f.sources)


def test_a_later_report_of_a_figure_is_no_source_of_the_earlier_one():
    b = _merge(
        _article("e1", "No injuries were reported after the tram derailed in Brenna, the operator said.", date="2026-01-03"),
        _article("e2", "Four passengers were treated for injuries after the tram derailed in Brenna, the operator said.", date="2026-01-04"),
    )
    [d] = b.disagreements
    assert d.evolution and [p.sources for p in d.positions] == [["e1"], ["e2"]]
    assert not any(set(f.sources) == {"e1", "e2"} and "No injuries" in f.statement for f in b.facts)


# ----------------------------------------------------------------------------- disagreements


def test_sums_requested_and_approved_are_not_a_disagreement():
    b = _merge(
        _article("g1", "The ministry requested $14 billion for the northern railway in January."),
        _article("g2", "Parliament approved $3.1 billion for the northern railway in March."),
    )
    assert b.disagreements == []


def test_one_of_three_kinds_is_not_one_of_two_forms():
    b = _merge(
        _article("h1", "Cholera is one of three diseases that doctors must report within a day."),
        _article("h2", "Cholera is one of two main forms of the illness seen in the region."),
    )
    assert b.disagreements == []
    assert not any(len(f.sources) > 1 for f in b.facts)


def test_a_group_set_apart_is_another_count():
    b = _merge(
        _article("i1", "Health workers placed 14 people who had been in contact with the patient in quarantine.", date="2026-05-12"),
        _article("i2", "A further 9 people who met the two other patients were also placed in quarantine.", date="2026-05-14"),
    )
    assert b.disagreements == []


def test_a_distance_is_not_a_count_of_people():
    b = _merge(
        _article("j1", "Workers at the port of Selby, 200 kilometers up the coast, joined the strike on Tuesday."),
        _article("j2", "Some 1,800 workers at the port of Selby joined the strike on Tuesday."),
    )
    assert b.disagreements == []


def test_who_did_it_is_a_disagreement():
    b = _merge(
        _article("k1", "The strike was called by the Harbour Workers Federation on Monday."),
        _article("k2", "The Crane Operators Union called the strike, a spokesman said."),
    )
    [d] = b.disagreements
    assert d.kind == "who" and not d.evolution
    assert sorted(p.value for p in d.positions) == ["Crane Operators Union", "Harbour Workers Federation"]


def test_where_it_happened_is_a_disagreement():
    b = _merge(
        _article("l1", "The injured climber is being treated at the hospital in Tarvik, the rescue service said."),
        _article("l2", "The injured climber is being treated at the clinic in Mossby, according to the police."),
    )
    [d] = b.disagreements
    assert d.kind == "place" and {p.value for p in d.positions} == {"Tarvik", "Mossby"}


def test_whether_it_happened_is_a_disagreement_and_an_update_when_the_news_moved_on():
    b = _merge(
        _article("m1", "Talks between the union and the port operators broke down in May and have not resumed.", date="2026-06-15"),
        _article("m2", "Talks between the union and the port operators resumed on Wednesday, the labour ministry said.", date="2026-06-17"),
    )
    [d] = b.disagreements
    assert d.kind == "direction" and d.evolution
    assert [p.sources for p in d.positions] == [["m1"], ["m2"]]


def test_a_date_that_moved_is_an_update():
    b = _merge(
        _article("n1", "The director said she will leave the museum at the end of March.", date="2026-01-12"),
        _article("n2", "The director will leave the museum on February 1, two months earlier than planned.", date="2026-01-15"),
    )
    [d] = b.disagreements
    assert d.kind == "date" and d.evolution and [p.sources for p in d.positions] == [["n1"], ["n2"]]


def test_outlets_that_differ_on_the_same_day_disagree():
    b = _merge(
        _article("o1", "About 3,200 dock workers walked off the job at the port of Selby on Monday.", date="2026-06-15"),
        _article("o2", "About 2,400 dock workers walked off the job at the port of Selby on Monday.", date="2026-06-15"),
    )
    [d] = b.disagreements
    assert d.kind == "number" and not d.evolution


def test_a_year_the_article_does_not_give_is_not_put_on_an_event():
    """The model may write a year into "when" for an undated article: the event stays undated."""
    from summarizer.schemas import EventOut

    article = article_from_text("Minister to step down\n\nThe minister said on Monday she will step down in February.", "p1")
    ex = ArticleExtraction(
        title="Minister to step down", summary="The minister will step down in February.", people=[],
        key_points=["The minister will step down in February."],
        events=[EventOut(what="Minister steps down", when="February 2023", where=None)], speakers=[],
    )  # fmt: skip
    [e] = [e for e in to_result(article, ex).events if e.what == "Minister steps down"]
    assert e.date is None and e.when == "February 2023"
