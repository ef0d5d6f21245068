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
import contextlib
import multiprocessing
import os
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError, EndpointError, ExtractionError, SummarizerError
from .extraction.chunking import CHUNK_CHARS, MIN_CHUNK_CHARS, Part
from .extraction.chunking import parts as chunk_parts
from .extraction.request import ExtractionCheck, asked_per_part, build_messages, for_model, set_apart, unsettled
from .extraction.result import combine, to_result
from .inputs.articles import Article, body_spans
from .llm.client import LLM
from .llm.local import Sizing, sized
from .llm.settings import Settings
from .merge import adjudication, plan, synthesis
from .merge.copies import voice_groups
from .merge.index import collector_paused
from .merge.stories import cluster_stories
from .reading.quotes import FoundQuote, Quotations
from .schemas import ArticleResult, Briefing, Digest, FailedArticle, NotNews, SetAside, Story, Synthesis, Usage, extraction_model

#: one request of an article: (part, quotes asked, system, user)
Request = tuple[Part, list[FoundQuote], str, str]


@dataclass
class RunReport:
    results: dict[str, ArticleResult] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    #: documents that are not articles, set aside before extraction (``summarizer.inputs.noise``)
    set_aside: list[SetAside] = field(default_factory=list)

    @property
    def usage(self) -> Usage:
        total = Usage()
        for r in self.results.values():
            total = total.add(r.usage)
        return total


async def extract_article(
    llm: LLM, article: Article, on_part: Callable[[Article, Part], None] | None = None
) -> ArticleResult:
    """One article: its quotes found by code first; the request (with the quotes code could
    not attribute, by id) -- one per part for a long article (``plan_requests``); each answer
    validated (a re-ask when a speaker it gives is not named near its quote,
    ``settings.reasks`` times); the parts' answers combined, then grounded in the whole text
    by code. ``on_part`` hears of each part of a long article as its request is sent.

    Passages addressed to software are set apart first (``request.set_apart``, unless
    ``settings.defence`` is "off"): quotes inside them are dropped, and with "on" the model is
    sent the article without them; the result is built from the article without them."""
    defence = llm.settings.defence or "on"
    clean, passages, quotations, kept, requests = await _planned(llm, article)
    found = quotations.found
    answers, usage = [], Usage()
    for part, asked, system, user in requests:
        if on_part is not None and part.count > 1:
            on_part(article, part)
        check = ExtractionCheck(article.raw, asked, reasks_left=llm.settings.reasks or 0)
        label = article.id if part.count == 1 else f"{article.id} part {part.index}/{part.count}"
        answer, used = await llm.ask(extraction_model(len(asked)), system, user, label=label, record_as=article.id, check=check)
        answers.append(answer)
        usage = usage.add(used)
    return to_result(
        clean, combine(answers), quotes=kept if len(kept) < len(found) else quotations, usage=usage, model=llm.model_info,
        parts=len(requests), passages=passages if defence != "off" else None, ner=bool(llm.settings.ner),
    )  # fmt: skip


async def _planned(llm: LLM, article: Article) -> tuple[Article, list[NotNews], Quotations, list[FoundQuote], list[Request]]:
    """What ``extract_article`` reads before its first call: the article with the passages
    addressed to software set apart, those passages, its quotations, the quotes outside them,
    and the requests (``plan_requests``)."""
    defence = llm.settings.defence or "on"
    clean, passages = set_apart(article) if defence != "off" else (article, [])
    quotations = Quotations(article.raw, body_spans(article))  # read once; settled again knowing the people
    found = quotations.found
    kept = [q for q in found if not any(p.start < q.end and q.start < p.end for p in passages)]
    if defence == "on":
        requests = await plan_requests(llm, for_model(article, clean, passages), kept, defended=True)
    else:
        requests = await plan_requests(llm, article, found)
    return clean, passages, quotations, kept, requests


#: what a re-ask adds to the prompt besides the answer it sends back: the validation message
REASK_TOKENS = 512


