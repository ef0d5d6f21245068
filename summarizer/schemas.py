"""Data contracts: what the model is asked for, what `extract` writes, what `merge` writes.

Three layers of models live here and nothing else does:

* ``ArticleExtraction`` -- the *model-facing* schema. Every string and list is bounded:
  with grammar-constrained decoding (llama.cpp, vLLM) the bounds become ``maxLength`` /
  ``maxItems`` in the grammar, which is what stops a small model from copying the whole
  article into one field or looping until ``max_tokens``. No ``pattern`` constraints: on
  llama.cpp they made the server ignore ``maxLength``. Business rules that need the article
  text (quotes must be verbatim, speakers must be the ones the text names) are enforced by
  a validator that runs the check in effect (``checking(...)``), so that a broken rule
  becomes an instructor re-ask -- see ``summarizer.reading.grounding``.
* ``ArticleResult`` -- one article's output: the extraction plus what code adds
  (ids, metadata parsed by code, evidence spans, grounding status, usage).
* ``Briefing`` -- the merged, deduplicated result over many articles; every item has
  ``sources`` (article ids) and per-source ``evidence``.

The JSON Schemas in ``schemas/`` are generated from these models
(``python -m summarizer.schemas``); a test fails when they drift.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Annotated, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, model_validator

SCHEMA_VERSION: Final = 2  # 2: quotes found by code (no `kind`: every quote is verbatim)
BRIEFING_SCHEMA_VERSION: Final = 2

Check = Callable[[Any], "str | None"]
_check: ContextVar[Check | None] = ContextVar("summarizer_check", default=None)


@contextmanager
def checking(check: Check) -> Iterator[None]:
    """Validate with ``check`` in effect (in this task and the ones it awaits).

    A context variable rather than instructor's ``context=``: instructor renders the messages
    through Jinja whenever it is given a context, and our messages (article text included) are
    already rendered -- they must reach the model untouched. ``model_validate(...,
    context={"check": c})`` works as well.
    """
    token = _check.set(check)
    try:
        yield
    finally:
        _check.reset(token)


def _run_check(model: BaseModel, info: ValidationInfo) -> Any:
    """Run the check in effect; a message it returns is a re-ask."""
    check = (info.context or {}).get("check") if info and info.context else _check.get()
    if check is not None:
        problems = check(model)
        if problems:
            raise ValueError(problems)
    return model


# --------------------------------------------------------------------------------------
# Model-facing schema. Field descriptions are written for the model; in JSON_SCHEMA mode
# instructor does not show them to it, so prompts/system.j2 carries a compact field guide.
# --------------------------------------------------------------------------------------

Name = Annotated[str, Field(min_length=1, max_length=60)]
MAX_UNSETTLED_QUOTES = 6  # quotes whose speaker the model is asked about, at most


class EventOut(BaseModel):
    """Something that happened or is scheduled, as the article reports it."""

    model_config = ConfigDict(title="Event")

    what: str = Field(min_length=3, max_length=100, description="What happened, in a few words.")
    when: str | None = Field(
        default=None, max_length=30, description="When, exactly as written ('on Monday', 'February 14'); null if not stated."
    )
    where: str | None = Field(default=None, max_length=40, description="Where; null if not stated.")


class SpeakerOut(BaseModel):
    """Who said a quote that code could not attribute (asked by its id)."""

    model_config = ConfigDict(title="Speaker")

    quote: str = Field(min_length=2, max_length=4, description="The quote's id as listed: Q1, Q2, ...")
    speaker: Name = Field(description="The person or group the article says said these words, as written.")


class ArticleExtraction(BaseModel):
    """What only reading can give: the model writes this, code finds the rest.

    Quotes, their speakers where the text settles them, dates, figures, offsets, roles in
    front of names and every statement of the body are found by code; the model is asked for
    a title, a summary, the people named, the three main facts as short statements, events,
    and the speakers of the quotes code could not attribute (by id). Every list and string is
    bounded (``maxItems``/``maxLength`` in the grammar); ``speakers`` may hold at most as many
    entries as quotes were asked about (``extraction_model(n)``)."""

    model_config = ConfigDict(title="ArticleExtraction")

    title: str = Field(min_length=3, max_length=120, description="The article's headline, or a short factual title.")
    summary: str = Field(min_length=20, max_length=250, description="Two short sentences in your own words.")
    people: list[Annotated[str, Field(min_length=2, max_length=50)]] = Field(
        max_length=6, description="The persons the article names, as written."
    )
    key_points: list[Annotated[str, Field(min_length=5, max_length=150)]] = Field(
        min_length=1, max_length=3, description="The three main facts, each a short statement."
    )
    events: list[EventOut] = Field(max_length=3)
    speakers: list[SpeakerOut] = Field(
        max_length=MAX_UNSETTLED_QUOTES, description="Who said each listed quote; [] when none are listed."
    )

    @model_validator(mode="after")
    def _grounded_in_article(self, info: ValidationInfo) -> ArticleExtraction:
        """The speakers the model gives must be named in the article near their quote.

        The article arrives with the check in effect (``checking(ExtractionCheck(...))``). A
        violation raises, which instructor turns into a re-ask carrying this message; the check
        decides how many re-asks an article gets before it stops raising, and code then keeps
        only the speakers it can verify."""
        return _run_check(self, info)


@functools.cache
def extraction_model(unsettled: int) -> type[ArticleExtraction]:
    """The request's response model when ``unsettled`` quotes are asked about: ``speakers``
    holds at most that many (none when code attributed every quote)."""
    n = min(unsettled, MAX_UNSETTLED_QUOTES)
    return create_model(
        "ArticleExtraction",
        __base__=ArticleExtraction,
        speakers=(list[SpeakerOut], Field(max_length=n, description="Who said each listed quote; [] when none are listed.")),
    )


# --------------------------------------------------------------------------------------
# Output: one article
# --------------------------------------------------------------------------------------

AlignmentStatus = Literal["exact", "normalized", "fuzzy", "none"]


class Span(BaseModel):
    """Where in the article an item's evidence is: ``text[start:end]``.

    Offsets are Python ``str`` indices (code points) into the article file decoded as
    UTF-8 (for HTML input: into the extracted text, stored as ``ArticleSource.text_path``).
    """

    start: int
    end: int
    status: AlignmentStatus
    score: float = Field(ge=0, le=100, description="100 for exact/normalized; the fuzzy score otherwise.")


class PublishedDate(BaseModel):
    as_written: str | None = None
    iso: str | None = Field(default=None, description="YYYY-MM-DD, only when the text gives a full date.")


class ArticleSource(BaseModel):
    id: str = Field(description="The file stem, e.g. 001_79dc3337b4ceb51b.")
    path: str | None = None
    sha256: str = Field(description="Of the file's bytes (for stdin: of the bytes read).")
    encoding: str | None = Field(default=None, description="How the bytes were decoded (utf-8, utf-16, cp1252, ...).")
    chars: int
    title_hint: str | None = Field(default=None, description="A headline line found by code, if any.")
    published: PublishedDate = Field(default_factory=PublishedDate)
    outlet: str | None = None
    section: str | None = None


class Person(BaseModel):
    id: str
    name: str
    role: str | None = None
    evidence: list[Span] = Field(default_factory=list)


class Quote(BaseModel):
    id: str
    speaker: str
    text: str
    speaker_status: Literal["verified", "unverified"] = Field(
        default="unverified",
        description="verified: the text itself names the speaker next to the words (found by code, or the model's "
        "answer confirmed by code); unverified: the model's guess, or 'unknown'.",
    )
    speaker_attributed_to: str | None = Field(
        default=None, description="The name the text attributes the words to, when code found one."
    )
    evidence: list[Span] = Field(default_factory=list)


class Event(BaseModel):
    id: str
    what: str
    when: str | None = None
    date: str | None = Field(default=None, description="ISO date (YYYY-MM-DD, YYYY-MM or YYYY) when resolvable.")
    date_precision: Literal["day", "month", "year", "unknown"] = "unknown"
    time: str | None = Field(default=None, description="HH:MM (24 h), the time stamp of a live blog's entry, as written in 'when'.")
    where: str | None = None
    who: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)
    found_by: Literal["model", "code"] = Field(
        default="model", description="code: a dated statement of the article that no event of the model covered."
    )


class KeyPoint(BaseModel):
    id: str
    text: str
    evidence: list[Span] = Field(default_factory=list)


class Figure(BaseModel):
    """A quantity the text states, found by code: ``text[start:end]`` is ``surface``."""

    surface: str
    value: float = Field(description="Normalised: 'four' = 4, '1,375' = 1375, '$3.6 billion' = 3.6e9, 'no arrests' = 0.")
    unit: str = Field(description="count, percent, percentage_point, an ISO currency code, or a time unit (hour, day, ...).")
    noun: str | None = Field(default=None, description="What it counts, as written ('arrests', 'nations'), when code found it.")
    approximate: bool = Field(default=False, description="Hedged: 'about 350', 'more than 60'.")
    start: int
    end: int
    counted: str | None = Field(default=None, description="The noun it counts, from the parse (lemma: 'form' in 'two main forms').")
    places: list[str] = Field(default_factory=list, description="Places its clause names ('at the port of Marlow').")
    about: str | None = Field(default=None, description="What its verb acts on (lemma: 'quake' in 'measured the quake at magnitude 6.1').")
    apart: bool = Field(default=False, description="A group set apart from another: 'a further 17 people', 'two larger firms'.")
    kind: str = Field(default="", description="The parser's entity type: CARDINAL (a count), QUANTITY (a measurement, '200 kilometers'), MONEY ...")
    verb: str | None = Field(default=None, description="The verb that governs the figure's phrase (lemma: 'approve', 'divert').")
    arguments: list[str] = Field(default_factory=list, description="That verb's other arguments (lemmas).")
    qualifier: list[str] = Field(
        default_factory=list,
        description="Nouns qualifying what is counted, each with its modifiers ('patient/first' for 'contacts of the first patient').",
    )


class Frame(BaseModel):
    """One verb of a claim with its arguments, from the parse (``summarizer.reading.syntax.frames``)."""

    verb: str = Field(description="Lemma, with its particle ('give_up').")
    doer: str | None = Field(default=None, description="The named doer as written: the 'by X' of a passive, or a named subject.")
    subject: list[str] = Field(default_factory=list, description="Lemmas of the subject phrase (none for a pronoun).")
    patient: list[str] = Field(default_factory=list, description="Lemmas of what it acts on (object, passive subject).")
    negated: bool = False
    places: list[str] = Field(default_factory=list, description="Names of places under its prepositions.")
    tense: Literal["past", "present", "future"] = "present"
    by: bool = Field(default=False, description="The doer is a passive's 'by X' ('was proposed by the prime minister's office').")


class DateMention(BaseModel):
    """A date expression in the text, resolved against the article's own date."""

    surface: str
    date: str | None = Field(default=None, description="ISO: YYYY-MM-DD, YYYY-MM or YYYY; null when unresolvable.")
    precision: Literal["day", "month", "year", "unknown"] = "unknown"
    start: int
    end: int
    future: bool = Field(default=False, description="It points forward: 'will leave on January 1', 'would fly on Thursday'.")


