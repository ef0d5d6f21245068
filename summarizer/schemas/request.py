"""The model-facing schemas: what the model is asked for. Every string and list is bounded --
with grammar-constrained decoding (llama.cpp, vLLM) the bounds become ``maxLength`` /
``maxItems`` in the grammar, which is what stops a small model from copying the whole article
into one field or looping until ``max_tokens``. No ``pattern`` constraints: on llama.cpp they
made the server ignore ``maxLength``. Field descriptions are written for the model; in
JSON_SCHEMA mode instructor does not show them to it, so the system prompt carries a compact
field guide."""

from __future__ import annotations

import functools
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, create_model, model_validator

from .base import run_check

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
        return run_check(self, info)


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


class Synthesis(BaseModel):
    """Model-facing: the headline and overview written from merged facts only."""

    headline: str = Field(min_length=5, max_length=120)
    overview: str = Field(min_length=20, max_length=700)

    @model_validator(mode="after")
    def _supported(self, info: ValidationInfo) -> Synthesis:
        """Says nothing the merged facts do not (checked by ``summarizer.merge.synthesis``)."""
        return run_check(self, info)
