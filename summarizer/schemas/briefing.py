"""The merged result over many articles (``Briefing``; ``Digest``: one per story): every item
has ``sources`` (article ids) and per-source ``evidence``."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, model_serializer

from .article import GroundingReport, NotNews, Span, Unsupported
from .base import BRIEFING_SCHEMA_VERSION
from .changes import Changes


class _MayHoldChanges(BaseModel):
    """A briefing or a digest: ``changes`` is written only when a run was asked for them
    (``--since``), so every other output stays as it was."""

    changes: Changes | None = Field(default=None, description="What changed since an earlier briefing (``--since``).")

    @model_serializer(mode="wrap")
    def _without_empty_changes(self, handler: SerializerFunctionWrapHandler) -> Any:
        out = handler(self)
        if isinstance(out, dict) and out.get("changes", 0) is None:
            del out["changes"]
        return out


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


class Briefing(_MayHoldChanges):
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


class Digest(_MayHoldChanges):
    """What ``summarizer brief`` writes for an input holding several stories (or documents set aside)."""

    schema_version: Literal[1] = 1
    kind: Literal["digest"] = "digest"
    stories: list[Story] = Field(description="Ordered by how many outlets cover them.")
    set_aside: list[SetAside] = Field(default_factory=list)
    failed: list[FailedArticle] = Field(default_factory=list)