async def embedded_sizing(llm: LLM, articles: list[Article], *, brief: bool = False) -> Sizing:
    """What the embedded server is started with, known before it starts: the run's largest
    extraction request plus its answer (and each re-ask's answer and message) -- measured as
    ``plan_requests`` measures against ``llm`` not yet entered (window unknown: the same
    estimates, parts of at most ``chunk_chars``), so the same requests fit the window sized
    from them -- and ``settings.threads``. No need (the trained context) when no server starts,
    the window is set (``context_tokens``), or a briefing will ask the model too (its requests
    are known only after extraction: ``adjudicate``, ``synthesis``)."""
    s = llm.settings
    replay_only = llm.replay is not None and llm.record is None
    if not s.embedded or replay_only or s.context_tokens or (brief and (s.adjudicate or s.synthesis)):
        return Sizing(threads=s.threads)
    most = 0
    for article in articles:
        for _, asked, system, user in (await _planned(llm, article))[-1]:
            most = max(most, (await llm.request_tokens(system, user, extraction_model(len(asked))))[0])
    reasks = s.reasks or 0
    answers = s.max_tokens + reasks * (s.max_tokens + REASK_TOKENS)
    return Sizing(need=most + answers if most else None, threads=s.threads)


@contextlib.asynccontextmanager
async def open_llm(
    settings: Settings, articles: list[Article], *, replay: Path | None = None, record: Path | None = None, brief: bool = False
) -> AsyncIterator[LLM]:
    """``LLM(settings, replay=..., record=...)``, entered: an embedded server, when one starts,
    with the context and threads of ``embedded_sizing``."""
    llm = LLM(settings, replay=replay, record=record)
    sizing = await embedded_sizing(llm, articles, brief=brief)
    async with contextlib.AsyncExitStack() as stack:
        with sized(sizing):
            await stack.enter_async_context(llm)
        yield llm


#: tokens of article text a request must have room for, at least
MIN_TEXT_TOKENS = 128
#: times a plan is cut finer to fit the window before the article is given up
FIT_ROUNDS = 4


async def plan_requests(
    llm: LLM, article: Article, found: list[FoundQuote], *, defended: bool = False
) -> list[Request]:
    """The article's requests -- ``(part, quotes asked, system, user)`` -- every one of which
    fits the model's window, decided before the first is sent.

    An article longer than ``settings.chunk_chars`` is read in overlapping parts
    (``chunking``). A part whose request would not leave ``max_tokens`` for the answer in
    the window (``LLM.request_tokens``) makes the parts smaller, in proportion; when the
    prompt alone leaves no room for text, ``ConfigError`` says so and nothing is sent."""
    s = llm.settings
    max_chars = s.chunk_chars or CHUNK_CHARS
    for _ in range(FIT_ROUNDS):
        parts = chunk_parts(article.text, max_chars)  # one part, found without segmenting, when it fits
        if len(parts) <= 1:
            parts = [Part(index=1, count=1, start=0, end=len(article.text))]
            asked = [unsettled(found)]
        else:
            asked = asked_per_part(article, found, parts)
        requests = []
        worst = 1.0
        for part, quotes in zip(parts, asked, strict=True):
            system, user = (m["content"] for m in build_messages(article, found, part, quotes, defended=defended))
            tokens, fits = await llm.request_tokens(system, user, extraction_model(len(quotes)))
            requests.append((part, quotes, system, user))
            if not fits:
                assert llm.window.tokens is not None
                text_tokens = max(1, await llm.text_tokens(article.text[part.start : part.end]))  # counted as the request was
                room = llm.window.tokens - s.max_tokens - (tokens - text_tokens)
                if room < MIN_TEXT_TOKENS:
                    raise ConfigError(
                        f"{article.id}: the model's context ({llm.window.tokens:,} tokens, {llm.window.source}) has no room "
                        f"for article text: the prompt takes {tokens - text_tokens:,} tokens and the answer {s.max_tokens:,}. "
                        "Use a model with a larger context, or set --context-tokens if the endpoint allows more."
                    )
                worst = min(worst, room / text_tokens)
        if worst >= 1.0:
            return requests
        max_chars = max(MIN_CHUNK_CHARS, int(min(max_chars, len(article.text)) * worst * 0.9))
    raise ConfigError(f"{article.id}: no split into parts fits the model's context ({llm.window.tokens:,} tokens)")


