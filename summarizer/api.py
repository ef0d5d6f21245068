"""The library: what the command line does, as functions.

    import summarizer

    results = summarizer.extract(["seeds/"])                      # per-article results
    briefing = summarizer.merge(results)                         # no model call
    briefing = summarizer.brief(["seeds/"], replay="fixtures/seeds")   # extract + merge + headline
    briefing = summarizer.brief(["a.txt"], base_url="http://localhost:11434/v1", model="llama3.1")

``extract_async`` / ``brief_async`` are the same for code that runs an event loop. Options
mirror the command line and go through the same ``Settings``, with the same precedence:
an option given here, else the environment (``SUMMARIZER_MODEL``, ``SUMMARIZER_BASE_URL`` /
``OPENAI_BASE_URL``, ``SUMMARIZER_API_KEY``, ``SUMMARIZER_MODE``, ``SUMMARIZER_GGUF``,
``SUMMARIZER_TIMEOUT``), else the config file, else the default. Errors are the package's
own (``summarizer.errors``): ``InputError`` and ``ConfigError`` for what the caller can fix,
``EndpointError`` when the endpoint cannot be used; an article that fails alone is listed in
``failed`` (and in ``Briefing.failed``), the others go on.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from pathlib import Path
from typing import Any

from . import articles as articles_mod
from . import synthesis
from .articles import Article
from .llm.client import LLM
from .llm.settings import Settings, resolve
from .merge import Thresholds
from .merge import merge as merge_results
from .pipeline import RunReport, brief_results, extract_all
from .schemas import ArticleResult, Briefing

Inputs = Iterable["str | Path | Article"]
Say = Callable[..., None]

#: the environment variables the command line reads, per setting (the first one set wins)
ENVIRONMENT = {
    "model": ("SUMMARIZER_MODEL",),
    "base_url": ("SUMMARIZER_BASE_URL", "OPENAI_BASE_URL"),
    "api_key": ("SUMMARIZER_API_KEY",),
    "mode": ("SUMMARIZER_MODE",),
    "gguf": ("SUMMARIZER_GGUF",),
    "timeout": ("SUMMARIZER_TIMEOUT",),
}


def settings(**options: Any) -> Settings:
    """Options (Settings field names) -> resolved settings: option > environment > config > default."""
    known = {f.name for f in fields(Settings)}
    unknown = sorted(set(options) - known)
    if unknown:
        raise TypeError(f"unknown option(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    given = {k: v for k, v in options.items() if v is not None}
    for name, variables in ENVIRONMENT.items():
        if name not in given:
            value = next((os.environ[v] for v in variables if os.environ.get(v)), None)
            if value is not None:
                given[name] = float(value) if name == "timeout" else value
    return resolve(Settings(**given))


def load(inputs: Inputs) -> list[Article]:
    """Files, folders, ``-`` (stdin) or ready ``Article`` objects, in order."""
    out: list[Article] = []
    paths: list[str] = []
    for item in inputs:
        if isinstance(item, Article):
            out += articles_mod.load(paths) if paths else []
            paths = []
            out.append(item)
        else:
            paths.append(str(item))
    return out + (articles_mod.load(paths) if paths else [])


async def run(
    articles: Sequence[Article],
    config: Settings,
    *,
    replay: str | Path | None = None,
    record: str | Path | None = None,
    brief: bool = False,
    on_start: Callable[[Article], None] | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
    on_error: Callable[[Article, str], None] | None = None,
    on_ready: Callable[[LLM], None] | None = None,
    say: Say | None = None,
) -> tuple[RunReport, Briefing | None]:
    """Extract ``articles`` (and, with ``brief``, merge them into a briefing) with one client and,
    for the embedded model, one server. The command line's progress display hangs on the hooks."""
    async with LLM(config, replay=Path(replay) if replay else None, record=Path(record) if record else None) as llm:
        if on_ready is not None:
            on_ready(llm)
        report = await extract_all(
            llm, list(articles), concurrency=config.concurrency or 1,
            on_start=on_start, on_result=on_result, on_error=on_error,
        )  # fmt: skip
        if not brief:
            return report, None
        texts = {a.id: a.raw for a in articles}
        return report, await brief_results(llm, report, texts, config, say or (lambda *a, **k: None))


async def extract_async(
    inputs: Inputs,
    *,
    replay: str | Path | None = None,
    record: str | Path | None = None,
    failed: dict[str, str] | None = None,
    **options: Any,
) -> list[ArticleResult]:
    """Per-article results, in input order; articles that failed go to ``failed`` (id -> reason)."""
    report, _ = await run(load(inputs), settings(**options), replay=replay, record=record)
    if failed is not None:
        failed.update(report.failed)
    return list(report.results.values())


def extract(inputs: Inputs, **options: Any) -> list[ArticleResult]:
    """Per-article results (see ``extract_async`` for the options)."""
    return asyncio.run(extract_async(inputs, **options))


async def brief_async(
    inputs: Inputs,
    *,
    replay: str | Path | None = None,
    record: str | Path | None = None,
    **options: Any,
) -> Briefing:
    """Extract every input, merge, headline: the briefing ``summarizer brief`` writes."""
    arts = load(inputs)
    _, briefing = await run(arts, settings(**options), replay=replay, record=record, brief=True)
    assert briefing is not None
    return briefing


def brief(inputs: Inputs, **options: Any) -> Briefing:
    """The briefing (see ``brief_async`` for the options)."""
    return asyncio.run(brief_async(inputs, **options))


def merge(
    results: Iterable[ArticleResult],
    *,
    texts: dict[str, str] | None = None,
    failed: dict[str, str] | None = None,
    thresholds: Thresholds | None = None,
) -> Briefing:
    """Per-article results -> the briefing, with no model call (what ``summarizer merge`` writes).

    ``texts`` (article id -> text) lets code find every article that names each person and
    compare whole documents for copies; ``thresholds`` (``summarizer.merge.Thresholds``): when
    two statements are one fact; the headline is the top undisputed facts."""
    briefing = merge_results(list(results), failed=failed, raw_by_source=texts, thresholds=thresholds or Thresholds())
    return synthesis.fallback(briefing)
