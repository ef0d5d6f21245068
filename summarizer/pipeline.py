"""Running many articles: bounded concurrency, streaming results, partial failure.

Each article is extracted in its own task (at most ``concurrency`` at once). A finished
article is handed to ``on_result`` immediately (the CLI writes it to disk atomically), so an
interrupted run loses at most the articles in flight; the response cache makes a rerun redo
only what failed. An article that fails after the retries its error class deserves is
reported with its reason and does not stop the others. Errors that no other article could
escape either -- the endpoint is down, the key is rejected, the model does not exist --
stop the run at once (no retry storm across articles).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from . import adjudication, synthesis
from .articles import Article
from .errors import ConfigError, EndpointError, ExtractionError, SummarizerError
from .articles import body_spans
from .extract import ExtractionCheck, build_messages, to_result, unsettled
from .quotes import find_quotes
from .llm.client import LLM
from .llm.settings import Settings
from .merge import plan
from .schemas import ArticleResult, Briefing, Synthesis, Usage, extraction_model


@dataclass
class RunReport:
    results: dict[str, ArticleResult] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def usage(self) -> Usage:
        total = Usage()
        for r in self.results.values():
            total = total.add(r.usage)
        return total


async def extract_article(llm: LLM, article: Article) -> ArticleResult:
    """One article: its quotes found by code first; the request (with the quotes code could
    not attribute, by id); the answer validated (a re-ask when a speaker it gives is not named
    near its quote, ``settings.reasks`` times); then grounded in the text by code."""
    found = find_quotes(article.raw, body_spans(article))
    asked = unsettled(found)
    system, user = (m["content"] for m in build_messages(article, found))
    check = ExtractionCheck(article.raw, asked, reasks_left=llm.settings.reasks or 0)
    model = extraction_model(len(asked))
    extraction, usage = await llm.ask(model, system, user, label=article.id, record_as=article.id, check=check)
    return to_result(article, extraction, usage=usage, model=llm.model_info)


async def extract_all(
    llm: LLM,
    articles: list[Article],
    *,
    concurrency: int = 1,
    on_start: Callable[[Article], None] | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
    on_error: Callable[[Article, str], None] | None = None,
) -> RunReport:
    """Extract every article; results in input order; fatal endpoint errors propagate."""
    report = RunReport()
    gate = asyncio.Semaphore(max(1, concurrency))
    fatal = asyncio.Event()

    async def one(article: Article) -> None:
        async with gate:
            if fatal.is_set():
                return  # the endpoint is unusable: start nothing new
            if on_start:
                on_start(article)
            try:
                result = await extract_article(llm, article)
            except (EndpointError, ConfigError):
                fatal.set()
                raise
            except SummarizerError as exc:
                report.failed[article.id] = str(exc)
                if on_error:
                    on_error(article, str(exc))
                return
            report.results[article.id] = result
            if on_result:
                on_result(result)

    tasks = [asyncio.create_task(one(a)) for a in articles]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise
    order = {a.id: i for i, a in enumerate(articles)}
    report.results = dict(sorted(report.results.items(), key=lambda kv: order[kv[0]]))
    return report


async def brief_results(
    llm: LLM, report: RunReport, texts: dict[str, str], settings: Settings, say: Callable[..., None] = lambda *a, **k: None
) -> Briefing:
    """The cross-article step and the headline, once the articles are extracted.

    Code's merge plan; the pairs it cannot settle in one adjudication call (``settings.adjudicate``);
    the briefing; then a model-written headline checked against the facts (``settings.synthesis``)
    or the top undisputed facts. ``say(message, warning=False)`` reports progress."""
    started = time.perf_counter()
    merge_plan = plan(list(report.results.values()), failed=report.failed, raw_by_source=texts)
    answers, usage = None, None
    if settings.adjudicate and merge_plan.questions:
        system, user = adjudication.build_messages(merge_plan.questions)
        model = adjudication.response_model(len(merge_plan.questions))
        try:
            result, usage = await llm.ask(model, system, user, label="adjudication", record_as="_merge")
            answers = adjudication.answers_by_number(merge_plan.questions, result)
        except ExtractionError as exc:  # a bad or cut-off answer; a replay miss or a dead endpoint is fatal
            say(f"adjudication call failed, code decides alone: {exc}", warning=True)
    briefing = merge_plan.finish(answers)
    m = briefing.merge
    asked = ""
    if usage is not None:
        asked = (f"; {m.asked} pairs asked in one call ({usage.prompt_tokens}+{usage.completion_tokens} tokens), "
                 f"{m.model_answers_kept} answers kept, {m.model_answers_rejected} rejected by code")  # fmt: skip
    elif merge_plan.questions:
        asked = f"; {len(merge_plan.questions)} unsettled pairs left to code (--no-adjudicate)"
    say(f"merge: {m.claims} statements, {m.pairs_compared} pairs compared, {m.decided_by_code} settled by code"
        f"{asked}; {time.perf_counter() - started:.1f}s")  # fmt: skip
    if not report.results:
        return briefing
    if not settings.synthesis:
        say("headline and overview: the most corroborated statements (--synthesis asks the model)")
        return synthesis.fallback(briefing)
    return await _synthesize(llm, briefing, settings.reasks or 0, say)


async def _synthesize(llm: LLM, briefing: Briefing, reasks: int, say: Callable[..., None]) -> Briefing:
    """Headline + overview from the merged facts; unsupported or failed -> the top facts."""
    system, user = synthesis.build_messages(briefing)
    left = [reasks]

    def check(s):
        found = synthesis.problems(s, briefing)
        if found and left[0] > 0:
            left[0] -= 1
            return " ".join(found)
        return None

    try:
        result, usage = await llm.ask(Synthesis, system, user, label="briefing synthesis", record_as="_briefing", check=check)
    except ExtractionError as exc:
        say(f"no headline/overview from the model: {exc}", warning=True)
        return synthesis.fallback(briefing)
    say(f"synthesis: {usage.prompt_tokens}+{usage.completion_tokens} tokens, {usage.requests} model calls")
    unsupported = synthesis.problems(result, briefing)
    if unsupported:
        say(f"model headline not used ({unsupported[0]})", warning=True)
        return synthesis.fallback(briefing)
    return synthesis.apply(briefing, result)
