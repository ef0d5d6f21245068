"""Every quotation of an article and its speaker against labels: recall, precision, speakers
right / wrong shown / unattributed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any

from ..reading.grounding import normalize
from ..reading.names import same_person, same_surname
from ..schemas import ArticleResult


@dataclass
class QuoteScore:
    labelled: int = 0  # labelled quotes (kind "quote")
    found: int = 0  # of those, in the article's record
    reported: int = 0  # quotes in the records
    correct: int = 0  # reported quotes that are labelled quotes
    speaker_right: int = 0
    speaker_wrong_verified: int = 0  # a wrong speaker shown as the text's own attribution
    speaker_wrong_unverified: int = 0
    speaker_unknown: int = 0
    scare: int = 0
    scare_kept_out: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.reported if self.reported else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    def add(self, other: QuoteScore) -> QuoteScore:
        out = QuoteScore()
        for f in fields(QuoteScore):
            setattr(out, f.name, getattr(self, f.name) + getattr(other, f.name))
        return out


def _speaker_right(label: str, speaker: str, people: list[str]) -> bool:
    if label == "group":  # several speakers together: any name that is no one person of the article
        return speaker != "unknown" and not any(same_person(speaker, p) for p in people)
    if same_person(speaker, label):
        return True
    # a spelling of the surname ("Kovalenko" / "Kowalenko"), never another person of the article who shares it
    return same_surname(speaker, label) and not any(
        same_surname(speaker, p) and not same_person(p, label) for p in people
    )


def evaluate_quotes(labels: dict[str, Any], results: list[ArticleResult]) -> QuoteScore:
    """Quotes and speakers in the per-article records against ``attributed_quotes`` labels."""
    score = QuoteScore()
    wanted = labels.get("attributed_quotes", [])
    matched: set[tuple[str, str]] = set()
    for lab in wanted:
        rs = [r for r in results if r.source.id.startswith(lab["source"])]
        hits = [(r, q) for r in rs for q in r.quotes if re.search(lab["pattern"], normalize(q.text))]
        matched |= {(r.source.id, q.id) for r, q in hits}
        if lab["kind"] == "scare":
            score.scare += 1
            score.scare_kept_out += not hits
            if hits:
                score.errors.append(f"scare quote reported as a quote: {lab['source']} {lab['pattern']!r}")
            continue
        score.labelled += 1
        if not hits:
            score.errors.append(f"quote not found: {lab['source']} {lab['pattern']!r}")
            continue
        score.found += 1
        r, q = hits[0]
        if lab["speaker"] == "unsure":  # the article does not settle it: only "unknown" is right
            if q.speaker == "unknown":
                score.speaker_right += 1
            else:
                score.speaker_wrong_verified += q.speaker_status == "verified"
                score.speaker_wrong_unverified += q.speaker_status != "verified"
                score.errors.append(f"a guess shown ({q.speaker_status}): {lab['source']} {q.text[:50]!r} -> {q.speaker}, the article does not say")
        elif q.speaker == "unknown":
            score.speaker_unknown += 1
            score.errors.append(f"speaker unknown: {lab['source']} {q.text[:50]!r} (labelled {lab['speaker']})")
        elif _speaker_right(lab["speaker"], q.speaker, [p.name for p in r.people]):
            score.speaker_right += 1
        else:
            wrong = f"wrong speaker ({q.speaker_status}): {lab['source']} {q.text[:50]!r} -> {q.speaker}, labelled {lab['speaker']}"
            score.errors.append(wrong)
            if q.speaker_status == "verified":
                score.speaker_wrong_verified += 1
            else:
                score.speaker_wrong_unverified += 1
    labelled_quotes = {(r.source.id, q.id) for r in results for q in r.quotes for lab in wanted
                       if lab["kind"] == "quote" and r.source.id.startswith(lab["source"])
                       and re.search(lab["pattern"], normalize(q.text))}  # fmt: skip
    for r in results:
        for q in r.quotes:
            score.reported += 1
            if (r.source.id, q.id) in labelled_quotes:
                score.correct += 1
            elif (r.source.id, q.id) not in matched:
                score.errors.append(f"not a labelled passage: {r.source.id} {q.text[:60]!r}")
    return score


def quote_table(score: QuoteScore) -> str:
    return "\n".join(
        [
            f"{'quotes':<13} {'labelled':>8} {'found':>5} {'reported':>8} {'precision':>9} {'recall':>7}   "
            f"speakers: right / wrong shown verified / wrong unverified / unknown",
            f"{'':<13} {score.labelled:>8} {score.found:>5} {score.reported:>8} {score.precision:>9.2f} {score.recall:>7.2f}   "
            f"{score.speaker_right} / {score.speaker_wrong_verified} / {score.speaker_wrong_unverified} / {score.speaker_unknown}"
            f"   scare quotes kept out: {score.scare_kept_out}/{score.scare}",
        ]
    )


def speaker_line(score: QuoteScore) -> str:
    """``speakers: right R, wrong shown W, unattributed U of N`` (N: labelled quotes found)."""
    wrong = score.speaker_wrong_verified + score.speaker_wrong_unverified
    return f"speakers: right {score.speaker_right}, wrong shown {wrong}, unattributed {score.speaker_unknown} of {score.found}"