async def extract_all(
    llm: LLM,
    articles: list[Article],
    *,
    concurrency: int = 1,
    on_start: Callable[[Article], None] | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
    on_error: Callable[[Article, str], None] | None = None,
    on_part: Callable[[Article, Part], None] | None = None,
) -> RunReport:
    """Extract every article; results in input order; fatal endpoint errors propagate."""
    report = RunReport()
    gate = asyncio.Semaphore(max(1, len(articles) if llm.batch else concurrency))  # --batch: all in one round
    fatal = asyncio.Event()

    async def one(article: Article) -> None:
        async with gate:
            if fatal.is_set():
                return  # the endpoint is unusable: start nothing new
            if on_start:
                on_start(article)
            try:
                async with llm.batched():  # --batch: its requests wait for a Batch API round
                    result = await extract_article(llm, article, on_part)
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
    llm: LLM,
    report: RunReport,
    texts: dict[str, str],
    settings: Settings,
    say: Callable[..., None] = lambda *a, **k: None,
    *,
    results: list[ArticleResult] | None = None,
    failed: dict[str, str] | None = None,
    record_as: str = "_merge",
) -> Briefing:
    """The cross-article step and the headline for one story (``results``, default: all).

    Code's merge plan; the pairs it cannot settle in one adjudication call (``settings.adjudicate``);
    the briefing; then a model-written headline checked against the facts (``settings.synthesis``)
    or the top undisputed facts. ``say(message, warning=False)`` reports progress."""
    started = time.perf_counter()
    results = list(report.results.values()) if results is None else results
    failed = report.failed if failed is None else failed
    merge_plan = plan(results, failed=failed, raw_by_source=texts)
    answers, usage = None, None
    if settings.adjudicate and merge_plan.questions:
        system, user = adjudication.build_messages(merge_plan.questions)
        model = adjudication.response_model(len(merge_plan.questions))
        tokens, fits = await llm.request_tokens(system, user, model)
        if not fits:  # never sent: it could only fail
            say(f"adjudication not asked: its {tokens:,} prompt tokens leave no room for the answer in the model's "
                f"context ({llm.window.tokens:,}); code decides alone", warning=True)  # fmt: skip
        else:
            try:
                result, usage = await llm.ask(model, system, user, label="adjudication", record_as=record_as)
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
    if not results:
        return briefing
    if not settings.synthesis:
        say("headline and overview: the most corroborated statements (--synthesis asks the model)")
        return synthesis.fallback(briefing)
    return await _synthesize(llm, briefing, settings.reasks or 0, say, record_as.replace("_merge", "_briefing"))


async def digest_results(
    llm: LLM,
    report: RunReport,
    texts: dict[str, str],
    settings: Settings,
    say: Callable[..., None] = lambda *a, **k: None,
) -> Digest:
    """Stories first (``merge.stories``, code only), then one briefing per story.

    A single story is briefed exactly as a single-story input always was (its adjudication and
    synthesis recorded as ``_merge`` / ``_briefing``, the failed and set-aside documents listed
    in its briefing too). Several stories with no model call in the cross-article step are
    merged by code on every core (``merge_stories``); otherwise one story after the other, each
    story's calls recorded under its id. Failed articles and documents set aside are listed in
    the digest."""
    results = list(report.results.values())
    started = time.perf_counter()
    stories = cluster_stories(results, voices=voice_groups(results, texts)) if results else []
    if len(stories) > 1:
        say(f"stories: {len(stories)} in {len(results)} articles; {time.perf_counter() - started:.2f}s")
    aside = list(report.set_aside)
    single = len(stories) == 1
    out = []
    if not single and not settings.adjudicate and not settings.synthesis:
        # no model call in the cross-article step: the stories are merged by code alone, on every core
        started = time.perf_counter()
        briefings = merge_stories(stories, report.results, texts)
        say(f"merged {len(stories)} stories by code; {time.perf_counter() - started:.1f}s")
        out = [s.model_copy(update={"briefing": b}) for s, b in zip(stories, briefings, strict=True)]
        stories = []
    for story in stories:
        if not single:
            say(f"story {story.id}: {story.title}")
        b = await brief_results(
            llm, report, {i: texts[i] for i in story.sources if i in texts}, settings, say,
            results=[report.results[i] for i in story.sources], failed=report.failed if single else {},
            record_as="_merge" if single else f"_merge-{story.id}",
        )  # fmt: skip
        out.append(story.model_copy(update={"briefing": b.model_copy(update={"set_aside": aside if single else []})}))
    failed = [FailedArticle(id=k, error=v) for k, v in sorted(report.failed.items())]
    return Digest(stories=out, set_aside=aside, failed=failed)


