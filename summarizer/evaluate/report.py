"""The merge's report against a labels file: every kind the labels hold, one table each."""

from __future__ import annotations

from typing import Any

from ..schemas import ArticleResult, Briefing
from .entities import entity_line, evaluate_entities
from .facts import evaluate_facts, fact_table
from .mentions import evaluate, table
from .quotes import evaluate_quotes, quote_table, speaker_line


def merge_report(
    labels: dict[str, Any], results: list[ArticleResult], texts: dict[str, str], briefing: Briefing | None = None
) -> tuple[str, list[str]]:
    """The merge tables (people/events/quotes, facts, attributed quotes) for ``labels`` and
    every error line; ``briefing`` defaults to merging ``results`` with no model call.
    Raises ``ValueError`` for labels that cannot be used."""
    from ..merge import merge

    briefing = briefing or merge(results, raw_by_source=texts)
    scores = evaluate(labels, results, briefing)
    out = [table(scores)]
    errors = [f"{s.kind}: {e}" for s in scores for e in s.errors]
    if "facts" in labels or "disagreements" in labels:
        missing = sorted({r.source.id for r in results} - set(texts))
        if missing:
            raise ValueError(f"fact labels need the article files; not found (or changed): {', '.join(missing)}")
        facts = evaluate_facts(labels, briefing, texts)
        out.append(fact_table(facts))
        errors += facts.errors
    last = []
    if "attributed_quotes" in labels:
        quotes = evaluate_quotes(labels, results)
        out.append(quote_table(quotes))
        errors += quotes.errors
        last.append(speaker_line(quotes))
    if "entities" in labels:
        entities = evaluate_entities(labels, briefing)
        errors += entities.errors
        last.append(entity_line(entities))
    return "\n\n".join(out) + "\n" + "".join(line + "\n" for line in last), errors
