"""The one model call of the cross-article step: pairs code could not settle, answered in a batch.

Pure: builds the messages and the response model, and turns the answer into decisions
(``MergePlan.finish`` checks them against the text: a "conflict" stands only where code
finds what differs). One call per briefing, not one per pair: the answer is a list of
enum values -- ``same`` / ``conflict`` / ``unrelated`` -- exactly as long as the list of
pairs, which grammar-constrained decoding (``response_format: json_schema``) enforces, so
a small model spends a few tokens per pair. The statements are article text: template
variables, never template source.
"""

from __future__ import annotations

from functools import cache
from typing import Literal, Protocol

from pydantic import BaseModel, Field, create_model

from ..prompting import render
from . import Question

Answer = Literal["same", "conflict", "unrelated"]
MAX_CHARS = 300  # of each statement shown to the model


class Answered(Protocol):
    """An instance of a ``response_model(n)`` class."""

    answers: list[Answer]


@cache
def response_model(n: int) -> type[BaseModel]:
    """``{"answers": [...]}`` with exactly ``n`` answers (a class per size, built once)."""
    return create_model(
        "Adjudication",
        __doc__="One answer per numbered pair, in order.",
        answers=(list[Answer], Field(min_length=n, max_length=n)),
    )


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rstrip() + "\u2026"


def build_messages(questions: list[Question]) -> tuple[str, str]:
    pairs = [{"number": q.number, "a": _shown(q.a.claim.text), "b": _shown(q.b.claim.text)} for q in questions]
    return render("adjudicate_system.j2"), render("adjudicate_user.j2", questions=pairs)


def answers_by_number(questions: list[Question], result: Answered) -> dict[int, str]:
    return {q.number: a for q, a in zip(questions, result.answers, strict=False)}  # an answer list cut short asks no more
