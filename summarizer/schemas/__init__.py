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

from .article import (
    AlignmentStatus,
    ArticleResult,
    ArticleSource,
    Claim,
    DateMention,
    Event,
    Figure,
    Frame,
    GroundingCounts,
    GroundingReport,
    KeyPoint,
    ModelInfo,
    NotNews,
    NotNewsReason,
    Person,
    PublishedDate,
    Quote,
    Span,
    Unsupported,
    Usage,
)
from .base import BRIEFING_SCHEMA_VERSION, SCHEMA_VERSION, Check, checking, run_check
from .briefing import (
    Briefing,
    BriefingEntity,
    BriefingEvent,
    BriefingFact,
    BriefingPerson,
    BriefingQuote,
    BriefingSource,
    CitedSentence,
    Digest,
    Disagreement,
    Evidence,
    FailedArticle,
    MergeReport,
    NotNewsItem,
    Position,
    RoleClaim,
    SetAside,
    Story,
    StoryMember,
    UnsupportedItem,
)
from .changes import Change, Changes, EarlierSource
from .export import EXPORTED, json_schemas, write_json_schemas
from .request import MAX_UNSETTLED_QUOTES, ArticleExtraction, EventOut, Name, SpeakerOut, Synthesis, extraction_model

__all__ = [
    "AlignmentStatus", "ArticleExtraction", "ArticleResult", "ArticleSource",
    "BRIEFING_SCHEMA_VERSION", "Briefing", "BriefingEntity", "BriefingEvent", "BriefingFact",
    "BriefingPerson", "BriefingQuote", "BriefingSource", "Check", "Change", "Changes", "CitedSentence", "Claim",
    "DateMention", "Digest", "Disagreement", "EXPORTED", "EarlierSource", "Event", "EventOut", "Evidence",
    "FailedArticle", "Figure", "Frame", "GroundingCounts", "GroundingReport", "KeyPoint",
    "MAX_UNSETTLED_QUOTES", "MergeReport", "ModelInfo", "Name", "NotNews", "NotNewsItem",
    "NotNewsReason", "Person", "Position", "PublishedDate", "Quote", "RoleClaim", "SCHEMA_VERSION",
    "SetAside", "Span", "SpeakerOut", "Story", "StoryMember", "Synthesis", "Unsupported",
    "UnsupportedItem", "Usage", "checking", "extraction_model", "json_schemas", "run_check",
    "write_json_schemas",
]