class Claim(BaseModel):
    """One statement of the article (a sentence or a clause of one), found by code.

    The merge compares claims across articles: the same statement in two articles is one fact
    with two sources; the same measure with different values is a disagreement. ``key``: the
    model listed this statement among the key points."""

    id: str
    text: str
    start: int
    end: int
    figures: list[Figure] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    quoted: bool = Field(default=False, description="Mostly words inside quotation marks: someone's speech.")
    speaker: str | None = Field(default=None, description="Whose words a quoted claim holds (a quoted claim has one).")
    leans: bool = Field(
        default=False,
        description="Its subject points to the sentence before ('He', 'That money', 'The man, 54,'): it cannot lead.",
    )
    continues: bool = Field(
        default=False,
        description="A clause cut from its sentence with no subject of its own ('..., and placed 14 people in quarantine'): "
        "it supports a fact or a side of a disagreement, and is never shown as a statement.",
    )
    frames: list[Frame] = Field(default_factory=list, description="Who did what to what, where, and whether: its verbs' arguments.")
    year: str | None = Field(
        default=None, description="A year it is set in, named by it or by an earlier sentence of its paragraph ('In 2019, ...')."
    )
    key: bool = False


NotNewsReason = Literal[
    "dateline", "caption", "credit", "byline", "subhead", "question", "link", "trailer", "embed", "list", "fragment",
    "quotation", "addressed",
]


