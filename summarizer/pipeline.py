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
from collections.abc import Callable
from dataclasses import dataclass, field

from .articles import Article
from .errors import ConfigError, EndpointError, SummarizerError
from .llm.client import LLM
from .schemas import ArticleResult, Usage


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
                result = await llm.extract(article)
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
