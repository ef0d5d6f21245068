"""The word-shape tests the quote reader and the figure reader share (``reading.text``): one
rule for what looks plural or past, by the profile's endings and irregular forms."""

from __future__ import annotations

import dataclasses

from summarizer.language import ENGLISH
from summarizer.reading.text import looks_past, looks_plural


def test_plural_by_ending_and_by_irregular_form_but_not_by_a_short_word_or_a_singular_ending():
    assert looks_plural("officials") and looks_plural("Residents") and looks_plural("rank-and-file-workers")
    assert looks_plural("people") and looks_plural("children")  # irregular plurals
    assert not looks_plural("bus") and not looks_plural("crisis") and not looks_plural("status")


def test_past_by_ending_and_by_irregular_form_but_not_by_a_word_that_only_ends_alike():
    assert looks_past("killed") and looks_past("evacuated") and looks_past("used")
    assert looks_past("held") and looks_past("fought")  # irregular forms
    assert not looks_past("speed") and not looks_past("red") and not looks_past("bed")


def test_both_tests_read_their_endings_from_the_profile():
    no_irregulars = dataclasses.replace(ENGLISH, irregular_past=frozenset(), irregular_plurals=frozenset())
    assert not looks_past("held", no_irregulars) and not looks_plural("people", no_irregulars)
    assert looks_past("killed", no_irregulars) and looks_plural("officials", no_irregulars)
