"""The library: what the command line does, as functions.

    import summarizer

    done = summarizer.run(["seeds/"])                            # the whole run, as one object
    done.results, done.briefing, done.digest, done.failed, done.set_aside
    results = summarizer.extract(["seeds/"])                      # per-article results
    briefing = summarizer.merge(results)                         # no model call
    briefing = summarizer.brief(["seeds/"], replay="fixtures/seeds")   # extract + merge + headline
    digest = summarizer.digest(["today/", "https://example.org/feed.xml"])  # one briefing per story
    briefing = summarizer.brief(["a.txt"], base_url="http://localhost:11434/v1", model="llama3.1")

``run_async`` / ``extract_async`` / ``brief_async`` are the same for code that runs an event loop. Options
mirror the command line and go through the same ``Settings``, with the same precedence:
an option given here, else the environment (``SUMMARIZER_MODEL``, ``SUMMARIZER_BASE_URL`` /
``OPENAI_BASE_URL``, ``SUMMARIZER_API_KEY``, ``SUMMARIZER_MODE``, ``SUMMARIZER_GGUF``,
``SUMMARIZER_TIMEOUT``, ``SUMMARIZER_CONTEXT_TOKENS``, ``SUMMARIZER_CHUNK_CHARS``,
``SUMMARIZER_DEFENCE``), else the config file, else the default. Errors are the package's
own (``summarizer.errors``): ``InputError`` and ``ConfigError`` for what the caller can fix,
``EndpointError`` when the endpoint cannot be used; an article that fails alone is listed in
``RunResult.failed`` (and in ``Briefing.failed``), the others go on. ``run`` returns
everything a run found; ``extract``, ``brief`` and ``digest`` return the part they name.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError, NoArticleText, SummarizerError
from .evaluate import DeskScore
from .evaluate.days import DaysScore
from .following import Earlier, follow, read_briefing, with_changes
from .following import readings as readings  # (the library's name for it)
from .inputs import articles as articles_mod
from .inputs import noise, web
from .inputs.articles import Article
from .inputs.store import Store, open_store
from .llm.client import LLM
from .llm.settings import Settings
from .merge import Thresholds, synthesis
from .merge import merge as merge_results
from .merge.changes import changes as compare_briefings
from .merge.copies import voice_groups
from .merge.stories import cluster_stories
from .pipeline import RunReport, digest_results, extract_all, merge_stories, open_llm, single_briefing
from .schemas import ArticleResult, Briefing, Changes, Digest, SetAside, Story, Usage

Inputs = Iterable["str | Path | Article"]
Say = Callable[..., None]

def settings(**options: Any) -> Settings:
    """Options (Settings field names) -> resolved settings: option > environment > config >
    default (``Settings.from_sources``). An unknown option or a value of the wrong type is an
    ``OptionError`` (a ``ConfigError``, and a ``TypeError`` for callers that catch those)."""
    return Settings.from_sources(options)


@dataclass
class Loaded:
    """What ``read_inputs`` gives back: the articles in input order, the inputs that could not
    be fetched (URL -> one line) and the files set aside for holding no article text."""

    articles: list[Article]
    failed: dict[str, str] = field(default_factory=dict)
    set_aside: list[SetAside] = field(default_factory=list)


def read_inputs(
    inputs: Inputs, *, settings: Settings | None = None, timeout: float | None = None, lenient: bool = True
) -> Loaded:
    """Files, folders, ``-`` (stdin), http(s) URLs of pages or RSS/Atom feeds, or ready
    ``Article`` objects, in order. A URL that cannot be fetched is listed in ``failed``; files
    that cannot be read raise ``InputError``. ``lenient``: files that hold no article text
    (empty, page furniture only) are listed in ``set_aside`` -- unless nothing else could be
    read, which raises; not lenient, they raise. URLs are fetched as ``settings`` say
    (``url_timeout``, ``max_entries``, ``allow_private``; ``timeout`` overrides the first)."""
    loaded = Loaded([])
    paths: list[str] = []
    urls: list[str] = []
    no_text: list[tuple[str, str | None, str]] = []

    def flush() -> None:
        nonlocal paths, urls
        if paths:
            loaded.articles.extend(articles_mod.load(paths, no_text=no_text if lenient else None))
        if urls:
            s = settings or Settings()
            got, bad = web.fetch(
                urls, timeout=timeout or s.url_timeout, allow_private=s.allow_private, max_entries=s.max_entries or web.MAX_ENTRIES
            )  # fmt: skip
            loaded.failed.update(bad)
            loaded.articles.extend(got)
        paths, urls = [], []

    for item in _as_inputs(inputs):
        if isinstance(item, Article):
            flush()
            loaded.articles.append(item)
        elif web.is_url(str(item)):
            if paths:
                flush()
            urls.append(str(item))
        else:
            if urls:
                flush()
            paths.append(str(item))
    flush()
    if no_text and not loaded.articles and not loaded.failed:
        raise NoArticleText(no_text[0][2])
    loaded.set_aside += [SetAside(id=i, path=path, reason="no article text: " + m.split(": ", 1)[-1]) for i, path, m in no_text]
    seen: dict[str, str] = {}
    for a in loaded.articles:
        if a.id in seen:
            raise InputError(f"{a.path or a.id}: article id {a.id!r} is also used by {seen[a.id]}; rename one")
        seen[a.id] = a.path or a.id
    return loaded


def load(
    inputs: Inputs,
    *,
    timeout: float | None = None,
    failed: dict[str, str] | None = None,
    set_aside: list[SetAside] | None = None,
    settings: Settings | None = None,
) -> list[Article]:
    """The articles of ``inputs`` (``read_inputs``, which returns failures and set-asides
    instead). Kept for callers that pass ``failed`` (a dict, filled with the URLs that could not
    be fetched; without it they raise ``InputError``) and ``set_aside`` (a list, filled with
    the files that hold no article text; without it those raise)."""
    loaded = read_inputs(inputs, settings=settings, timeout=timeout, lenient=set_aside is not None)
    if loaded.failed and failed is None:
        raise InputError("; ".join(loaded.failed.values()))
    if failed is not None:
        failed.update(loaded.failed)
    if set_aside is not None:
        set_aside.extend(loaded.set_aside)
    return loaded.articles


def _as_inputs(inputs: Any) -> list[str | os.PathLike[str] | Article]:
    """``inputs`` as a list: one path, URL or ``Article`` given alone is one input (not its
    letters); anything but those is an ``InputError`` naming what was given."""
    if isinstance(inputs, (str, os.PathLike, Article)):
        return [inputs]
    try:
        items = list(inputs)
    except TypeError:
        raise InputError(f"inputs: expected paths, URLs or Article objects, got {type(inputs).__name__}") from None
    for item in items:
        if not isinstance(item, (str, os.PathLike, Article)):
            raise InputError(f"inputs: {item!r} is not a path, a URL or an Article ({type(item).__name__})")
    return items


def _raise_failures(failed: dict[str, str]) -> None:
    """A library call that was not given ``failed`` to collect failures raises them: a replay
    miss, an endpoint error, an unreadable URL never vanish into an empty result."""
    if failed:
        raise SummarizerError(f"{len(failed)} input(s) failed: " + "; ".join(f"{k}: {v}" for k, v in failed.items()))


async def run_articles(
    articles: Sequence[Article],
    config: Settings,
    *,
    replay: str | Path | None = None,
    record: str | Path | None = None,
    brief: bool = False,
    screen: bool | None = None,
    failed: dict[str, str] | None = None,
    set_aside: list[SetAside] | None = None,
    on_start: Callable[[Article], None] | None = None,
    on_result: Callable[[ArticleResult], None] | None = None,
    on_error: Callable[[Article, str], None] | None = None,
    on_ready: Callable[[LLM], None] | None = None,
    say: Say | None = None,
    store: Store | None = None,
    window: datetime.timedelta | None = None,
) -> tuple[RunReport, Digest | None]:
    """Extract ``articles`` (and, with ``brief``, cluster them into stories and merge each into
    a briefing) with one client and, for the embedded model, one server. With ``screen``
    (default: when ``brief``), documents that are not articles are set aside first
    (``summarizer.inputs.noise``, no model call; ``RunReport.set_aside``). ``failed``: inputs that
    failed before extraction (unreachable URLs), listed with the run's failures. The command
    line's progress display hangs on the hooks. ``set_aside``: documents already set aside
    while loading (no article text), listed with the rest. ``store`` (``inputs.store``): the
    articles it has seen are not sent again, each new result is kept in it at once, and with
    ``window`` the briefing also holds its articles published within that span."""
    say = say or (lambda *a, **k: None)
    set_aside = list(set_aside or [])
    if brief if screen is None else screen:
        articles, more = noise.screen(articles)
        set_aside += more
    for s in set_aside:
        say(f"set aside {s.id}: {s.reason}")
    seen = store.seen(articles, say) if store is not None else {}
    fresh = [a for a in articles if a.id not in seen]
    if store is not None:
        on_result = store.keeping(fresh, on_result)
    # the embedded server, when one starts, sized for these articles (``pipeline.embedded_sizing``)
    async with open_llm(config, fresh, replay=Path(replay) if replay else None,
                        record=Path(record) if record else None, brief=brief) as llm:  # fmt: skip
        if on_ready is not None:
            on_ready(llm)
        if llm.batch is not None:
            llm.batch.say = say  # each Batch API round and its progress
        report = await extract_all(
            llm, fresh, concurrency=config.concurrency or 1,
            on_start=on_start, on_result=on_result, on_error=on_error,
            on_part=lambda a, p: say(f"{a.id}: part {p.index} of {p.count} ({p.end - p.start:,} characters)"),
        )  # fmt: skip
        report.results = {a.id: seen[a.id] if a.id in seen else report.results[a.id] for a in articles if a.id in seen or a.id in report.results}
        report.failed = {**(failed or {}), **report.failed}
        report.set_aside = set_aside
        if not brief:
            return report, None
        texts = {a.id: a.raw for a in articles}
        if store is not None and window is not None:
            _add_window(store, window, report, texts, say)
        return report, await digest_results(llm, report, texts, config, say)


def _add_window(store: Store, window: datetime.timedelta, report: RunReport, texts: dict[str, str], say: Say) -> None:
    """The stored articles published within ``window`` before the newest of this run join
    the briefing (an id this run already uses keeps this run's article)."""
    dates = [r.source.published.iso for r in report.results.values() if r.source.published.iso]
    if not dates:
        say("--window: no article of this run has a date; the briefing holds this run's articles only", warning=True)
        return
    hashes = {r.source.sha256 for r in report.results.values()}
    added = [x for x in store.window(max(dates), window) if x.sha256 not in hashes and x.id not in report.results]
    for x in added:
        report.results[x.id] = x.result.model_copy(update={"usage": Usage()})  # nothing asked in this run
        texts[x.id] = x.raw
    if added:
        say(f"--window: {len(added)} earlier articles from the store join the briefing")


@dataclass
class RunResult:
    """A run's whole outcome (``run``): what the command line writes, as one object."""

    #: per-article results, in input order
    results: list[ArticleResult]
    #: inputs that failed (id or URL -> one line): unreachable, unreadable by the model, ...
    failed: dict[str, str]
    #: documents that are not articles, or hold no article text, with why
    set_aside: list[SetAside]
    #: the stories, each with its briefing (None when the run did not brief)
    digest: Digest | None

    @property
    def briefing(self) -> Briefing | None:
        """The one briefing the run amounts to (one story, or failures only); None when the
        input tells several stories (then see ``digest``) or the run did not brief."""
        return single_briefing(self.digest) if self.digest is not None else None

    @property
    def usage(self) -> Usage:
        """Model calls and tokens of the whole run (replayed and cached answers counted apart)."""
        total = Usage()
        for r in self.results:
            total = total.add(r.usage)
        return total


async def run_async(
    inputs: Inputs,
    *,
    brief: bool = True,
    replay: str | Path | None = None,
    record: str | Path | None = None,
    screen: bool | None = None,
    store: Store | None = None,
    window: datetime.timedelta | None = None,
    **options: Any,
) -> RunResult:
    """Load every input, extract each article and, with ``brief``, group the articles into
    stories and brief each: the whole run, failures and set-asides included, as a
    ``RunResult``. Nothing is raised for an input that fails alone (it is in ``failed``);
    ``screen`` (default: when ``brief``) sets aside documents that are not articles."""
    config = settings(**options)
    loaded = read_inputs(inputs, settings=config, lenient=brief or screen is not None)
    report, digest = await run_articles(
        loaded.articles, config, replay=replay, record=record, brief=brief, screen=screen,
        failed=loaded.failed, set_aside=loaded.set_aside, store=store, window=window,
    )  # fmt: skip
    return RunResult(list(report.results.values()), report.failed, report.set_aside, digest)


def run(inputs: Inputs, **options: Any) -> RunResult:
    """The whole run as one object (see ``run_async`` for the options)."""
    return asyncio.run(run_async(inputs, **options))


async def extract_async(
    inputs: Inputs,
    *,
    failed: dict[str, str] | None = None,
    **options: Any,
) -> list[ArticleResult]:
    """Per-article results, in input order. An input that fails raises ``SummarizerError``
    (naming every failure) -- unless ``failed`` (a dict) is given to collect them, the others
    going on; ``run(inputs, brief=False)`` returns them instead."""
    done = await run_async(inputs, brief=False, **options)
    if failed is None:
        _raise_failures(done.failed)
    else:
        failed.update(done.failed)
    return done.results


def extract(inputs: Inputs, **options: Any) -> list[ArticleResult]:
    """Per-article results (see ``extract_async`` for the options)."""
    return asyncio.run(extract_async(inputs, **options))


async def digest_async(inputs: Inputs, *, screen: bool = True, **options: Any) -> Digest:
    """Extract every input, set aside what is not an article (``screen``), group the articles
    into stories, and brief each story: the digest ``summarizer brief`` writes for a mixed
    input. When every input failed, ``SummarizerError`` (an error, not an empty briefing)."""
    done = await run_async(inputs, brief=True, screen=screen, **options)
    if not done.results:
        _raise_failures(done.failed)
    assert done.digest is not None
    return done.digest


def digest(inputs: Inputs, **options: Any) -> Digest:
    """The digest: one briefing per story (see ``digest_async`` for the options)."""
    return asyncio.run(digest_async(inputs, **options))


async def brief_async(
    inputs: Inputs, *, since: Earlier | None = None, store: str | Path | None = None, window: str | datetime.timedelta | None = None,
    screen: bool = True, **options: Any,
) -> Briefing | Digest:
    """Extract every input, merge, headline: what ``summarizer brief`` writes -- one
    ``Briefing`` when the input is one story, else the ``Digest`` of its stories (``run``
    returns both, typed apart: ``RunResult.briefing`` and ``RunResult.digest``).

    ``since``: an earlier briefing or digest of this tool (the object, or the path of its
    JSON): the result carries ``changes`` against it (see ``changes``). ``store`` (a path):
    articles seen before are not asked again, the briefing is kept, and the last one kept is
    the default ``since``; ``window`` ("48h") adds the stored articles of that span."""
    kept = open_store(store, window)
    try:
        earlier = read_briefing(since) if since is not None else kept["store"].last() if kept else None  # fails before any model call
        done = await run_async(inputs, brief=True, screen=screen, **kept, **options)
        if not done.results:
            _raise_failures(done.failed)
        assert done.digest is not None
        out = done.briefing or done.digest
        if kept:
            return follow(out, done.results, kept["store"], earlier, from_store=since is None)
        return with_changes(out, earlier, done.results) if earlier is not None else out
    finally:
        if kept:
            kept["store"].close()


def brief(inputs: Inputs, **options: Any) -> Briefing | Digest:
    """The briefing (see ``brief_async``); ``digest()`` always returns a ``Digest``."""
    return asyncio.run(brief_async(inputs, **options))


def changes(previous: Earlier, current: Earlier) -> Changes:
    """What changed from an earlier briefing or digest to a later one (objects or JSON paths):
    every story, fact, disagreement, quote and event marked new, updated or unchanged, and what
    the earlier one held that no article supports any more (``summarizer.merge.changes``)."""
    return compare_briefings(read_briefing(previous), read_briefing(current))


def merge_digest(
    results: Iterable[ArticleResult], *, texts: dict[str, str] | None = None, workers: int | None = None
) -> Digest:
    """Per-article results -> their stories, each merged into a briefing, with no model call
    (what ``summarizer merge`` writes for results that tell several stories). Many stories are
    merged in ``workers`` processes (default: every CPU this process may use)."""
    results = list(results)
    found = stories(results, texts=texts)
    briefings = merge_stories(found, {r.source.id: r for r in results}, texts or {}, workers=workers)
    return Digest(stories=[s.model_copy(update={"briefing": b}) for s, b in zip(found, briefings, strict=True)])


def stories(results: Iterable[ArticleResult], *, texts: dict[str, str] | None = None) -> list[Story]:
    """Per-article results -> their stories (ids, titles, members and why), no model call."""
    results = list(results)
    return cluster_stories(results, voices=voice_groups(results, texts or {}))


def load_results(paths: list[Path]) -> list[ArticleResult]:
    """Per-article JSON as ``extract`` writes it: files (one object, an array, or JSONL) or folders."""
    from pydantic import ValidationError

    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(f for f in p.glob("*.json") if f.is_file())  # not a folder named "x.json"
            if not found:
                raise InputError(f"{p}: no .json files here")
            files += found
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(f"{p}: no such file or directory")
    results = []
    for f in files:
        try:
            text = f.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise InputError(f"{f}: not UTF-8 (JSON from 'summarizer extract' is UTF-8)") from None
        except OSError as exc:
            raise InputError(f"{f}: cannot read ({exc.strerror})") from None
        try:
            if text.lstrip().startswith("["):
                results += [ArticleResult.model_validate(x) for x in json.loads(text)]
            elif f.suffix == ".jsonl":
                results += [ArticleResult.model_validate_json(line) for line in text.splitlines() if line.strip()]
            else:
                results.append(ArticleResult.model_validate_json(text))
        except (ValidationError, ValueError) as exc:
            first = str(exc).splitlines()[0]
            raise InputError(f"{f}: not a per-article result from 'summarizer extract' ({first})") from None
    return results


def texts_for(results: list[ArticleResult]) -> dict[str, str]:
    """Each result's article text (what its evidence offsets index: ``Article.raw``), re-loaded
    from its recorded path with the same loader; skipped when the file is missing, changed
    (other sha256) or no longer loads."""
    texts = {}
    for r in results:
        path = Path(r.source.path) if r.source.path else None
        if not (path and path.is_file()):
            continue
        try:
            article = articles_mod.load_file(path)
        except InputError:
            continue
        if article.sha256 == r.source.sha256:
            texts[r.source.id] = article.raw
    return texts


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


def desk(folder: str | Path, **options: Any) -> list[DeskScore]:
    """Score a desk test set (``summarizer evaluate --desk``): each sub-folder holding a
    ``labels.json`` is one story, briefed as ``brief`` does with its defaults for the embedded
    model (code alone merges; ``replay`` answers from recordings) and read as an editor would
    (``summarizer.evaluate.evaluate_desk``). A story the grouping would split is briefed whole
    and says so in its first error line. An article that fails stops the run (``EndpointError``,
    ``ReplayMiss``, ...): a story without one of its articles is not the story labelled."""
    from .evaluate import evaluate_desk, evaluate_entities, evaluate_quotes, load_labels

    folders = sorted(p for p in Path(folder).iterdir() if (p / "labels.json").is_file())
    if not folders:
        raise InputError(f"{folder}: no story folders with a labels.json")
    scores = []
    for story in folders:
        done = run([str(story)], brief=False, **options)
        if done.failed:
            raise SummarizerError(f"{story.name}: " + "; ".join(f"{k}: {v}" for k, v in done.failed.items()))
        results = done.results
        texts = texts_for(results)
        labels = load_labels(story / "labels.json")
        briefing = merge(results, texts=texts)
        score = evaluate_desk(story.name, labels, briefing, texts)
        score.quotes = evaluate_quotes(labels, results)
        if "entities" in labels:
            score.entities = evaluate_entities(labels, briefing)
            score.errors += score.entities.errors
        score.errors += score.quotes.errors
        found = stories(results, texts=texts)
        if len(found) > 1:
            score.errors.insert(0, f"the story grouping splits these articles into {len(found)} stories (briefed whole here)")
        scores.append(score)
    return scores


def days(folder: str | Path, **options: Any) -> tuple[DaysScore, list[Briefing | Digest]]:
    """Score a feed followed over days (``summarizer evaluate --days``): each day's folder
    (``labels.json`` names them, in order) briefed as ``brief`` does, with ``since`` the day
    before's briefing, and its marks scored against the labels
    (``summarizer.evaluate.days``). Returns the score and each day's briefing."""
    from .evaluate.days import score_day

    path = Path(folder)
    try:
        labels = json.loads((path / "labels.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: no readable labels.json ({exc})") from exc
    score, briefs = DaysScore(), list[Briefing | Digest]()
    for k, day in enumerate(labels["days"]):
        since = briefs[-1] if briefs else None
        briefs.append(brief([str(path / day["day"])], since=since, **options))
        if since is not None:
            score_day(day, labels["days"][k - 1], briefs[-1], since, score)
    return score, briefs


def label_report(
    labels: dict[str, Any], results: list[ArticleResult], *, briefing: Briefing | None = None, stories_data: Any = None
) -> tuple[str, list[str]]:
    """``summarizer evaluate --labels``: the tables for what the labels hold (the merge of
    ``results`` -- or ``briefing`` -- against people, events, quotes, facts, disagreements and
    attributed quotes; stories and set-aside documents, from ``stories_data``, a stories or
    briefing JSON, else from grouping ``results``) and every error line. ``ValueError`` for
    labels that cannot be used or a JSON that holds no stories."""
    from .evaluate import evaluate_stories, merge_report, stories_from_json, story_table

    texts = texts_for(results)
    text = ""
    errors: list[str] = []
    if results and any(k in labels for k in ("people", "events", "quotes", "facts", "disagreements", "attributed_quotes")):
        text, errors = merge_report(labels, results, texts, briefing)
    if "stories" in labels or "set_aside" in labels:
        if stories_data is not None:
            try:
                clusters, aside = stories_from_json(stories_data)
            except ValueError as exc:  # pydantic's ValidationError is one
                raise ValueError(f"not a stories or briefing JSON ({str(exc).splitlines()[0]})") from None
        else:
            clusters, aside = [s.sources for s in stories(results, texts=texts)], None
        score = evaluate_stories(labels, clusters, aside)
        text += "\n" + story_table(score) + "\n"
        errors = errors + score.errors
    return text, errors