class NotNews(BaseModel):
    """A line or sentence of the article that is not a news statement: never a claim, fact or
    lead (``summarizer.reading.notnews``)."""

    text: str
    start: int
    end: int
    reason: NotNewsReason
    detail: str | None = Field(
        default=None, description="For text addressed to software: the rule that found it (summarizer.reading.addressed)."
    )


class Unsupported(BaseModel):
    """Something the model said that the article does not bear out: kept out of the briefing."""

    kind: Literal["title", "summary", "key_point", "event"]
    text: str
    why: str = "no evidence in the article"


class GroundingCounts(BaseModel):
    exact: int = 0
    normalized: int = 0
    fuzzy: int = 0
    none: int = 0

    def add(self, other: GroundingCounts) -> GroundingCounts:
        return GroundingCounts(**{k: getattr(self, k) + getattr(other, k) for k in type(self).model_fields})


class GroundingReport(BaseModel):
    counts: GroundingCounts = Field(default_factory=GroundingCounts)
    quotes_direct: int = 0
    speakers_verified: int = 0
    speakers_unverified: int = 0

    def add(self, other: GroundingReport) -> GroundingReport:
        fields = {k: getattr(self, k) + getattr(other, k) for k in type(self).model_fields if k != "counts"}
        return GroundingReport(counts=self.counts.add(other.counts), **fields)


