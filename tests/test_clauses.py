"""reading.clauses: a sentence cut into what it asserts, who says it and its asides, and
merge.told: which of them a story never told. Sentences shaped like wire copy (attribution at
the end, relative clauses that refer back, appositions with a figure)."""

from summarizer.language import ENGLISH
from summarizer.merge.told import Story, said_none, tells_death, untold
from summarizer.reading.clauses import parts


def test_a_joined_clause_takes_its_partners_subject():
    got = parts("The bridge remains closed and is expected to reopen on Friday, police said.")
    assert [(p.role, p.text) for p in got] == [
        ("main", "The bridge remains closed, police said"),
        ("main", "The bridge is expected to reopen on Friday, police said"),
        ("say", "police said"),
    ]
    assert got[1].own == "is expected to reopen on Friday"


def test_asides_are_shown_with_their_noun():
    """...and a clause with whose words it is and what identifies its nouns."""
    got = parts("Police named the man found dead in the house on Tuesday as Ivo Brandt, 44, a baker.")
    assert got[0].text == "Police named the man found dead in the house on Tuesday as Ivo Brandt, a baker"
    got = parts("About 300 people left their homes in Tarvel, a village of about 2,000 people.")
    assert ("aside", "Tarvel, a village of about 2,000 people") in [(p.role, p.text) for p in got]
    got = parts("The agency, which opened an inquiry on Monday, said its director would lead it himself.")
    assert [p.role for p in got] == ["aside", "say", "main"]
    assert got[0].text == "The agency, which opened an inquiry on Monday" and got[2].text == "The agency said its director would lead it himself"
    assert got[2].own == "its director would lead it himself"


def test_untold_finds_the_part_a_story_never_told():
    story = Story([("The agency opened an inquiry into the leak on Monday.", "2026-03-02")], ENGLISH)
    text = "The agency, which opened an inquiry on Monday, said its director, Mara Quill, would lead the investigators herself."
    assert [p.text for p in untold(text, "2026-03-03", story, ENGLISH)] == [
        "The agency said its director, Mara Quill, would lead the investigators herself"
    ]
    # told again in other words: no part is news
    assert untold("The agency said it had opened an inquiry into the leak on Monday.", "2026-03-03", story, ENGLISH) == []


def test_a_date_ahead_is_news_only_beside_a_told_clause():
    """``dated``: the statement adds a date ahead its earlier item did not give (``changes``
    finds it); the clause that gives it is news when another of its clauses is told."""
    story = Story([("The road is closed. It is expected to reopen soon.", "2026-03-02")], ENGLISH)
    text = "The road remains closed and is expected to reopen on Friday."
    assert [p.own for p in untold(text, "2026-03-03", story, ENGLISH, dated=True)] == ["is expected to reopen on Friday"]
    assert untold(text, "2026-03-03", story, ENGLISH) == []  # (its words alone are told)
    # the date a move of the same briefing tells is not news a second time
    assert untold(text, "2026-03-03", story, ENGLISH, dated=True, moved={"2026-03-06"}) == []
    # one assertion that only gains a date goes on (updated, "adds"): no part
    assert untold("The road is expected to reopen on Friday.", "2026-03-03", story, ENGLISH, dated=True) == []


def test_deaths_denied_and_told():
    assert said_none("No one has been killed.", ENGLISH) and said_none("There have been no deaths.", ENGLISH)
    assert tells_death("A man was found dead in his house.", ENGLISH) and not tells_death("No one has died.", ENGLISH)
    assert not said_none("Two people were injured.", ENGLISH) and not tells_death("Two people were injured.", ENGLISH)
    # a negation of something else is no denial of the death
    assert tells_death("The man, who had not been seen since Sunday, was found dead on Monday.", ENGLISH)
