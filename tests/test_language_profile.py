"""The language profile holds the word lists; one site's page furniture is a profile of its own;
the rules take the profile they are given and still hold when a list misses a word."""

from __future__ import annotations

import dataclasses

from summarizer.extraction.people import not_a_person
from summarizer.inputs.articles import clean_text
from summarizer.language import ENGLISH, FURNITURE, LanguageProfile, PageFurniture
from summarizer.merge.entities import entity_key
from summarizer.reading.dates import resolve
from summarizer.reading.entities import Named
from summarizer.reading.names import looks_like_role

PAGE = "Please Wait...\nfolder_open World access_time 2 days ago\nThe port reopened on Monday, officials said.\n"


def test_site_furniture_is_not_in_the_language_profile():
    fields = {f.name for f in dataclasses.fields(LanguageProfile)}
    assert not fields & {"page_chrome", "trailing_chrome", "section_line", "date_line_words"}
    assert any("favorites" in p for p in FURNITURE.lines) and "folder_open" in FURNITURE.section_line
    assert not any("favorites" in str(getattr(ENGLISH, f)) or "folder_open" in str(getattr(ENGLISH, f)) for f in fields)


def test_clean_text_strips_the_furniture_it_is_given():
    text, meta = clean_text(PAGE)
    assert text == "The port reopened on Monday, officials said." and meta["section"] == "World"
    none = PageFurniture(lines=(), trailing=(), section_line=r"(?!)(?P<section>)(?P<when>)", date_line_words=("date",))
    kept, meta = clean_text(PAGE, ENGLISH, none)
    assert kept.startswith("Please Wait...\nfolder_open World") and "section" not in meta


def test_dates_read_the_profile_and_a_missed_lead_word_leaves_the_date_unresolved():
    assert resolve("early March 2024", "2025-08-21") == ("2024-03", "month")
    bare = dataclasses.replace(ENGLISH, date_lead_words=())
    assert resolve("early March 2024", "2025-08-21", bare) == (None, "unknown")  # never a wrong date
    assert resolve("on Monday", "2025-08-21", bare) == ("2025-08-18", "day")


def test_entity_key_drops_the_profiles_article():
    assert entity_key("The U.S.") == "united states" and entity_key("the Kremlin") == "kremlin"
    assert entity_key("the Kremlin", dataclasses.replace(ENGLISH, definite_articles=("la",))) == "the kremlin"


def test_a_role_does_not_open_with_a_verb_form_of_the_profile():
    assert looks_like_role("US Vice President") and not looks_like_role("Attending the Munich Conference")
    bare = dataclasses.replace(ENGLISH, participle_endings=(), past_endings=())
    assert looks_like_role("Attending the Munich Conference", bare)


def test_not_a_person_holds_when_the_list_misses_the_word():
    named = [Named(name="Calveran Geophysical Survey", kind="organisation")]
    assert not_a_person("Geophysical Survey", [])  # "survey" is on the list
    bare = dataclasses.replace(ENGLISH, organisation_words=frozenset(), place_words=frozenset())
    assert not not_a_person("Geophysical Survey", [], bare)
    assert not_a_person("Geophysical Survey", named, bare)  # the longer name's type still says so
