"""One article's output (``ArticleResult``): the extraction plus what code adds -- ids, metadata
parsed by code, quotes and claims found by code, evidence spans, grounding status, usage."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator

from .base import SCHEMA_VERSION

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