class Usage(BaseModel):
    requests: int = Field(0, description="HTTP requests answered by the model (not by cache or recording).")
    replayed: int = Field(0, description="Requests answered from a recording or the cache.")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_seconds: float = Field(0.0, description="Wall seconds spent waiting on the model.")

    def add(self, other: Usage) -> Usage:
        return Usage(**{k: getattr(self, k) + getattr(other, k) for k in type(self).model_fields})


class ModelInfo(BaseModel):
    model: str
    base_url: str
    mode: str


class ArticleResult(BaseModel):
    """What ``summarizer extract`` writes for one article."""

    schema_version: Literal[1, 2] = Field(
        default=SCHEMA_VERSION, description="2 since quotes are found by code; version 1 files are still read."
    )
    source: ArticleSource
    title: str
    summary: str
    key_points: list[KeyPoint]
    people: list[Person]
    organizations: list[str]
    places: list[str]
    quotes: list[Quote]
    events: list[Event]
    claims: list[Claim] = Field(
        default_factory=list, description="Every statement of the article body, found by code (what the merge compares)."
    )
    not_news: list[NotNews] = Field(
        default_factory=list,
        description="Lines and sentences that are not news statements (datelines, captions, credits, bylines, subheads, "
        "questions, link and trailer lines, embedded posts, list items, fragments, someone's words in a sentence "
        "that does not name them), each with its reason: never a claim, fact or lead.",
    )
    unsupported: list[Unsupported] = Field(
        default_factory=list,
        description="What the model said without evidence in the article (an event, a title, a summary); not used.",
    )
    grounding: GroundingReport
    usage: Usage = Field(default_factory=Usage)
    parts: int = Field(
        default=1, ge=1, description="Requests the model read the article in: a long article is read in overlapping parts."
    )

    @model_validator(mode="before")
    @classmethod
    def _from_version_1(cls, data: Any) -> Any:
        """A version 1 file's quotes the model returned but the article does not hold
        (``kind: paraphrase``) were never quotes: they are left out when it is read."""
        if isinstance(data, dict) and data.get("schema_version") == 1 and isinstance(data.get("quotes"), list):
            data = {**data, "quotes": [q for q in data["quotes"] if not isinstance(q, dict) or q.get("kind", "direct") == "direct"]}
        return data
    model: ModelInfo | None = None


# --------------------------------------------------------------------------------------
# Output: the briefing
# --------------------------------------------------------------------------------------


class Evidence(BaseModel):
    """One piece of evidence for a briefing item: an article and a span in it."""

    source: str
    span: Span | None = None
    text: str | None = Field(default=None, description="How that article put it (its own wording).")


class BriefingSource(BaseModel):
    id: str
    title: str
    published: str | None = None
    outlet: str | None = None


class RoleClaim(BaseModel):
    role: str
    sources: list[str]


class BriefingPerson(BaseModel):
    id: str
    name: str
    aliases: list[str]
    roles: list[RoleClaim]
    sources: list[str] = Field(min_length=1)
    evidence: list[Evidence] = Field(default_factory=list)


class BriefingEntity(BaseModel):
    id: str
    name: str
    aliases: list[str]
    sources: list[str] = Field(min_length=1)