#: stories from which the code-only merge runs in worker processes (below, starting them costs more)
PARALLEL_MIN_STORIES = 24
#: stories sent to a merge worker at a time
MERGE_CHUNK = 8


def _merge_one(job: tuple[list[ArticleResult], dict[str, str]]) -> Briefing:
    results, texts = job
    return synthesis.fallback(plan(results, raw_by_source=texts).finish(None))


@collector_paused
def _merge_sent(job: tuple[list[str], dict[str, str]]) -> Briefing:
    """A worker's story: its results sent as JSON (see ``merge_stories``)."""
    blobs, texts = job
    return _merge_one(([ArticleResult.model_validate_json(b) for b in blobs], texts))


@collector_paused
def merge_stories(
    stories: list[Story], results: dict[str, ArticleResult], texts: dict[str, str], *, workers: int | None = None
) -> list[Briefing]:
    """Each story's briefing by code alone (no adjudication, the top facts as headline), in
    story order. Stories are independent, so many of them are merged in ``workers`` processes
    (default: the CPUs this process may use); a few in this one.

    Results go to the workers as JSON (pydantic's serializer): pickling a model walks it in
    Python, and at 10,000 articles that cost four times as much as writing and reading
    their JSON (``python -m bench --stories-only``)."""
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if workers < 2 or len(stories) < PARALLEL_MIN_STORIES:
        return [_merge_one(([results[i] for i in s.sources], {i: texts[i] for i in s.sources if i in texts})) for s in stories]
    sent = {i: r.model_dump_json() for i, r in results.items()}
    jobs = [([sent[i] for i in s.sources], {i: texts[i] for i in s.sources if i in texts}) for s in stories]
    # forkserver: a clean child, not a fork of a process that runs threads (an event loop, a server)
    context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # chunks of a few stories: the workers finish together (a sixteenth of the run as the
        # last chunk left one worker idle for seconds at 10,000 articles)
        return list(pool.map(_merge_sent, jobs, chunksize=max(1, min(MERGE_CHUNK, len(jobs) // (workers * 8)))))


def single_briefing(digest: Digest) -> Briefing | None:
    """The one briefing a digest amounts to (one story, or none: failures and set-asides
    only), or None when it holds several stories."""
    if len(digest.stories) > 1:
        return None
    if digest.stories:
        assert digest.stories[0].briefing is not None
        return digest.stories[0].briefing
    failed = {f.id: f.error for f in digest.failed}
    return plan([], failed=failed).finish(None).model_copy(update={"set_aside": digest.set_aside})


async def _synthesize(
    llm: LLM, briefing: Briefing, reasks: int, say: Callable[..., None], record_as: str = "_briefing"
) -> Briefing:
    """Headline + overview from the merged facts; unsupported or failed -> the top facts."""
    system, user = synthesis.build_messages(briefing)
    tokens, fits = await llm.request_tokens(system, user, Synthesis)
    if not fits:
        say(f"no headline/overview from the model: its {tokens:,} prompt tokens leave no room for the answer in the "
            f"model's context ({llm.window.tokens:,})", warning=True)  # fmt: skip
        return synthesis.fallback(briefing)
    left = [reasks]

    def check(s):
        found = synthesis.problems(s, briefing)
        if found and left[0] > 0:
            left[0] -= 1
            return " ".join(found)
        return None

    try:
        result, usage = await llm.ask(Synthesis, system, user, label="briefing synthesis", record_as=record_as, check=check)
    except ExtractionError as exc:
        say(f"no headline/overview from the model: {exc}", warning=True)
        return synthesis.fallback(briefing)
    say(f"synthesis: {usage.prompt_tokens}+{usage.completion_tokens} tokens, {usage.requests} model calls")
    unsupported = synthesis.problems(result, briefing)
    if unsupported:
        say(f"model headline not used ({unsupported[0]})", warning=True)
        return synthesis.fallback(briefing)
    return synthesis.apply(briefing, result)
