"""Figures a statement that goes on no longer gives (``summarizer.merge.gone``), on sentences
written for these tests (invented places and people)."""

from summarizer.language import ENGLISH
from summarizer.merge.gone import given, gone, number_of, piece
from summarizer.reading.quantities import find_quantities
from summarizer.schemas import Claim


def _claims(*texts: str) -> list[Claim]:
    return [Claim(id=str(k), text=t, start=0, end=len(t), figures=[q.figure() for q in find_quantities(t, ENGLISH)]) for k, t in enumerate(texts)]


def _at(text: str, said: str) -> tuple[int, int]:
    k = text.index(said)
    return k, k + len(said)


def test_the_words_around_a_figure_stop_at_a_comma_and_an_apposition_keeps_its_name():
    text = "The ferry sank off Brennick, a port of some 4,000 people, on Friday night."
    assert piece(text, *_at(text, "4,000"), ENGLISH) == "Brennick, a port of some 4,000 people"
    text = "Most of the damage was in Oster Vale, about 12 km east of the dam."
    assert piece(text, *_at(text, "12"), ENGLISH) == "Oster Vale, about 12 km east of the dam"
    text = "Officials said 40 boats and three aircraft joined the search."  # no cut: the whole statement
    assert piece(text, *_at(text, "three"), ENGLISH) == "Officials said 40 boats and three aircraft joined the search"
    text = "The storm cut power to the valley; 2,300 homes were still dark on Sunday."
    assert piece(text, *_at(text, "2,300"), ENGLISH) == "2,300 homes were still dark on Sunday"


def test_a_figure_no_statement_gives_any_more_is_gone_and_one_replaced_or_given_is_not():
    earlier = "Officials said 40 boats and three aircraft joined the search."
    today = given([("s", _claims("Officials said 55 boats were searching on Tuesday.", "The search covers 90 square km."))])
    got = gone(earlier, [today["s"]], {number_of("40")}, ENGLISH)  # 40 moved to 55: its move tells it
    assert got == [("three aircraft", "Officials said 40 boats and three aircraft joined the search")]
    # told again, as digits: not gone
    today = given([("s", _claims("Officials said 55 boats and 3 aircraft were searching."))])
    assert gone(earlier, [today["s"]], {"40"}, ENGLISH) == []
    # a number as written in other words ("Ada Venn, 82" for "an 82-year-old woman") still gives it
    today = given([("s", _claims("Police named the woman as Ada Venn, 82, a retired nurse."))])
    assert gone("An 82-year-old woman was rescued from the roof.", [today["s"]], set(), ENGLISH) == []
    # a zero is no figure a reader misses (a figure all the same: "no arrests" = 0)
    assert [q.value for q in find_quantities("Police said there were no arrests.", ENGLISH)] == [0]
    assert gone("Police said there were no arrests.", [given([("s", _claims("The fire is out."))])["s"]], set(), ENGLISH) == []