class BriefingEvent(BaseModel):
    id: str
    description: str
    date: str | None = None
    date_precision: Literal["day", "month", "year", "unknown"] = "unknown"
    time: str | None = Field(default=None, description="HH:MM (24 h), from a live blog's time stamp.")
    when_as_written: list[str] = Field(default_factory=list)
    where: str | None = None
    participants: list[str] = Field(default_factory=list, description="Ids of briefing people.")
    sources: list[str] = Field(min_length=1)
    evidence: list[Evidence] = Field(default_factory=list)


class BriefingFact(BaseModel):
    id: str
    statement: str = Field(description="One article's own words for it (the shortest undisputed one).")
    sources: list[str] = Field(min_length=1)
    voices: int = Field(
        default=1, description="Independent outlets that state it: copies of one text (syndication, boilerplate) count once."
    )
    corroborated: bool = Field(description="True when two or more independent voices state it.")
    key: bool = Field(default=False, description="The model named it among an article's key points.")
    topic: str | None = Field(default=None, description="Id of the event this fact belongs to, when one does.")
    disputed: list[str] = Field(
        default_factory=list, description="Ids of disagreements about a detail of this statement (sources differ on it)."
    )
    evidence: list[Evidence] = Field(default_factory=list, description="Every article's own words for it, with the span.")


class BriefingQuote(BaseModel):
    id: str
    speaker: str = Field(description="Who said it: the article's own attribution when code found one.")
    speaker_id: str | None = None
    text: str
    speaker_status: Literal["verified", "corrected", "unverified"] = Field(
        description="verified: the model and the text agree; corrected: the text attributes the words to "
        "someone else than the model said (model_speaker), and that attribution is shown; unverified: the "
        "text names no speaker code could find."
    )
    model_speaker: str | None = Field(default=None, description="The model's speaker, when it was corrected.")
    sources: list[str] = Field(min_length=1)
    evidence: list[Evidence] = Field(default_factory=list)
    related: list[str] = Field(default_factory=list, description="Ids of facts that paraphrase this quote.")


class Position(BaseModel):
    value: str = Field(description="What this side says about the subject, as written ('four', 'rose', 'in the packing hall').")
    statement: str = Field(description="The statement it comes from (one article's words).")
    sources: list[str] = Field(min_length=1)
    published: str | None = Field(default=None, description="The articles' date, for figures that change over time.")
    evidence: list[Evidence] = Field(default_factory=list)


class Disagreement(BaseModel):
    id: str
    subject: str = Field(description="What the sides disagree about: the words around the differing detail.")
    kind: Literal["number", "date", "place", "direction", "who", "other"] = Field(
        description="What differs: a figure, a date, a place, a direction (raised vs cut, ruled out vs not), or who did it."
    )
    evolution: bool = Field(
        default=False,
        description="An update, not a conflict: a detail that changed between articles dated on different days (a rising "
        "toll, a date that moved, talks that resumed): the positions are "
        "in date order, an update rather than a contradiction.",
    )
    decided_by: Literal["code", "model"] = Field(
        default="code", description="model: the adjudication call said the two statements conflict; code found what differs."
    )
    positions: list[Position] = Field(min_length=2)
    sources: list[str] = Field(min_length=1)


class UnsupportedItem(Unsupported):
    source: str


class NotNewsItem(NotNews):
    """A line an article holds that is not news, with the article it is in."""

    source: str


class CitedSentence(BaseModel):
    text: str
    sources: list[str] = Field(min_length=1)
    fact: str | None = Field(default=None, description="Id of the fact or event the sentence restates.")
    published: str | None = Field(
        default=None, description="The date of the articles it comes from, when the overview's sentences differ in date."
    )


class MergeReport(BaseModel):
    """How the cross-article comparison was decided (for the reader and for measuring it)."""

    claims: int = 0
    pairs_compared: int = 0
    decided_by_code: int = 0
    asked: int = Field(0, description="Pairs code could not settle, sent to the model in one batched call.")
    model_answers_kept: int = 0
    model_answers_rejected: int = Field(0, description="Conflicts the model saw where code found no differing detail.")


class FailedArticle(BaseModel):
    id: str
    error: str


class SetAside(BaseModel):
    """A document that is not an article (or a word-for-word copy of one): never merged."""

    id: str
    path: str | None = None
    reason: str = Field(description="Why, in one line: too short, page furniture, a copy of another document.")
    copy_of: str | None = Field(default=None, description="The document it repeats word for word, if that is why.")


class Briefing(BaseModel):
    """What ``summarizer merge`` / ``summarizer brief`` write."""

    schema_version: Literal[2] = BRIEFING_SCHEMA_VERSION
    headline: str | None = None
    headline_sources: list[str] = Field(default_factory=list)
    headline_article: str | None = Field(
        default=None, description="The article whose own headline (or lede) the headline is: the most representative one."
    )
    overview: str | None = None
    lead: list[CitedSentence] = Field(
        default_factory=list, description="The overview sentence by sentence, each with the sources that state it."
    )
    sources: list[BriefingSource]
    copies: list[list[str]] = Field(
        default_factory=list, description="Articles recognised as copies of one text: one voice when counting sources."
    )
    people: list[BriefingPerson]
    organizations: list[BriefingEntity]
    places: list[BriefingEntity]
    events: list[BriefingEvent]
    facts: list[BriefingFact]
    quotes: list[BriefingQuote]
    disagreements: list[Disagreement]
    failed: list[FailedArticle] = Field(default_factory=list)
    set_aside: list[SetAside] = Field(
        default_factory=list, description="Input documents that are not articles (see summarizer.inputs.noise): not merged."
    )
    unsupported: list[UnsupportedItem] = Field(
        default_factory=list,
        description="What the model said that its article does not bear out (key points, events, titles): not shown as facts.",
    )
    not_news: list[NotNewsItem] = Field(
        default_factory=list,
        description="Lines of the articles set aside as not news (datelines, captions, credits, bylines, subheads ...), "
        "each with its reason: never a fact or the lead. Shown only with --evidence.",
    )
    grounding: GroundingReport = Field(default_factory=GroundingReport)
    merge: MergeReport = Field(default_factory=MergeReport)


class StoryMember(BaseModel):
    source: str
    shares: list[str] = Field(
        default_factory=list, description="What ties it to the story's other articles: shared names and words, rarest first."
    )


class Story(BaseModel):
    """One story of a mixed input: its articles, why they belong together, and its briefing."""

    id: str = Field(description="From the story's first article id (stable when unrelated articles come and go).")
    title: str = Field(description="The title of the article most like the others.")
    sources: list[str] = Field(min_length=1)
    outlets: int = Field(
        description="Independent voices: articles of one outlet count once, and so do copies of one text (syndication)."
    )
    members: list[StoryMember] = Field(default_factory=list)
    briefing: Briefing | None = Field(default=None, description="Its briefing (absent in 'summarizer stories').")


class Digest(BaseModel):
    """What ``summarizer brief`` writes for an input holding several stories (or documents set aside)."""

    schema_version: Literal[1] = 1
    kind: Literal["digest"] = "digest"
    stories: list[Story] = Field(description="Ordered by how many outlets cover them.")
    set_aside: list[SetAside] = Field(default_factory=list)
    failed: list[FailedArticle] = Field(default_factory=list)


class Synthesis(BaseModel):
    """Model-facing: the headline and overview written from merged facts only."""

    headline: str = Field(min_length=5, max_length=120)
    overview: str = Field(min_length=20, max_length=700)

    @model_validator(mode="after")
    def _supported(self, info: ValidationInfo) -> Synthesis:
        """Says nothing the merged facts do not (checked by ``summarizer.merge.synthesis``)."""
        return _run_check(self, info)


# --------------------------------------------------------------------------------------
# JSON Schema export
# --------------------------------------------------------------------------------------

EXPORTED: dict[str, type[BaseModel]] = {
    "article-extraction.request.schema.json": ArticleExtraction,
    "article.schema.json": ArticleResult,
    "briefing.schema.json": Briefing,
    "digest.schema.json": Digest,
    "synthesis.request.schema.json": Synthesis,
}


def json_schemas() -> dict[str, dict[str, Any]]:
    """Every exported JSON Schema, keyed by file name."""
    return {name: model.model_json_schema() for name, model in EXPORTED.items()}


def write_json_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in json_schemas().items():
        path = directory / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - `python -m summarizer.schemas [DIR]`
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("schemas")
    for p in write_json_schemas(target):
        print(p)
